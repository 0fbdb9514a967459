// SPDX-License-Identifier: BSD-3-Clause
/*
 * Finding Xen (CPUID leaves 0x40000000.., xen/include/public/arch-x86/cpuid.h), the
 * hypercall page, and the small calls everything else uses: HVM parameters, mapping
 * Xen pages into our physical address space, the shared info page and its pvclock.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/xen/evtchn.h>
#include "xenplat.h"

#define XEN_CPUID_BASE		0x40000000
#define XEN_CPUID_BASE_END	0x40010000	/* Xen may sit behind a Viridian block */
#define XEN_SIG_EBX		0x566e6558	/* "XenV" */
#define XEN_SIG_ECX		0x65584d4d	/* "MMXe" */
#define XEN_SIG_EDX		0x4d4d566e	/* "nVMM" */

static bool hypercall_ready;
static uint32_t xen_ver;
/* A page of the image; XENMEM_add_to_physmap puts the shared info frame in its place. */
static struct xen_shared_info *shinfo;
static char shinfo_page[4096] __k_aligned(4096);

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
		hypercall_ready = true;
		return 0;
	}
	return -ENODEV;
}

bool xen_present(void)
{
	return hypercall_ready;
}

uint32_t xen_version(void)
{
	return xen_ver;
}

int xen_hvm_param_get(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = XEN_DOMID_SELF, .index = index };
	long rc;

	if (!hypercall_ready)
		return -ENODEV;
	rc = xen_hypercall2(XEN_HC_hvm_op, XEN_HVMOP_get_param, (uintptr_t)&p);
	if (rc == 0)
		*value = p.value;
	return (int)rc;
}

int xen_hvm_param_set(uint32_t index, uint64_t value)
{
	struct xen_hvm_param p = { .domid = XEN_DOMID_SELF, .index = index, .value = value };

	if (!hypercall_ready)
		return -ENODEV;
	return (int)xen_hypercall2(XEN_HC_hvm_op, XEN_HVMOP_set_param, (uintptr_t)&p);
}

int xen_add_to_physmap(uint32_t space, uint64_t idx, void *page)
{
	struct xen_add_to_physmap a = {
		.domid = XEN_DOMID_SELF, .space = space, .idx = idx,
		.gpfn = (uintptr_t)page >> 12,
	};

	if (!hypercall_ready)
		return -ENODEV;
	/*
	 * The page's RAM frame goes back to Xen and the Xen page takes its place; the
	 * identity map already covers the address, so nothing else changes.
	 */
	return (int)xen_hypercall2(XEN_HC_memory_op, XEN_XENMEM_add_to_physmap,
				   (uintptr_t)&a);
}

int xen_shared_info_init(void)
{
	int rc = xen_add_to_physmap(XEN_XENMAPSPACE_shared_info, 0, shinfo_page);

	if (rc == 0)
		shinfo = (struct xen_shared_info *)shinfo_page;
	return rc;
}

struct xen_shared_info *xen_shared_info(void)
{
	return shinfo;
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

	if (!shinfo)
		return 0;
	t = &shinfo->vcpu_info[0].time;
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

int xen_poll_port(uint32_t port, uint64_t deadline)
{
	struct xen_sched_poll p = { .ports = &port, .nr_ports = 1, .timeout = deadline };

	return (int)xen_hypercall2(XEN_HC_sched_op, XEN_SCHEDOP_poll, (uintptr_t)&p);
}
