/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 entry under the Linux arm64 boot protocol (Documentation/arch/arm64/booting.rst):
 * MMU off, x0 = physical address of the device tree, at EL2 or EL1. Drops to EL1, moves
 * read-only data and data to the pages they are linked at (the file packs them:
 * link.lds.S), zeroes .bss, turns on an identity map with caches (device memory below
 * 1 GiB, normal memory above: QEMU virt's layout), sets up the stacks and calls the
 * platform's arm64_boot(dtb).
 */
#include "sysregs.h"

	.section .text.head, "ax"
	.globl	_start
_start:
	/* The Image header (booting.rst §4). */
	b	arm64_entry			/* code0 */
	.long	0				/* code1 */
	.quad	CONFIG_ARM64_LOAD_ADDR & 0x1fffff	/* text_offset from a 2 MiB base */
	.quad	__image_size			/* image_size, .bss included */
	.quad	IMAGE_FLAGS
	.quad	0, 0, 0				/* res2..res4 */
	.ascii	"ARM\x64"			/* magic */
	.long	0				/* res5 (PE header offset) */

	.section .text.boot, "ax"
arm64_entry:
	mov	x19, x0				/* the device tree */
	/* Linked to run at one address: elsewhere nothing below would work. */
	adr	x0, _start
	ldr	x1, =_start
	cmp	x0, x1
	b.ne	wrong_address

	mrs	x21, CurrentEL
	cmp	x21, #(2 << 2)
	b.ne	1f
	bl	el2_to_el1
1:	msr	daifset, #0xf
	mrs	x20, cntvct_el0			/* boot-time figures start here */

	/*
	 * Data first: its place may overlap where read-only data sits in the file, never
	 * the reverse (both move up, data from above read-only data).
	 */
	ldr	x0, =__data_start
	ldr	x1, =__data_end
	ldr	x2, =__data_shift
	bl	move_up
	ldr	x0, =__rodata_start
	ldr	x1, =__rodata_end
	ldr	x2, =__rodata_shift
	bl	move_up

	/* Zero .bss: the boot protocol leaves it to us. Both ends are 16-byte aligned. */
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
2:	cmp	x0, x1
	b.hs	3f
	stp	xzr, xzr, [x0], #16
	b	2b
3:	ldr	x0, =arm64_entry_counter
	str	x20, [x0]
	lsr	x21, x21, #2
	ldr	x0, =arm64_entry_el
	str	x21, [x0]

	bl	boot_map_build
	bl	invalidate_written
	bl	mmu_enable

	ldr	x0, =arm64_vectors
	msr	vbar_el1, x0
	/*
	 * Threads run on SP_EL0 (EL1t); exceptions arrive on SP_EL1, a stack of their own,
	 * so that a fault from an overflowed stack can still be reported.
	 */
	ldr	x0, =arm64_exception_stack_top
	mov	sp, x0
	msr	spsel, #0
	ldr	x0, =arm64_boot_stack_top
	mov	sp, x0
#ifdef CONFIG_FPU
	/* CPACR_EL1.FPEN = 0b11: FP/SIMD usable at EL1; the boot thread owns the registers. */
	mov	x0, #CPACR_FPEN_ON
	msr	cpacr_el1, x0
#else
	msr	cpacr_el1, xzr			/* any FP/SIMD use traps, and is reported */
#endif
	isb
	mov	x29, #0				/* ends every backtrace */
	mov	x30, #0
	mov	x0, x19
	bl	arm64_boot
	udf	#0

/*
 * Entered at EL2 (QEMU -M virt,virtualization=on, or firmware that keeps EL2): run Keel
 * at EL1 in AArch64 with the counters, timers, FP/SIMD and the GICv3 system registers
 * available to it, then return there.
 */
el2_to_el1:
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mov	x0, #CPTR_EL2_RES1
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	/* ID_AA64PFR0_EL1.GIC (bits 27:24) != 0: GICv3 system registers exist. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #24, #4
	cbz	x0, 1f
	mov	x0, #(ICC_SRE_SRE | ICC_SRE_ENABLE)
	msr	ICC_SRE_EL2, x0
	isb
1:	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	msr	elr_el2, x30
	eret

/*
 * move_up(x0 = start, x1 = end, x2 = shift): copy [start - shift, end - shift) to
 * [start, end), from the top down as the ranges may overlap (shift < end - start).
 * Both ends and the shift are multiples of 16 (link.lds.S); with the MMU off memory is
 * Device memory, where only aligned accesses work.
 */
move_up:
	cbz	x2, 2f
	sub	x3, x1, x2
1:	cmp	x1, x0
	b.ls	2f
	ldp	x4, x5, [x3, #-16]!
	stp	x4, x5, [x1, #-16]!
	b	1b
2:	ret

/*
 * What the CPU wrote with the MMU off (moved data, .bss, the boot tables) went to
 * memory, past the caches; a line a loader left in the cache for those addresses would
 * hide it once the caches are on. Invalidate [__rodata_start, __bss_end) to the point of
 * coherency (DC IVAC), by the smallest data cache line (CTR_EL0.DminLine, bits 19:16,
 * log2 of words).
 */
invalidate_written:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4
	mov	x2, #4
	lsl	x2, x2, x3
	ldr	x0, =__rodata_start
	ldr	x1, =__bss_end
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

/*
 * The boot map: 1 GiB blocks over the first 512 GiB, device memory below 1 GiB (QEMU
 * virt's flash, GIC, UART, virtio-mmio), normal write-back memory above (its RAM
 * starts at 1 GiB). k_arch_mmu_init() replaces it with the final tables.
 */
boot_map_build:
	ldr	x0, =arm64_boot_l0
	ldr	x1, =arm64_boot_l1
	orr	x2, x1, #PTE_TABLE
	str	x2, [x0]
	ldr	x2, =PTE_BOOT_DEVICE
	str	x2, [x1], #8
	mov	x3, #1
	ldr	x2, =PTE_BOOT_NORMAL
1:	orr	x4, x2, x3, lsl #30
	str	x4, [x1], #8
	add	x3, x3, #1
	cmp	x3, #512
	b.lo	1b
	ret

mmu_enable:
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	/* TCR_EL1.IPS: the CPU's physical address size (ID_AA64MMFR0_EL1.PARange). */
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #7
	ldr	x0, =TCR_VALUE
	orr	x0, x0, x1, lsl #32
	msr	tcr_el1, x0
	ldr	x0, =arm64_boot_l0
	msr	ttbr0_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	mrs	x0, sctlr_el1
	ldr	x1, =SCTLR_MMU_ON
	orr	x0, x0, x1
	bic	x0, x0, #SCTLR_A
	msr	sctlr_el1, x0
	isb
	ret

wrong_address:
	/* Nothing is set up to report it with: stop, visibly, in a debugger. */
	wfe
	b	wrong_address

	.section .data.boot, "aw"
	.balign	8
	.globl	arm64_entry_counter
arm64_entry_counter:
	.quad	0
	.globl	arm64_entry_el
arm64_entry_el:					/* the exception level the loader left us at */
	.quad	0

	.section .bss.boot, "aw", @nobits
	.balign	4096
	/* The boot tables stay together: k_arch_mmu_init() frees them as one range. */
	.globl	arm64_boot_l0, arm64_boot_l1, arm64_boot_stack_guard, arm64_boot_stack_top
	.globl	arm64_exception_stack_top
arm64_boot_l0:
	.skip	4096
arm64_boot_l1:
	.skip	4096
arm64_boot_stack_guard:				/* unmapped by k_arch_mmu_init() */
	.skip	4096
arm64_boot_stack:
	.skip	CONFIG_ARM64_BOOT_STACK_SIZE
arm64_boot_stack_top:
arm64_exception_stack:
	.skip	CONFIG_ARM64_EXCEPTION_STACK_SIZE
arm64_exception_stack_top:
