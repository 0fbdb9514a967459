/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What loaders look for in the image. QEMU -kernel on pc/q35 takes the multiboot
 * header (its multiboot loader refuses 64-bit ELF, hence the a.out kludge addresses);
 * PVH loaders (QEMU microvm, Xen, Firecracker-style VMMs) take the Xen ELF note.
 */
#define MB_MAGIC	0x1badb002
/* Multiboot 0.6.96 §3.1.2: bit 1 = provide the memory map, bit 16 = a.out kludge. */
#define MB_FLAGS	((1 << 1) | (1 << 16))
/* xen/include/public/elfnote.h: XEN_ELFNOTE_PHYS32_ENTRY. */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

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

	.section .note.Xen, "a"
	.balign	4
	.long	4				/* name size */
	.long	4				/* descriptor size */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.long	x86_start32
