// SPDX-License-Identifier: BSD-3-Clause
/*
 * Finding Xen on arm64: the device tree Xen builds for a guest has a /hypervisor node
 * (docs/misc/arm/device-tree/guest.txt): compatible "xen,xen-X.Y", "xen,xen"; reg, a
 * guest-physical region for grant table frames (and other foreign pages); interrupts,
 * the PPI that carries the event channel upcall. Hypercalls need nothing else: HVC
 * #0xEA1 (keel/xen/xen_arm64.h). Also here: the clock for xen_poll_port and the pages
 * Xen places outside the memory nodes.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/fdt.h>
#include <keel/print.h>
#include <keel/time.h>
#include "../xenplat.h"
#include "arm64plat.h"

static bool hv_found;
static uint64_t gnttab_base, gnttab_size;
static unsigned int upcall_line, upcall_flags;
static uint32_t xen_ver;

int xen_arm64_hypervisor_find(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "xen,xen");

	if (node < 0)
		return -ENODEV;
	hv_found = true;
	/* A node without the region or the PPI still allows hypercalls; say what is missing. */
	if (k_fdt_reg(fdt, node, 0, &gnttab_base, &gnttab_size) || gnttab_base % 4096)
		gnttab_base = gnttab_size = 0;
	if (k_fdt_irq(fdt, node, 0, &upcall_line, &upcall_flags))
		upcall_line = 0;
	return 0;
}

int xen_hypercall_init(void)
{
	if (!hv_found)
		return -ENODEV;
	xen_hypercall_ready = true;
	xen_ver = (uint32_t)xen_hypercall(XEN_HC_xen_version, XEN_XENVER_version, 0, 0);
	return 0;
}

uint32_t xen_version(void)
{
	return xen_ver;
}

int xen_arm64_upcall_line(unsigned int *line, unsigned int *flags)
{
	if (!upcall_line)
		return -ENODEV;
	*line = upcall_line;
	*flags = upcall_flags;
	return 0;
}

void *xen_gnttab_area(unsigned int frames)
{
	if (!gnttab_base || (uint64_t)frames * 4096 > gnttab_size)
		return NULL;
	return (void *)(uintptr_t)gnttab_base;
}

uint64_t xen_clock_ns(void)
{
	uint64_t hz = plat_counter_hz(), c = k_arch_counter();

	/* In two parts, so that the product does not overflow for centuries. */
	return hz ? c / hz * K_NSEC_PER_SEC + c % hz * K_NSEC_PER_SEC / hz : 0;
}

int xen_poll_port(uint32_t port, uint64_t deadline)
{
	struct xen_sched_poll p = { .ports = &port, .nr_ports = 1 };

	/*
	 * SCHEDOP_poll's timeout is Xen system time, which an Arm guest cannot read (its
	 * counter is offset from Xen's): with a deadline, give the CPU up once instead.
	 */
	if (deadline)
		return (int)xen_hypercall(XEN_HC_sched_op, XEN_SCHEDOP_yield, 0, 0);
	return (int)xen_hypercall2(XEN_HC_sched_op, XEN_SCHEDOP_poll, (uintptr_t)&p);
}

static void reserve(struct k_bootinfo *bi, uint64_t base, uint64_t size)
{
	if (bi->nmem == K_BOOT_MEM_MAX) {
		k_warn("xen: memory map full, 0x%lx not mapped\n", (unsigned long)base);
		return;
	}
	bi->mem[bi->nmem++] = (struct k_mem_region){ base, size, K_MEM_RESERVED };
}

/*
 * The console and xenstore pages sit in Xen's "magic" region and the grant frames in
 * the /hypervisor region, outside the memory nodes. Listed as reserved, they are mapped
 * as normal write-back memory (arch-arm.h demands it for shared pages) and never given
 * out. They are touched only once the final page tables are on: the boot map has device
 * memory below 1 GiB, where Xen puts both regions.
 */
void xen_special_pages_reserve(struct k_bootinfo *bi)
{
	static const uint32_t params[] = { XEN_HVM_PARAM_CONSOLE_PFN, XEN_HVM_PARAM_STORE_PFN };
	uint64_t pfn, frames = CONFIG_XEN_GNTTAB_FRAMES * 4096ull;

	for (unsigned int i = 0; i < K_ARRAY_SIZE(params); i++) {
		if (xen_hvm_param_get(params[i], &pfn) || !pfn || pfn >= (1ull << 20))
			continue;
		reserve(bi, pfn << 12, K_ARCH_PAGE_SIZE);
	}
	if (gnttab_base)
		reserve(bi, gnttab_base, frames < gnttab_size ? frames : gnttab_size);
}
