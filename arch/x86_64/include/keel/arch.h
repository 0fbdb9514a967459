/* SPDX-License-Identifier: BSD-3-Clause */
/* The architecture interface on x86_64 (every arch provides these names). */
#ifndef KEEL_ARCH_H
#define KEEL_ARCH_H

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

/*
 * Walk the frame-pointer chain from fp; store up to max return addresses in pcs.
 * Returns how many were stored. Stops at a NULL, misaligned or non-ascending frame.
 */
int k_arch_backtrace(const void *fp, uintptr_t *pcs, int max);

#endif /* KEEL_ARCH_H */
