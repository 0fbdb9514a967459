/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ways out of an arm64 machine that plat/kvm and plat/efi share (exit.c): the
 * semihosting exit, which carries the status to the host, and PSCI SYSTEM_OFF.
 */
#ifndef PLAT_KVM_ARM64_EXIT_H
#define PLAT_KVM_ARM64_EXIT_H

/*
 * Semihosting SYS_EXIT_EXTENDED with 2 * status + 3 (0 <= status <= K_EXIT_PANIC),
 * unless semihosting=0 or the platform's Kconfig option turned it off. Returns when no
 * semihosting host took the call.
 */
void arm64_exit_semihosting(int status);

/* PSCI SYSTEM_OFF through the conduit of the device tree's psci node; returns if none. */
void arm64_exit_psci(void);

#endif /* PLAT_KVM_ARM64_EXIT_H */
