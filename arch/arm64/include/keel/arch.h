/* SPDX-License-Identifier: BSD-3-Clause */
/* The architecture interface on arm64 (every arch provides these names). */
#ifndef KEEL_ARCH_H
#define KEEL_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <keel/arm64/cpu.h>

#define K_ARCH_PAGE_SIZE	4096
#define K_ARCH_BACKTRACE_MAX	32

#define ARM64_DAIF_I		(1ul << 7)	/* PSTATE.I: IRQs masked */

/*
 * The virtual counter (CNTVCT_EL0); plat_counter_hz() gives its frequency. The ISB
 * keeps the read from being taken early, ahead of the code it is meant to time
 * (ARM ARM D11.2.2).
 */
static inline uint64_t k_arch_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static inline void k_arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

static inline void k_arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

/* Disable interrupts; returns the previous state for k_arch_irq_restore(). */
static inline unsigned long k_arch_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("mrs %0, daif; msr daifset, #2" : "=r"(flags) : : "memory");
	return flags;
}

static inline void k_arch_irq_restore(unsigned long flags)
{
	if (!(flags & ARM64_DAIF_I))
		__asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline int k_arch_irq_enabled(void)
{
	unsigned long flags;

	__asm__ volatile("mrs %0, daif" : "=r"(flags));
	return (flags & ARM64_DAIF_I) == 0;
}

static inline void k_arch_halt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * Halt until the next interrupt, then take it: WFI wakes on a pending interrupt even
 * while PSTATE.I masks it (ARM ARM D1.16.2), so waiting masked and unmasking after
 * cannot miss a wake-up. Returns with interrupts enabled.
 */
static inline void k_arch_wait_for_interrupt(void)
{
	__asm__ volatile("wfi; msr daifclr, #2" ::: "memory");
}

static inline void k_arch_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* The running CPU's struct k_cpu (keel/cpu.h): TPIDR_EL1 holds its address. */
struct k_cpu;
static inline struct k_cpu *k_arch_cpu(void)
{
	struct k_cpu *cpu;

	__asm__("mrs %0, tpidr_el1" : "=r"(cpu));
	return cpu;
}

/*
 * Saved state of a thread that is not running: its callee-saved registers (x19-x30) are
 * on its stack; with CONFIG_FPU, its FP/SIMD state (q0-q31, FPSR, FPCR) is in the area
 * fpu points to (at the top of its stack) unless it is still in the registers (the
 * lazy switch in fpu.c).
 */
struct k_arch_context {
	uintptr_t sp;
	void *fpu;
};

/* q0-q31 (512 bytes), then FPSR and FPCR. */
#define ARM64_FPU_AREA_SIZE	528
#define ARM64_FPU_AREA_ALIGN	16

/*
 * Prepare ctx so that the first switch to it calls entry(arg) on the stack ending at
 * stack_top, with interrupts off. entry must not return.
 */
void k_arch_context_init(struct k_arch_context *ctx, void *stack_top,
			 void (*entry)(void *), void *arg);
/*
 * The thread running at boot is adopted by the scheduler rather than created: this
 * gives its context a state area.
 */
void k_arch_context_init_boot(struct k_arch_context *ctx);
/* The thread will never run again and its stack is about to be freed. */
void k_arch_context_release(struct k_arch_context *ctx);
/* Save the running thread's state into from and resume to. Interrupts off. */
void k_arch_context_switch(struct k_arch_context *from, struct k_arch_context *to);

/*
 * Thread-local storage (ELF TLS, AArch64 variant I: the thread pointer in TPIDR_EL0
 * points at a 16-byte control block, the TLS block follows it). A thread's area is
 * k_arch_tls_size() bytes aligned to k_arch_tls_align(); k_arch_tls_init() fills it
 * from the image's template and returns the thread pointer for k_arch_tls_set().
 */
size_t k_arch_tls_size(void);
size_t k_arch_tls_align(void);
uintptr_t k_arch_tls_init(void *area);
void k_arch_tls_set(uintptr_t tp);
uintptr_t k_arch_tls_get(void);

/* Per-CPU pointer, exception vectors, boot stack guard; the platform calls it first. */
void k_arch_init(void);

/* Mapping permissions for k_arch_map/k_arch_protect. Without K_PROT_EXEC a page is XN. */
#define K_PROT_READ		0x1
#define K_PROT_WRITE		0x2
#define K_PROT_EXEC		0x4
#define K_MAP_DEVICE		0x8	/* Device-nGnRnE: device registers */

struct k_bootinfo;

/*
 * Build and load the final page tables: an identity map of RAM, the image's text
 * read-only and executable, rodata read-only, data and bss writable; every page outside
 * the text execute-never; page 0 and the boot stack's guard page unmapped. Table pages
 * come from boot memory (keel/bootmem.h). lib/boot calls it before the allocators start.
 */
int k_arch_mmu_init(struct k_bootinfo *bi);

/*
 * Change the identity map once k_arch_mmu_init() ran; va, pa and len page aligned.
 * New table pages come from k_palloc(). 0, -EINVAL or -ENOMEM. Single CPU: TLB
 * invalidation is local.
 */
int k_arch_map(uintptr_t va, uint64_t pa, size_t len, unsigned int prot);
int k_arch_unmap(uintptr_t va, size_t len);
int k_arch_protect(uintptr_t va, size_t len, unsigned int prot);

/*
 * Walk the frame-record chain (AAPCS64 §6.2.3: x29 points at {caller's x29, x30}) from
 * fp; store up to max return addresses in pcs. Returns how many were stored. Stops at
 * a NULL, misaligned or non-ascending frame.
 */
int k_arch_backtrace(const void *fp, uintptr_t *pcs, int max);

#endif /* KEEL_ARCH_H */
