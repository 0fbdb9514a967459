/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The multiboot header: QEMU -kernel on pc/q35 (and GRUB) load the image through it.
 * QEMU's multiboot loader refuses 64-bit ELF files, hence the a.out kludge addresses.
 * When both this header and the PVH note are present, QEMU takes multiboot.
 */
#define MB_MAGIC	0x1badb002
/* Multiboot 0.6.96 §3.1.2: bit 1 = provide the memory map, bit 16 = a.out kludge. */
#define MB_FLAGS	((1 << 1) | (1 << 16))

	.section .multiboot, "a"
	.balign	4
mb_header:
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)
	.long	mb_header			/* header_addr */
	.long	__image_start			/* load_addr */
	.long	__data_end			/* load_end_addr */
	.long	__bss_end			/* bss_end_addr */
	.long	x86_start32			/* entry_addr */
