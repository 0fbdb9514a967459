/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread context switch. The SysV AMD64 ABI (§3.2.1) makes rbx, rbp and r12-r15
 * callee-saved: the switch pushes them on the old stack, stores its rsp, loads the new
 * one and pops. Everything else is already saved by the compiler around the call.
 * Kernel code is built with -mgeneral-regs-only, so only application code (CONFIG_FPU)
 * has x87/SSE/AVX state; the switch only arms the lazy save (fpu.c).
 */
#define CTX_SP	0
#define CTX_FPU	8
#define CR0_TS	0x8	/* SDM 3A §2.5: the next FPU/SSE instruction raises #NM */

	.text

/* void k_arch_context_switch(struct k_arch_context *from, struct k_arch_context *to) */
	.globl	k_arch_context_switch
	.type	k_arch_context_switch, @function
k_arch_context_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, CTX_SP(%rdi)
#ifdef CONFIG_FPU
	/*
	 * Lazy FPU switch (fpu.c): switching to a thread whose state is not the one in
	 * the registers sets CR0.TS, so its first FPU instruction traps (#NM) and
	 * x86_fpu_trap() moves the state. Switching back to the owner leaves TS as it is:
	 * if set, the owner's next FPU instruction only clears it. CR0 is written only when
	 * TS must be set: threads that never touch the FPU switch without writing it.
	 */
	movq	CTX_FPU(%rsi), %rcx
	movq	%rcx, x86_fpu_current(%rip)
	cmpq	%rcx, x86_fpu_owner(%rip)
	je	2f
	movq	%cr0, %rax
	testq	$CR0_TS, %rax
	jnz	2f
	orq	$CR0_TS, %rax
	movq	%rax, %cr0
2:
#endif
	movq	CTX_SP(%rsi), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	k_arch_context_switch, . - k_arch_context_switch

/*
 * A new thread's first switch "returns" here (k_arch_context_init): r12 holds the
 * argument, r13 the entry. rbp is zero so that backtraces end at the thread's entry.
 */
	.globl	x86_thread_trampoline
	.type	x86_thread_trampoline, @function
x86_thread_trampoline:
	movq	%r12, %rdi
	xorl	%ebp, %ebp
	call	*%r13
	ud2
	.size	x86_thread_trampoline, . - x86_thread_trampoline
