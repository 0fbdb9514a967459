// SPDX-License-Identifier: BSD-3-Clause
/*
 * FP/SIMD state for application code (CONFIG_FPU). Keel's own code is built with
 * -mgeneral-regs-only, so exceptions never touch this state. It moves lazily, as on
 * x86_64: a switch (switch.S) clears CPACR_EL1.FPEN unless the next thread's state is
 * the one in the registers, and the thread's first FP/SIMD instruction then traps
 * (ESR class 0x07, ARM ARM D17.2.30), where arm64_fpu_trap() saves the registers into
 * their owner's area and loads the running thread's. Threads that never use FP/SIMD
 * (the idle thread, kworker, most of Keel) never pay for a save.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/panic.h>
#include "sysregs.h"

void arm64_fpu_save(void *area);
void arm64_fpu_restore(const void *area);
bool arm64_fpu_trap(void);
void *arm64_fpu_area_init(struct k_arch_context *ctx, void *stack_top);

/* The area whose state is in the registers, and the running thread's (switch.S). */
void *arm64_fpu_owner;
void *arm64_fpu_current;

static uint8_t fpu_boot_area[ARM64_FPU_AREA_SIZE] __k_aligned(ARM64_FPU_AREA_ALIGN);

static void fpu_enable(void)
{
	arm64_sysreg_write(cpacr_el1, arm64_sysreg_read(cpacr_el1) | CPACR_FPEN_ON);
	arm64_isb();
}

/* The boot thread's state is the one in the registers, and FP/SIMD is on (entry.S). */
void k_arch_context_init_boot(struct k_arch_context *ctx)
{
	ctx->fpu = fpu_boot_area;
	arm64_fpu_owner = fpu_boot_area;
	arm64_fpu_current = fpu_boot_area;
}

/* The thread is gone: its state must not be saved into its freed stack later. */
void k_arch_context_release(struct k_arch_context *ctx)
{
	unsigned long flags = k_arch_irq_save();

	if (arm64_fpu_owner == ctx->fpu)
		arm64_fpu_owner = NULL;
	k_arch_irq_restore(flags);
}

/*
 * FP/SIMD access trap from EL1: the running thread used FP/SIMD while another thread's
 * state was in the registers. Interrupts are masked (exception entry). Returns false
 * when FP/SIMD was on already: then it was not this.
 */
bool arm64_fpu_trap(void)
{
	if ((arm64_sysreg_read(cpacr_el1) & CPACR_FPEN_MASK) == CPACR_FPEN_ON)
		return false;
	fpu_enable();
	if (arm64_fpu_owner == arm64_fpu_current)
		return true;
	if (!arm64_fpu_current)
		k_panic("fpu: a thread without a state area used FP/SIMD");
	if (arm64_fpu_owner)
		arm64_fpu_save(arm64_fpu_owner);
	arm64_fpu_restore(arm64_fpu_current);
	arm64_fpu_owner = arm64_fpu_current;
	return true;
}

/* Carve the thread's state area from the top of its stack; returns the new top. */
void *arm64_fpu_area_init(struct k_arch_context *ctx, void *stack_top)
{
	uintptr_t area = K_ALIGN_DOWN((uintptr_t)stack_top - ARM64_FPU_AREA_SIZE,
				      ARM64_FPU_AREA_ALIGN);

	/* A new thread starts with zeroed registers, FPCR 0 (round to nearest, no traps). */
	memset((void *)area, 0, ARM64_FPU_AREA_SIZE);
	ctx->fpu = (void *)area;
	return (void *)area;
}
