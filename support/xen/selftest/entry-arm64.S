/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The harness self-test guest's arm64 entry (support/xen/selftest/guest.c). Xen's
 * toolstack loads an arm64 Image (the Linux arm64 boot protocol, Documentation/arm64/
 * booting.rst in Linux: the 64-byte header below, "ARM\x64" at offset 56) at guest RAM
 * plus text_offset and starts it at EL1, MMU off, x0 = the device tree's address.
 */
	.section .head, "ax"
	.globl _head
_head:
	b	start			/* code0 */
	.long	0			/* code1 */
	.quad	0x80000			/* text_offset: the address guest-arm64.lds links at */
	.quad	_end - _head		/* image_size, bss included */
	.quad	0xa			/* flags: little-endian, 4 KiB pages, anywhere in RAM */
	.quad	0, 0, 0			/* res2-res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

	.text
start:
	mov	x19, x0
	/* The bss is not part of the file: zero it. */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, _end
	add	x2, x2, :lo12:_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	adrp	x1, stack_top
	add	x1, x1, :lo12:stack_top
	mov	sp, x1
	mov	x0, x19
	bl	selftest_main
3:	wfi
	b	3b

	.section .note.GNU-stack, "", @progbits

	.bss
	.balign 16
	.skip 16384
stack_top:
