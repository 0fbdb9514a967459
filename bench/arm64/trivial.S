/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reference kernel for the arm64 rows of `make bench`: loaded the way Keel's image is (a
 * Linux arm64 Image header, QEMU -kernel), it prints one line on QEMU virt's PL011 and
 * powers off the way plat/kvm/arm64/poweroff.c does under support/qemu-run: semihosting
 * SYS_EXIT_EXTENDED with status 0, which qemu-run reports as 0. It has no vector table,
 * so without a semihosting host the HLT would not come back: it needs -semihosting.
 */
#define UART_BASE	0x09000000	/* QEMU virt's PL011 (hw/arm/virt.c memmap) */
#define UART_DR		0x000		/* PL011 TRM: data register */
#define UART_FR		0x018		/* flags; bit 5 TXFF: transmit FIFO full */
#define SYS_EXIT_EXTENDED	0x20	/* Arm semihosting spec: the operation number */
#define APP_EXIT	0x20026		/* ADP_Stopped_ApplicationExit */

	.section .text.head, "ax"
	.globl	_start
_start:
	/* The Image header (Linux Documentation/arch/arm64/booting.rst, 4). */
	b	entry				/* code0 */
	.long	0				/* code1 */
	.quad	0x80000				/* text_offset: loaded 512 KiB into RAM */
	.quad	_end - _start			/* image_size */
	.quad	2				/* flags: little-endian, 4 KiB pages */
	.quad	0, 0, 0				/* res2..res4 */
	.ascii	"ARM\x64"			/* magic */
	.long	0				/* res5 */

entry:
	ldr	x1, =UART_BASE
	adr	x2, line
1:	ldrb	w3, [x2], #1
	cbz	w3, 3f
2:	ldr	w4, [x1, #UART_FR]
	tbnz	w4, #5, 2b
	str	w3, [x1, #UART_DR]
	b	1b
3:	/* Semihosting (Arm semihosting spec, 4.1): HLT #0xF000, operation in w0, block in x1. */
	mov	w0, #SYS_EXIT_EXTENDED
	adr	x1, exit_block
	hlt	#0xf000
4:	wfi
	b	4b

	.balign	8
exit_block:
	.quad	APP_EXIT
	.quad	3				/* 2 * status + 3, as Keel passes (poweroff.c) */
line:
	.asciz	"trivial: hello\n"
	.balign	8
	.ltorg
