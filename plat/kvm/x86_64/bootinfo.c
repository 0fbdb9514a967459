// SPDX-License-Identifier: BSD-3-Clause
/*
 * Filling struct k_bootinfo from loader data: the command-line copy, memory regions and
 * loader modules. Shared by the PVH and multiboot parsers, and by plat/xen's PVH boot.
 */
#include <string.h>
#include <keel/bootmem.h>
#include <keel/print.h>
#include <keel/panic.h>
#include "kvm.h"

static char kvm_cmdline[CONFIG_KVM_CMDLINE_MAX];

void kvm_cmdline_copy(struct k_bootinfo *bi, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= sizeof(kvm_cmdline))
		k_fatal("the command line is %lu bytes; this image takes at most %lu "
			"(CONFIG_KVM_CMDLINE_MAX)", (unsigned long)len,
			(unsigned long)sizeof(kvm_cmdline) - 1);
	memcpy(kvm_cmdline, src ? src : "", len + 1);
	bi->cmdline = kvm_cmdline;
}

void kvm_mem_add(struct k_bootinfo *bi, uint64_t base, uint64_t size, uint32_t type)
{
	if (size == 0)		/* QEMU's microvm map ends with an empty entry */
		return;
	if (bi->nmem == K_BOOT_MEM_MAX) {
		k_warn("memory map: more than %d regions, ignoring 0x%lx+0x%lx\n",
		       K_BOOT_MEM_MAX, (unsigned long)base, (unsigned long)size);
		return;
	}
	bi->mem[bi->nmem++] = (struct k_mem_region){ base, size, type };
}

void kvm_module_add(struct k_bootinfo *bi, uint64_t base, uint64_t size, const char *name)
{
	struct k_boot_module *m;

	if (bi->nmodules == K_BOOT_MODULES_MAX) {
		k_warn("boot: more than %d loader modules, ignoring the one at 0x%lx\n",
		       K_BOOT_MODULES_MAX, (unsigned long)base);
		return;
	}
	if (!base || !size || base + size < base) {
		k_warn("boot: loader module %u has a bad extent 0x%lx+0x%lx, ignored\n",
		       bi->nmodules, (unsigned long)base, (unsigned long)size);
		return;
	}
	if (k_bootmem_reserve(bi, base, base + size, "boot module")) {
		k_warn("boot: no room to reserve loader module %u, ignored\n", bi->nmodules);
		return;
	}
	k_debug("boot: module %u at 0x%lx, %lu bytes\n", bi->nmodules, (unsigned long)base,
		(unsigned long)size);
	m = &bi->modules[bi->nmodules++];
	m->base = base;
	m->size = size;
	m->name[0] = 0;
	if (name) {
		size_t len = strnlen(name, sizeof(m->name) - 1);

		memcpy(m->name, name, len);
		m->name[len] = 0;
	}
}
