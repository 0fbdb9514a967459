// SPDX-License-Identifier: BSD-3-Clause
/*
 * Finding Xen on x86_64 (CPUID leaves 0x40000000.., xen/include/public/arch-x86/cpuid.h),
 * the hypercall page, the pvclock in the shared info, and SCHEDOP_poll with a deadline
 * in Xen system time.
 */
#include <errno.h>
#include <keel/arch.h>
#include "../xenplat.h"

#define XEN_CPUID_BASE		0x40000000
#define XEN_CPUID_BASE_END	0x40010000	/* Xen may sit behind a Viridian block */
#define XEN_SIG_EBX		0x566e6558	/* "XenV" */
#define XEN_SIG_ECX		0x65584d4d	/* "MMXe" */
#define XEN_SIG_EDX		0x4d4d566e	/* "nVMM" */

static uint32_t xen_ver;

int xen_hypercall_init(void)
{
	for (uint32_t base = XEN_CPUID_BASE; base < XEN_CPUID_BASE_END; base += 0x100) {
		struct x86_cpuid r = x86_cpuid(base, 0);

		if (r.ebx != XEN_SIG_EBX || r.ecx != XEN_SIG_ECX || r.edx != XEN_SIG_EDX ||
		    r.eax < base + 2)
			continue;
		xen_ver = x86_cpuid(base + 1, 0).eax;
		/* Leaf 3: EAX pages (always at least one), EBX the MSR taking the address. */
		r = x86_cpuid(base + 2, 0);
		x86_wrmsr(r.ebx, (uintptr_t)xen_hypercall_page);
		/* Xen filled the page during the MSR write: a stub never starts with int3. */
		if ((uint8_t)xen_hypercall_page[0] == 0xcc)
			return -ENODEV;
		xen_hypercall_ready = true;
		return 0;
	}
	return -ENODEV;
}

uint32_t xen_version(void)
{
	return xen_ver;
}

/* (delta << shift) * mul >> 32, as xen.h describes vcpu_time_info. */
static uint64_t pvclock_scale(uint64_t delta, int8_t shift, uint32_t mul)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t xen_system_time_ns(void)
{
	const volatile struct xen_vcpu_time_info *t;
	uint32_t version, mul;
	uint64_t tsc, stamp, system;
	int8_t shift;

	if (!xen_shared_info())
		return 0;
	t = &xen_shared_info()->vcpu_info[0].time;
	do {
		version = t->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		stamp = t->tsc_timestamp;
		system = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		tsc = x86_rdtsc();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != t->version);
	return system + pvclock_scale(tsc - stamp, shift, mul);
}

uint64_t xen_clock_ns(void)
{
	return xen_system_time_ns();
}

int xen_poll_port(uint32_t port, uint64_t deadline)
{
	struct xen_sched_poll p = { .ports = &port, .nr_ports = 1, .timeout = deadline };

	return (int)xen_hypercall2(XEN_HC_sched_op, XEN_SCHEDOP_poll, (uintptr_t)&p);
}
