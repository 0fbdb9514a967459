/* SPDX-License-Identifier: BSD-3-Clause */
/* arm64 system-register access and barriers, for arch, platform and driver code. */
#ifndef KEEL_ARM64_CPU_H
#define KEEL_ARM64_CPU_H

#include <stdint.h>

/* Read or write a system register by name (or by its S<op0>_<op1>_C<n>_C<m>_<op2> form). */
#define arm64_sysreg_read(reg) ({					\
	uint64_t __v;							\
	__asm__ volatile("mrs %0, " #reg : "=r"(__v));			\
	__v;								\
})
#define arm64_sysreg_write(reg, v)					\
	__asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void arm64_isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

/* Full-system barrier: orders normal memory against device register accesses. */
static inline void arm64_dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

/* MMIO accessors: single, naturally aligned accesses the device sees in program order. */
static inline uint32_t arm64_mmio_read32(const volatile void *addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void arm64_mmio_write32(volatile void *addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void arm64_mmio_write64(volatile void *addr, uint64_t v)
{
	__asm__ volatile("str %x0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

/* The exception level the CPU runs at (CurrentEL bits 3:2). */
static inline unsigned int arm64_current_el(void)
{
	return (unsigned int)(arm64_sysreg_read(CurrentEL) >> 2) & 3;
}

#endif /* KEEL_ARM64_CPU_H */
