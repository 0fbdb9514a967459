/* SPDX-License-Identifier: BSD-3-Clause */
/* Reference kernel for `make bench`: powers off through isa-debug-exit at once. */

#define MB_MAGIC	0x1BADB002
/* Multiboot 0.6.96 §3.1.2: bit 16 = the a.out kludge address fields are valid. */
#define MB_FLAGS	0x00010000

	.section .text
	.code32
	.globl	_start
_start:
	.align	4
mb_header:
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)
	.long	mb_header		/* header_addr */
	.long	_start			/* load_addr */
	.long	_end			/* load_end_addr */
	.long	_end			/* bss_end_addr */
	.long	trivial_entry		/* entry_addr */
trivial_entry:
	/* isa-debug-exit at port 0xf4: QEMU exits with (value << 1) | 1. */
	movw	$0xf4, %dx
	movl	$1, %eax
	outl	%eax, %dx
1:	hlt
	jmp	1b

	/* Xen ELF note PHYS32_ENTRY (xen/include/public/elfnote.h: type 18). */
	.section .note.Xen, "a"
	.align	4
	.long	4, 4, 18
	.asciz	"Xen"
	.long	trivial_entry
