/* SPDX-License-Identifier: BSD-3-Clause */
/* The architecture interface on x86_64 (every arch provides these names). */
#ifndef KEEL_ARCH_H
#define KEEL_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <keel/x86_64/cpu.h>

#define K_ARCH_PAGE_SIZE	4096
#define K_ARCH_BACKTRACE_MAX	32

/* A free-running cycle counter; plat_counter_hz() gives its frequency. */
static inline uint64_t k_arch_counter(void)
{
	return x86_rdtsc();
}

#define X86_RFLAGS_IF		(1ul << 9)

static inline void k_arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void k_arch_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

/* Disable interrupts; returns the previous state for k_arch_irq_restore(). */
static inline unsigned long k_arch_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void k_arch_irq_restore(unsigned long flags)
{
	if (flags & X86_RFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
}

static inline int k_arch_irq_enabled(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return (flags & X86_RFLAGS_IF) != 0;
}

static inline void k_arch_halt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

/*
 * Enable interrupts and halt until the next one, atomically: STI takes effect after
 * the following instruction (SDM 2B, STI), so a wake-up cannot slip in between.
 * Returns with interrupts enabled.
 */
static inline void k_arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" ::: "memory");
}

static inline void k_arch_cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* The running CPU's struct k_cpu (keel/cpu.h): its first word, read through %gs. */
struct k_cpu;
static inline struct k_cpu *k_arch_cpu(void)
{
	struct k_cpu *cpu;

	__asm__("movq %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

/*
 * Saved state of a thread that is not running: its callee-saved registers are on its
 * stack; with CONFIG_FPU, its x87/SSE/AVX state is in the area fpu points to (FXSAVE
 * or XSAVE format, 64-byte aligned, at the top of its stack) unless it is still in the
 * registers (the lazy switch in fpu.c).
 */
struct k_arch_context {
	uintptr_t sp;
	void *fpu;
};

/* Largest state area Keel enables: legacy 512 + XSAVE header 64 + AVX 256, rounded. */
#define X86_FPU_AREA_MAX	1024
#define X86_FPU_AREA_ALIGN	64

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
 * Thread-local storage (ELF TLS, x86_64 variant II: the block sits below the thread
 * pointer, which points at a word holding its own address). A thread's area is
 * k_arch_tls_size() bytes aligned to k_arch_tls_align(); k_arch_tls_init() fills it
 * from the image's template and returns the thread pointer for k_arch_tls_set().
 */
size_t k_arch_tls_size(void);
size_t k_arch_tls_align(void);
uintptr_t k_arch_tls_init(void *area);
void k_arch_tls_set(uintptr_t tp);
uintptr_t k_arch_tls_get(void);

/* Descriptor tables and exception handlers; the platform calls it first thing. */
void k_arch_init(void);

/* Mapping permissions for k_arch_map/k_arch_protect. Without K_PROT_EXEC a page is NX. */
#define K_PROT_READ		0x1
#define K_PROT_WRITE		0x2
#define K_PROT_EXEC		0x4
#define K_MAP_DEVICE		0x8	/* uncached: device registers */

struct k_bootinfo;

/*
 * Build and load the final page tables: an identity map of all memory, the image's
 * text read-only and executable, rodata read-only, data and bss writable; every page
 * outside the text NX; page 0 and the boot stack's guard page unmapped. Table pages
 * come from boot memory (keel/bootmem.h). lib/boot calls it before the allocators start.
 */
int k_arch_mmu_init(struct k_bootinfo *bi);

/*
 * Change the identity map once k_arch_mmu_init() ran; va, pa and len page aligned.
 * New table pages come from k_palloc(). 0, -EINVAL or -ENOMEM. Single CPU: there is
 * no TLB shootdown yet.
 */
int k_arch_map(uintptr_t va, uint64_t pa, size_t len, unsigned int prot);
int k_arch_unmap(uintptr_t va, size_t len);
int k_arch_protect(uintptr_t va, size_t len, unsigned int prot);

/*
 * Walk the frame-pointer chain from fp; store up to max return addresses in pcs.
 * Returns how many were stored. Stops at a NULL, misaligned or non-ascending frame.
 */
int k_arch_backtrace(const void *fp, uintptr_t *pcs, int max);

#endif /* KEEL_ARCH_H */
