/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypercall page: Xen writes a 32-byte stub per hypercall into it when the guest
 * writes its address to the MSR CPUID leaf 0x400000x2 names. It sits in .text, so
 * the page tables keep it executable and read-only; Xen writes it by physical address.
 * Until then it is int3: a hypercall made too early traps with a report.
 */
	.section .text.xen_hypercall_page, "ax"
	.balign	4096
	.globl	xen_hypercall_page
	.type	xen_hypercall_page, @function
xen_hypercall_page:
	.fill	4096, 1, 0xcc
	.size	xen_hypercall_page, 4096
