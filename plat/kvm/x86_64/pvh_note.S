/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PVH entry note: PVH loaders (QEMU microvm, Xen, Firecracker-style VMMs) enter
 * x86_start32 in 32-bit protected mode with ebx = struct hvm_start_info.
 */
/* xen/include/public/elfnote.h: XEN_ELFNOTE_PHYS32_ENTRY. */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

	.section .note.Xen, "a"
	.balign	4
	.long	4				/* name size */
	.long	4				/* descriptor size */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.long	x86_start32
