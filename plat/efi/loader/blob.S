/* SPDX-License-Identifier: BSD-3-Clause */
/* The Keel kernel ELF, carried inside the loader (KEEL_KERNEL_PATH is set by the build). */
	.section .rodata.keel_kernel, "a"
	.balign	4096
	.globl	keel_kernel_start, keel_kernel_end
keel_kernel_start:
	.incbin	KEEL_KERNEL_PATH
keel_kernel_end:
	.section .note.GNU-stack, "", %progbits
