/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry stubs for all 256 vectors. Each pushes an error code (a zero where the CPU
 * pushes none) and the vector, then the common path saves the general registers as
 * struct x86_trap_frame (traps.h) and calls x86_trap(frame) for the CPU exceptions
 * (0..31) or x86_irq(frame) for interrupts (32..255).
 */


	.text
	.altmacro
.macro TRAP_STUB vec
	.balign	16
x86_trap_stub_\vec:
	/* SDM 3A §6.3.1 table 6-1: the CPU pushes an error code for these vectors. */
	.if (\vec >= 32) || !((\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30))
	pushq	$0
	.endif
	pushq	$\vec
	jmp	x86_trap_common
.endm

.set vec, 0
.rept 256
	TRAP_STUB %vec
	.set vec, vec + 1
.endr

x86_trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi
	cmpq	$32, 15*8(%rsp)			/* the vector, above the 15 registers */
	jae	1f
	call	x86_trap
	jmp	2f
1:	call	x86_irq
2:
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp			/* vector and error code */
	iretq

.macro TRAP_PTR vec
	.quad	x86_trap_stub_\vec
.endm

	.section .rodata
	.balign	8
	.globl	x86_trap_stubs
x86_trap_stubs:
.set vec, 0
.rept 256
	TRAP_PTR %vec
	.set vec, vec + 1
.endr
