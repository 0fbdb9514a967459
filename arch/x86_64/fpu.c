// SPDX-License-Identifier: BSD-3-Clause
/*
 * Floating point and SIMD state for application code (CONFIG_FPU). Keel's own code is
 * built with -mgeneral-regs-only, so interrupts never touch this state; only a thread
 * switch saves and restores it (switch.S), into an area each thread carries.
 */
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

/* Read by switch.S: 1 when the areas are XSAVE format, 0 for FXSAVE. */
uint8_t x86_fpu_xsave;
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
	if (x86_fpu_xsave)
		__asm__ volatile("xsave64 %0" : "=m"(fpu_init_state) : "a"(-1), "d"(-1));
	else
		__asm__ volatile("fxsave64 %0" : "=m"(fpu_init_state));
	k_debug("fpu: %s, %zu-byte state per thread\n", x86_fpu_xsave ? "xsave" : "fxsave",
		x86_fpu_area_size);
	return 0;
}
K_INIT(x86_fpu_init, K_INIT_EARLY, 10);

void k_arch_context_init_boot(struct k_arch_context *ctx)
{
	ctx->fpu = fpu_boot_area;
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
