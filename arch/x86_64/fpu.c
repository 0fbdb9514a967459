// SPDX-License-Identifier: BSD-3-Clause
/*
 * Floating point and SIMD state for application code (CONFIG_FPU). Keel's own code is
 * built with -mgeneral-regs-only, so interrupts never touch this state. It moves
 * lazily: a switch (switch.S) sets CR0.TS unless the next thread's state is the one in
 * the registers, and the first FPU/SSE instruction of a thread then raises #NM
 * (SDM 3A §2.5, §13.4), where x86_fpu_trap() saves the registers into their owner's
 * area and loads the running thread's. Threads that never use the FPU (the idle
 * thread, kworker, most of Keel) never pay for a save: under TCG an XSAVE costs about
 * a microsecond, as much as the rest of a switch.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/print.h>
#include <keel/x86_64/cpu.h>

#define CR0_MP		(1ul << 1)	/* SDM 3A §2.5: WAIT honours TS */
#define CR0_EM		(1ul << 2)	/* x87 emulation: must be clear */
#define CR0_TS		(1ul << 3)	/* task switched: #NM on the next FPU use */
#define CR0_NE		(1ul << 5)	/* native x87 error reporting (#MF) */
#define CR4_OSFXSR	(1ul << 9)	/* FXSAVE/FXRSTOR and SSE enabled */
#define CR4_OSXMMEXCPT	(1ul << 10)	/* unmasked SSE exceptions raise #XM */
#define CR4_OSXSAVE	(1ul << 18)	/* XSAVE and XCR0 enabled */
#define CPUID1_ECX_XSAVE (1u << 26)
/* SDM 1 §13.1: XCR0 state components; AVX-512 and beyond stay off (bigger areas). */
#define XSTATE_WANTED	0x7u		/* x87 | SSE | AVX */
#define MXCSR_DEFAULT	0x1f80		/* all exceptions masked, round to nearest */

/* 1 when the areas are XSAVE format, 0 for FXSAVE. */
static uint8_t x86_fpu_xsave;
/* The area whose state is in the registers, and the running thread's (switch.S). */
void *x86_fpu_owner;
void *x86_fpu_current;
size_t x86_fpu_area_size = 512;	/* FXSAVE format, SDM 1 §10.5 */

/* The state a new thread starts with, and the adopted boot thread's area. */
static uint8_t fpu_init_state[X86_FPU_AREA_MAX] __k_aligned(X86_FPU_AREA_ALIGN);
static uint8_t fpu_boot_area[X86_FPU_AREA_MAX] __k_aligned(X86_FPU_AREA_ALIGN);

static void write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static void write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static void fpu_save(void *area)
{
	if (x86_fpu_xsave)
		__asm__ volatile("xsave64 (%0)" : : "r"(area), "a"(-1), "d"(-1) : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

static void fpu_restore(const void *area)
{
	if (x86_fpu_xsave)
		__asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"(-1), "d"(-1) : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ volatile("xsetbv" : : "c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

/* Enable XSAVE with the wanted components when the CPU has it and they fit. */
static void fpu_enable_xsave(void)
{
	struct x86_cpuid id = x86_cpuid(1, 0);
	uint32_t supported;
	size_t size;

	if (!(id.ecx & CPUID1_ECX_XSAVE))
		return;
	write_cr4(x86_read_cr4() | CR4_OSXSAVE);
	/* SDM 1 §13.2: CPUID.(0DH,0).EAX lists the XCR0 bits the CPU supports. */
	supported = x86_cpuid(0xd, 0).eax;
	xsetbv(0, supported & XSTATE_WANTED);
	/* ... and EBX the area size for the components now enabled in XCR0. */
	size = x86_cpuid(0xd, 0).ebx;
	if (size > X86_FPU_AREA_MAX) {
		xsetbv(0, supported & 0x3);
		return;
	}
	x86_fpu_xsave = 1;
	x86_fpu_area_size = size;
}

/* Early, before the scheduler copies the initial state into the first threads. */
static int x86_fpu_init(void)
{
	uint32_t mxcsr = MXCSR_DEFAULT;

	write_cr0((x86_read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(x86_read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	fpu_enable_xsave();
	__asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
	fpu_save(fpu_init_state);
	k_debug("fpu: %s, %zu-byte state per thread\n", x86_fpu_xsave ? "xsave" : "fxsave",
		x86_fpu_area_size);
	return 0;
}
K_INIT(x86_fpu_init, K_INIT_EARLY, 10);

/* The boot thread's state is the one in the registers, and TS is clear. */
void k_arch_context_init_boot(struct k_arch_context *ctx)
{
	ctx->fpu = fpu_boot_area;
	x86_fpu_owner = fpu_boot_area;
	x86_fpu_current = fpu_boot_area;
}

/* The thread is gone: its state must not be saved into its freed stack later. */
void k_arch_context_release(struct k_arch_context *ctx)
{
	unsigned long flags = k_arch_irq_save();

	if (x86_fpu_owner == ctx->fpu)
		x86_fpu_owner = NULL;
	k_arch_irq_restore(flags);
}

/*
 * #NM with CR0.TS set: the running thread touched the FPU while another thread's state
 * was in the registers. Interrupts are off (an interrupt gate). Returns false when the
 * trap is not this (TS clear: a real device-not-available fault).
 */
bool x86_fpu_trap(void)
{
	if (!(x86_read_cr0() & CR0_TS))
		return false;
	__asm__ volatile("clts");
	if (x86_fpu_owner == x86_fpu_current)
		return true;
	if (!x86_fpu_current)
		k_panic("fpu: a thread without a state area used the FPU");
	if (x86_fpu_owner)
		fpu_save(x86_fpu_owner);
	fpu_restore(x86_fpu_current);
	x86_fpu_owner = x86_fpu_current;
	return true;
}

/* Carve the thread's state area from the top of its stack; returns the new top. */
void *x86_fpu_area_init(struct k_arch_context *ctx, void *stack_top)
{
	uintptr_t area = K_ALIGN_DOWN((uintptr_t)stack_top - x86_fpu_area_size,
				      X86_FPU_AREA_ALIGN);

	memcpy((void *)area, fpu_init_state, x86_fpu_area_size);
	ctx->fpu = (void *)area;
	return (void *)area;
}
