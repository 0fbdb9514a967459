/* SPDX-License-Identifier: BSD-3-Clause */
/* Arm semihosting calls (the host debugger or QEMU -semihosting serves them). */
#ifndef KEEL_ARM64_SEMIHOST_H
#define KEEL_ARM64_SEMIHOST_H

#define ARM64_SEMIHOST_SYS_EXIT_EXTENDED	0x20
#define ARM64_SEMIHOST_APP_EXIT			0x20026	/* ADP_Stopped_ApplicationExit */
#define ARM64_SEMIHOST_ABSENT			(-0x5e41L)

/*
 * Issue semihosting operation op with parameter block param. Returns the host's
 * result, or ARM64_SEMIHOST_ABSENT when no host answered (the HLT trapped as an
 * undefined instruction and was skipped).
 */
long arm64_semihost_call(unsigned int op, const void *param);

#endif /* KEEL_ARM64_SEMIHOST_H */
