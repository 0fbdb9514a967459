// SPDX-License-Identifier: BSD-3-Clause
/* Boot information from a multiboot 0.6.96 loader (QEMU -kernel on pc/q35, GRUB). */
#include <string.h>
#include <keel/print.h>
#include "kvm.h"

/* Multiboot 0.6.96 §3.3: the boot information structure (fields we use). */
struct mb_info {
	uint32_t flags;
	uint32_t mem_lower;		/* KiB from 0, valid with MB_INFO_MEM */
	uint32_t mem_upper;		/* KiB from 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;		/* valid with MB_INFO_CMDLINE */
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;		/* valid with MB_INFO_MMAP */
	uint32_t mmap_addr;
} __k_packed;

struct mb_mmap_entry {
	uint32_t size;			/* of the rest of the entry; the next is size + 4 on */
	uint64_t addr;
	uint64_t len;
	uint32_t type;			/* 1 = RAM; ACPI/E820 numbering otherwise */
} __k_packed;

/* Multiboot 0.6.96 §3.3: one entry of the module list at mods_addr. */
struct mb_module {
	uint32_t mod_start;		/* physical extent [mod_start, mod_end) */
	uint32_t mod_end;
	uint32_t string;		/* the module's command line, 0 when none */
	uint32_t reserved;
} __k_packed;

#define MB_INFO_MEM	(1u << 0)
#define MB_INFO_CMDLINE	(1u << 2)
#define MB_INFO_MODS	(1u << 3)
#define MB_INFO_MMAP	(1u << 6)

static void mb_parse_mmap(const struct mb_info *mbi, struct k_bootinfo *bi)
{
	uintptr_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

	while (p + sizeof(struct mb_mmap_entry) <= end) {
		const struct mb_mmap_entry *e = (const void *)p;

		if (e->size < sizeof(*e) - 4) {
			k_warn("multiboot: malformed memory map entry (size %u), map cut short\n",
			       e->size);
			break;
		}
		kvm_mem_add(bi, e->addr, e->len, e->type >= 1 && e->type <= 5 ? e->type
								       : K_MEM_RESERVED);
		p += e->size + 4;
	}
}

static void mb_parse_modules(const struct mb_info *mbi, struct k_bootinfo *bi)
{
	const struct mb_module *mods = (const void *)(uintptr_t)mbi->mods_addr;

	if (!(mbi->flags & MB_INFO_MODS) || !mbi->mods_count)
		return;
	if (!mbi->mods_addr) {
		k_warn("multiboot: %u modules but no module list, ignored\n", mbi->mods_count);
		return;
	}
	for (uint32_t i = 0; i < mbi->mods_count && i < K_BOOT_MODULES_MAX + 1; i++) {
		if (mods[i].mod_end < mods[i].mod_start) {
			k_warn("multiboot: module %u ends (0x%x) before it starts (0x%x), "
			       "ignored\n", i, mods[i].mod_end, mods[i].mod_start);
			continue;
		}
		kvm_module_add(bi, mods[i].mod_start, mods[i].mod_end - mods[i].mod_start,
			       mods[i].string ? (const char *)(uintptr_t)mods[i].string : NULL);
	}
}

void kvm_multiboot_parse(uintptr_t info, struct k_bootinfo *bi)
{
	const struct mb_info *mbi = (const void *)info;
	const char *cmdline = "";

	bi->protocol = "multiboot";
	/* Loaders put the image's own path first (QEMU and GRUB do): skip that word. */
	if ((mbi->flags & MB_INFO_CMDLINE) && mbi->cmdline) {
		cmdline = (const char *)(uintptr_t)mbi->cmdline;
		cmdline += strcspn(cmdline, " ");
	}
	kvm_cmdline_copy(bi, cmdline);
	if (mbi->flags & MB_INFO_MMAP) {
		mb_parse_mmap(mbi, bi);
	} else if (mbi->flags & MB_INFO_MEM) {
		kvm_mem_add(bi, 0, (uint64_t)mbi->mem_lower << 10, K_MEM_USABLE);
		kvm_mem_add(bi, 1 << 20, (uint64_t)mbi->mem_upper << 10, K_MEM_USABLE);
	} else {
		k_warn("multiboot: the loader gave no memory map\n");
	}
	mb_parse_modules(mbi, bi);
}
