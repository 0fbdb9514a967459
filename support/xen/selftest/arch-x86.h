/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The self-test guest on x86 (PVH, 32-bit): hypercalls through the hypercall page Xen
 * writes at the address given to the MSR its CPUID leaves name, early output on Xen's
 * debug port 0xE9, the command line from struct hvm_start_info (hvm/start_info.h).
 */
#include <stdint.h>

/* struct hvm_start_info: only the command line is read. */
struct start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
	uint32_t memmap_entries, reserved;
};

#define PVH_START_MAGIC	0x336ec578

static uint8_t hypercall_page[4096] __attribute__((aligned(4096)));

static long hypercall2(int nr, unsigned long a1, unsigned long a2)
{
	long ret;

	asm volatile("call *%%eax"
		     : "=a"(ret), "+b"(a1), "+c"(a2)
		     : "a"(hypercall_page + nr * 32)
		     : "memory");
	return ret;
}

/* x86 keeps stores in order: a compiler barrier is enough before publishing an index. */
static inline void wmb(void)
{
	asm volatile("" : : : "memory");
}

static void early_puts(const char *s)
{
	for (; *s; s++)
		asm volatile("outb %0, $0xe9" : : "a"(*s));
}

static inline void *phys(uint64_t addr)
{
	return (void *)(uint32_t)addr;
}

/* Xen's CPUID leaves sit at 0x40000000 + 0x100 * k, signature "XenVMMXenVMM". */
static uint32_t xen_cpuid_base(void)
{
	uint32_t base, a, b, c, d;

	for (base = 0x40000000; base < 0x40010000; base += 0x100) {
		asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(base), "c"(0));
		if (b == 0x566e6558 && c == 0x65584d4d && d == 0x4d4d566e && a >= base + 2)
			return base;
	}
	return 0;
}

/*
 * The hypercall page (leaf base + 2: %ebx is the MSR that makes Xen write the page at its
 * value), then the command line; NULL when this is no PVH start or no Xen.
 */
static const char *arch_init(void *boot)
{
	struct start_info *si = boot;
	uint32_t base, a, b, c, d;
	uint64_t addr = (uint32_t)hypercall_page;

	early_puts("selftest: hello over port 0xe9\n");
	base = xen_cpuid_base();
	if (si->magic != PVH_START_MAGIC || !base) {
		early_puts("selftest: no PVH start info or no Xen CPUID leaves\n");
		return 0;
	}
	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(base + 2), "c"(0));
	asm volatile("wrmsr" : : "c"(b), "a"((uint32_t)addr), "d"((uint32_t)(addr >> 32)));
	return si->cmdline_paddr ? phys(si->cmdline_paddr) : "";
}
