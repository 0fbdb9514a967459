/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The harness self-test guest's entry (support/xen/selftest/guest.c). Xen's PVH boot
 * ABI (docs/misc/pvh.pandoc in Xen's tree): the ELF note XEN_ELFNOTE_PHYS32_ENTRY (18)
 * gives the physical entry address; the vCPU starts there in 32-bit protected mode,
 * paging off, flat segments, with %ebx = the physical address of struct hvm_start_info.
 */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4			/* name size, "Xen\0" */
	.long 4			/* descriptor size */
	.long 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long pvh_start

	.text
	.code32
	.globl pvh_start
pvh_start:
	cld
	movl $stack_top, %esp
	pushl %ebx
	call selftest_main
1:	hlt
	jmp 1b

	.section .note.GNU-stack, "", @progbits

	.bss
	.balign 16
	.skip 16384
stack_top:
