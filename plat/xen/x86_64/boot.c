// SPDX-License-Identifier: BSD-3-Clause
/*
 * plat/xen x86_64 boot. Xen starts a PVH guest at x86_start32 (the PHYS32_ENTRY note,
 * the only note a PVH kernel needs) with ebx = struct hvm_start_info, like microvm:
 * plat/kvm's PVH parser fills the boot information. Before it: the hypercall page,
 * the shared info page and the console ring, so that everything after prints there.
 */
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "../xenplat.h"
#include "../../kvm/x86_64/kvm.h"

extern char __image_start[], __image_end[];
extern uint64_t x86_entry_counter;

static struct k_bootinfo xen_bootinfo;

void xen_special_pages_reserve(struct k_bootinfo *bi)
{
	static const uint32_t params[] = { XEN_HVM_PARAM_CONSOLE_PFN, XEN_HVM_PARAM_STORE_PFN };
	uint64_t pfn;

	for (unsigned int i = 0; i < K_ARRAY_SIZE(params); i++) {
		/* None, or above 4 GiB (never seen: libxl puts them under 4 GiB). */
		if (xen_hvm_param_get(params[i], &pfn) || !pfn || pfn >= (1ull << 20))
			continue;
		kvm_mem_add(bi, pfn << 12, K_ARCH_PAGE_SIZE, K_MEM_RESERVED);
	}
}

/* The grant table's frames replace pages of the image (any guest frame will do). */
void *xen_gnttab_area(unsigned int frames)
{
	static char area[CONFIG_XEN_GNTTAB_FRAMES * 4096] __k_aligned(4096);

	return frames <= CONFIG_XEN_GNTTAB_FRAMES ? area : NULL;
}

/* A PVH image started without Xen has no known way to power off: plat_poweroff halts. */
void xen_poweroff_without_xen(void)
{
}

void x86_boot(uint32_t magic, uint32_t info);

void x86_boot(uint32_t magic, uint32_t info)
{
	struct k_bootinfo *bi = &xen_bootinfo;
	int rc;

	(void)magic;
	k_arch_init();
	if (xen_hypercall_init())
		k_fatal("this image is for Xen (TARGET=xen-x86_64) and no Xen hypervisor "
			"answered CPUID 0x40000000");
	rc = xen_shared_info_init();
	if (rc)
		k_fatal("xen: mapping the shared info page failed (%d)", rc);
	xen_console_init();
	bi->version = K_PLAT_API_VERSION;
	bi->entry_counter = x86_entry_counter;
	bi->image_start = (uintptr_t)__image_start;
	bi->image_end = (uintptr_t)__image_end;
	if (info < K_ARCH_PAGE_SIZE || *(const uint32_t *)(uintptr_t)info != PVH_START_MAGIC)
		k_fatal("xen: no PVH start info at ebx=0x%x: start this image as type=\"pvh\"",
			info);
	kvm_pvh_parse(info, bi);
	xen_special_pages_reserve(bi);
	k_info("xen: Xen %u.%u\n", xen_version() >> 16, xen_version() & 0xffff);
	k_boot_main(bi);
}
