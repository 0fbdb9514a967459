// SPDX-License-Identifier: BSD-3-Clause
/* Boot information from a PVH loader (QEMU microvm, Xen, Firecracker-style VMMs). */
#include <keel/print.h>
#include "kvm.h"

/* xen/include/public/arch-x86/hvm/start_info.h, version 1. */
struct hvm_start_info {
	uint32_t magic;			/* PVH_START_MAGIC */
	uint32_t version;		/* memmap fields exist from version 1 */
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;		/* NUL-terminated, 0 when absent */
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;			/* E820 numbering */
	uint32_t reserved;
};

/* start_info.h: one entry of the module list at modlist_paddr (nr_modules of them). */
struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;		/* NUL-terminated, 0 when absent */
	uint64_t reserved;
};

static void pvh_parse_modules(const struct hvm_start_info *si, struct k_bootinfo *bi)
{
	const struct hvm_modlist_entry *mods;

	if (!si->nr_modules)
		return;
	if (!si->modlist_paddr) {
		k_warn("pvh: %u modules but no module list, ignored\n", si->nr_modules);
		return;
	}
	mods = (const void *)(uintptr_t)si->modlist_paddr;
	for (uint32_t i = 0; i < si->nr_modules && i < K_BOOT_MODULES_MAX + 1; i++)
		kvm_module_add(bi, mods[i].paddr, mods[i].size,
			       mods[i].cmdline_paddr ?
			       (const char *)(uintptr_t)mods[i].cmdline_paddr : NULL);
}

void kvm_pvh_parse(uintptr_t info, struct k_bootinfo *bi)
{
	const struct hvm_start_info *si = (const void *)info;
	const struct hvm_memmap_entry *map;

	bi->protocol = "pvh";
	kvm_cmdline_copy(bi, si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr
					       : "");
	bi->acpi_rsdp = si->rsdp_paddr;
	pvh_parse_modules(si, bi);
	if (si->version < 1 || !si->memmap_paddr) {
		k_warn("pvh: start info version %u carries no memory map\n", si->version);
		return;
	}
	map = (const void *)(uintptr_t)si->memmap_paddr;
	for (uint32_t i = 0; i < si->memmap_entries; i++)
		kvm_mem_add(bi, map[i].addr, map[i].size,
			    map[i].type >= 1 && map[i].type <= 5 ? map[i].type : K_MEM_RESERVED);
}
