/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread context switch. AAPCS64 §6.1.1 makes x19-x28, x29 (frame pointer) and x30 (link
 * register) callee-saved: the switch stores them on the old stack, stores its sp, loads
 * the new one and reloads them. Everything else is already saved by the compiler around
 * the call. Kernel code is built with -mgeneral-regs-only, so only application code
 * (CONFIG_FPU) has FP/SIMD state; the switch only arms the lazy save (fpu.c).
 */
#include "sysregs.h"

#define CTX_SP	0
#define CTX_FPU	8

	.text

/* void k_arch_context_switch(struct k_arch_context *from, struct k_arch_context *to) */
	.globl	k_arch_context_switch
	.type	k_arch_context_switch, @function
k_arch_context_switch:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	mov	x9, sp
	str	x9, [x0, #CTX_SP]
#ifdef CONFIG_FPU
	/*
	 * Lazy FP/SIMD switch (fpu.c): switching to a thread whose state is not the one in
	 * the registers clears CPACR_EL1.FPEN, so its first FP/SIMD instruction traps and
	 * arm64_fpu_trap() moves the state. Switching back to the owner leaves FPEN as it
	 * is: if off, the owner's next FP instruction only turns it on again.
	 */
	ldr	x9, [x1, #CTX_FPU]
	adrp	x10, arm64_fpu_current
	str	x9, [x10, :lo12:arm64_fpu_current]
	adrp	x10, arm64_fpu_owner
	ldr	x10, [x10, :lo12:arm64_fpu_owner]
	cmp	x9, x10
	b.eq	2f
	mrs	x11, cpacr_el1
	tst	x11, #CPACR_FPEN_MASK
	b.eq	2f
	bic	x11, x11, #CPACR_FPEN_MASK
	msr	cpacr_el1, x11
	isb
2:
#endif
	ldr	x9, [x1, #CTX_SP]
	mov	sp, x9
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
	.size	k_arch_context_switch, . - k_arch_context_switch

/*
 * A new thread's first switch "returns" here (k_arch_context_init): x19 holds the
 * argument, x20 the entry. x29 and x30 are zero so that backtraces end at the entry.
 */
	.globl	arm64_thread_trampoline
	.type	arm64_thread_trampoline, @function
arm64_thread_trampoline:
	mov	x0, x19
	mov	x29, #0
	mov	x30, #0
	blr	x20
	udf	#0
	.size	arm64_thread_trampoline, . - arm64_thread_trampoline
