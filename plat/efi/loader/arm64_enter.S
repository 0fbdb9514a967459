/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64: the jump from the loader (after ExitBootServices) to the kernel.
 *
 *   void loader_arm64_enter(UINT64 entry, void *handoff, UINT64 start, UINT64 end,
 *                           UINT64 handoff_size)
 *
 * UEFI (2.10 §2.3.6) runs the loader at EL2 or EL1 with the MMU on, the firmware's
 * identity map and the caches enabled. The kernel's entry (arch/arm64/entry.S) is the
 * one QEMU's -kernel path uses: the Linux arm64 boot protocol, MMU off, at EL2 or EL1,
 * building its own page tables. We hand over in that state rather than building Keel's
 * tables here: one entry path for every loader, the drop from EL2 to EL1 in one place,
 * and no dependence on the firmware's tables, which live in boot-services memory that
 * Keel reuses.
 *
 * So the MMU and the data cache are turned off first, then the kernel's range and the
 * handoff are cleaned and invalidated to the point of coherency by address (the loader
 * copied them with the cache on: the kernel reads them with the MMU off, uncached, and
 * no line of them may be left to be written back or hit later), then the instruction
 * cache is invalidated (it may hold the firmware's code at the kernel's addresses).
 * The maintenance comes after the MMU is off because with it on the CPU may refill
 * lines speculatively; with it off data accesses are Device accesses and are not.
 * Nothing here touches the stack or memory: everything is in registers.
 */
	.text
	.globl	loader_arm64_enter
	.type	loader_arm64_enter, %function
loader_arm64_enter:
	msr	daifset, #0xf
	mov	x19, x0				/* kernel entry */
	mov	x20, x1				/* handoff */
	/* SCTLR_ELx.M (bit 0) and C (bit 2) off, WXN (bit 19) off for the next owner. */
	mov	x9, #((1 << 0) | (1 << 2))
	orr	x9, x9, #(1 << 19)
	mrs	x10, CurrentEL
	cmp	x10, #(2 << 2)
	b.ne	1f
	mrs	x11, sctlr_el2
	bic	x11, x11, x9
	msr	sctlr_el2, x11
	b	2f
1:	mrs	x11, sctlr_el1
	bic	x11, x11, x9
	msr	sctlr_el1, x11
2:	isb

	/* CTR_EL0.DminLine (bits 19:16): log2 of the smallest data cache line in words. */
	mrs	x9, ctr_el0
	ubfx	x9, x9, #16, #4
	mov	x10, #4
	lsl	x10, x10, x9			/* line size in bytes */
	sub	x11, x10, #1
	bic	x2, x2, x11
3:	cmp	x2, x3				/* the kernel: [start, end) */
	b.hs	4f
	dc	civac, x2
	add	x2, x2, x10
	b	3b
4:	add	x4, x1, x4			/* the handoff: [handoff, handoff + size) */
	bic	x1, x1, x11
5:	cmp	x1, x4
	b.hs	6f
	dc	civac, x1
	add	x1, x1, x10
	b	5b
6:	dsb	sy
	ic	iallu
	dsb	sy
	isb

	mov	x0, x20				/* the kernel's first argument: the handoff */
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x19
	.size	loader_arm64_enter, . - loader_arm64_enter
	.section .note.GNU-stack, "", %progbits
