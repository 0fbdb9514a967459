/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 entry from the EFI loader (plat/efi/loader): 64-bit mode, the firmware's page
 * tables (identity map), interrupts off, rdi = struct efi_handoff. Zeroes .bss, moves to
 * the boot stack and calls efi_x86_boot(handoff), which builds Keel's own boot map.
 */
	.section .text.boot, "ax"
	.code64
	.globl	efi_start64
efi_start64:
	cli
	cld
	movq	%rdi, %r12			/* callee-saved across the zeroing */
	movq	$__bss_start, %rdi
	movq	$__bss_end, %rcx
	subq	%rdi, %rcx
	xorl	%eax, %eax
	rep stosb
	movq	$x86_boot_stack_top, %rsp
	xorl	%ebp, %ebp			/* ends every backtrace */
	movq	%r12, %rdi
	call	efi_x86_boot
	ud2
