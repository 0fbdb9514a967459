/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The exception vector table (ARM ARM D1.10.2): 16 entries of 0x80 bytes in four groups,
 * by where the exception came from: EL1 on SP_EL0 (EL1t, how threads run), EL1 on SP_EL1
 * (EL1h, the exception stack), and EL0 in AArch64 or AArch32 (never used by Keel).
 *
 * Synchronous exceptions and SErrors are handled on SP_EL1, the exception stack, so that
 * a thread whose stack overflowed into its guard page is still reported. Interrupts from
 * EL1t switch back to the thread's stack (SPSel = 0) before saving anything: the
 * scheduler may switch threads from the interrupt (k_irq_leave), and each thread keeps
 * its interrupted state on its own stack.
 */
#define FRAME_SIZE	288	/* struct arm64_trap_frame (traps.h), 16-byte multiple */
#define F_SP		248
#define F_ELR		256
#define F_SPSR		264
#define F_ESR		272
#define F_FAR		280

/* Save x0-x30 into a new frame at sp; from_el0_sp: the interrupted code ran on SP_EL0. */
.macro	frame_save, from_el0_sp
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	str	x30, [sp, #16 * 15]
.if \from_el0_sp
	mrs	x0, sp_el0
.else
	add	x0, sp, #FRAME_SIZE
.endif
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x0, x1, [sp, #F_SP]
	str	x2, [sp, #F_SPSR]
.endm

.macro	frame_restore_eret
	ldp	x1, x2, [sp, #F_ELR]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #16 * 15]
	add	sp, sp, #FRAME_SIZE
	eret
.endm

/* A synchronous exception or SError: frame on SP_EL1, arm64_trap(frame, vector, group). */
.macro	vector_trap, vector, group, from_el0_sp
	.balign	0x80
	frame_save \from_el0_sp
	mov	x1, #\vector
	mov	x2, #\group
	b	trap_common
.endm

	.text
	.balign	0x800
	.globl	arm64_vectors
arm64_vectors:
	/* Current EL with SP_EL0: threads. */
	vector_trap 0, 0, 1
	.balign	0x80
	b	irq_from_thread
	vector_trap 2, 0, 1
	vector_trap 3, 0, 1
	/* Current EL with SP_ELx: inside an exception handler. */
	vector_trap 0, 1, 0
	vector_trap 1, 1, 0
	vector_trap 2, 1, 0
	vector_trap 3, 1, 0
	/* Lower EL, AArch64 and AArch32: Keel runs nothing there. */
	vector_trap 0, 2, 0
	vector_trap 1, 2, 0
	vector_trap 2, 2, 0
	vector_trap 3, 2, 0
	vector_trap 0, 3, 0
	vector_trap 1, 3, 0
	vector_trap 2, 3, 0
	vector_trap 3, 3, 0

trap_common:
	mrs	x3, esr_el1
	mrs	x4, far_el1
	stp	x3, x4, [sp, #F_ESR]
	mov	x0, sp
	bl	arm64_trap
	frame_restore_eret

irq_from_thread:
	msr	spsel, #0			/* back onto the interrupted thread's stack */
	frame_save 0
	stp	xzr, xzr, [sp, #F_ESR]
	mov	x0, sp
	bl	arm64_irq
	frame_restore_eret
