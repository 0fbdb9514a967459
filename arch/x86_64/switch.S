/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread context switch. The SysV AMD64 ABI (§3.2.1) makes rbx, rbp and r12-r15
 * callee-saved: the switch pushes them on the old stack, stores its rsp, loads the new
 * one and pops. Everything else is already saved by the compiler around the call.
 * Kernel code is built with -mgeneral-regs-only, so only application code (CONFIG_FPU)
 * has x87/SSE/AVX state; it is saved here and nowhere else, into the area the context
 * points to (fpu.c). An XSAVE mask of all ones (edx:eax) saves every component XCR0
 * enables (SDM 1 §13.7).
 */
#define CTX_SP	0
#define CTX_FPU	8

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
	movq	CTX_FPU(%rdi), %rcx
	testq	%rcx, %rcx
	jz	2f
	cmpb	$0, x86_fpu_xsave(%rip)
	je	1f
	movl	$-1, %eax
	movl	$-1, %edx
	xsave64	(%rcx)
	jmp	2f
1:	fxsave64 (%rcx)
2:	movq	CTX_FPU(%rsi), %rcx
	testq	%rcx, %rcx
	jz	4f
	cmpb	$0, x86_fpu_xsave(%rip)
	je	3f
	movl	$-1, %eax
	movl	$-1, %edx
	xrstor64 (%rcx)
	jmp	4f
3:	fxrstor64 (%rcx)
4:
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
