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

static inline void k_arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void k_arch_halt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

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
