/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Semihosting call (Arm "Semihosting for AArch32 and AArch64", §4.1): HLT #0xF000 with
 * the operation in w0 and its parameter in x1; the result comes back in x0. Without a
 * semihosting host (QEMU without -semihosting) HLT is an undefined instruction:
 * arm64_semihost_trap() (semihost.c) then skips it and the call returns
 * ARM64_SEMIHOST_ABSENT.
 */
	.text
/* long arm64_semihost_call(unsigned int op, const void *param) */
	.globl	arm64_semihost_call, arm64_semihost_insn
	.type	arm64_semihost_call, @function
arm64_semihost_call:
arm64_semihost_insn:
	hlt	#0xf000
	ret
	.size	arm64_semihost_call, . - arm64_semihost_call
