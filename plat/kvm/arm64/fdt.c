// SPDX-License-Identifier: BSD-3-Clause
/*
 * Boot information from the device tree (Devicetree Specification v0.4): memory nodes,
 * the memory reservation block, /chosen bootargs and the initrd the loader placed.
 */
#include <string.h>
#include <keel/bootmem.h>
#include <keel/fdt.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "kvm.h"

static char kvm_cmdline[CONFIG_KVM_CMDLINE_MAX];

static void fdt_mem_add(struct k_bootinfo *bi, uint64_t base, uint64_t size)
{
	if (!size)
		return;
	if (bi->nmem == K_BOOT_MEM_MAX) {
		k_warn("memory map: more than %d regions, ignoring 0x%lx+0x%lx\n",
		       K_BOOT_MEM_MAX, (unsigned long)base, (unsigned long)size);
		return;
	}
	bi->mem[bi->nmem++] = (struct k_mem_region){ base, size, K_MEM_USABLE };
}

/* Every node with device_type = "memory" (DT spec §3.4), every reg entry of it. */
static void fdt_parse_memory(const void *fdt, struct k_bootinfo *bi)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
						 sizeof("memory"));

	for (; node >= 0; node = fdt_node_offset_by_prop_value(fdt, node, "device_type",
							       "memory", sizeof("memory"))) {
		uint64_t base, size;

		for (int i = 0; k_fdt_reg(fdt, node, i, &base, &size) == 0; i++)
			fdt_mem_add(bi, base, size);
	}
}

/* The tree itself and the reservation block (DT spec §5.3) stay out of the allocators. */
static void fdt_parse_reserved(const void *fdt, struct k_bootinfo *bi)
{
	uint64_t base = (uintptr_t)fdt, size;

	if (k_bootmem_reserve(bi, base, base + fdt_totalsize(fdt), "device tree"))
		k_fatal("no room to reserve the device tree in the boot memory table");
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		if (fdt_get_mem_rsv(fdt, i, &base, &size) || !size)
			continue;
		if (base + size < base || k_bootmem_reserve(bi, base, base + size, "fdt /memreserve/"))
			k_warn("fdt: reservation 0x%lx+0x%lx not honoured\n", (unsigned long)base,
			       (unsigned long)size);
	}
}

static int fdt_chosen_u64(const void *fdt, int chosen, const char *name, uint64_t *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, chosen, name, &len);

	if (!p || (len != 4 && len != 8))
		return -1;
	*v = len == 4 ? fdt32_to_cpu(p[0]) : (uint64_t)fdt32_to_cpu(p[0]) << 32 |
					    fdt32_to_cpu(p[1]);
	return 0;
}

/* QEMU and Linux loaders: /chosen linux,initrd-start and linux,initrd-end. */
static void fdt_parse_initrd(const void *fdt, int chosen, struct k_bootinfo *bi)
{
	uint64_t start, end;
	struct k_boot_module *m;

	if (fdt_chosen_u64(fdt, chosen, "linux,initrd-start", &start) ||
	    fdt_chosen_u64(fdt, chosen, "linux,initrd-end", &end))
		return;
	if (!start || end <= start) {
		k_warn("fdt: initrd has a bad extent 0x%lx-0x%lx, ignored\n",
		       (unsigned long)start, (unsigned long)end);
		return;
	}
	if (k_bootmem_reserve(bi, start, end, "boot module")) {
		k_warn("boot: no room to reserve the initrd, ignored\n");
		return;
	}
	m = &bi->modules[bi->nmodules++];
	m->base = start;
	m->size = end - start;
	m->name[0] = '\0';
}

static void fdt_parse_chosen(const void *fdt, struct k_bootinfo *bi)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *args = chosen >= 0 ? k_fdt_string(fdt, chosen, "bootargs") : NULL;
	size_t len = args ? strlen(args) : 0;

	if (len >= sizeof(kvm_cmdline))
		k_fatal("the command line is %lu bytes; this image takes at most %lu "
			"(CONFIG_KVM_CMDLINE_MAX)", (unsigned long)len,
			(unsigned long)sizeof(kvm_cmdline) - 1);
	memcpy(kvm_cmdline, args ? args : "", len + 1);
	bi->cmdline = kvm_cmdline;
	if (chosen >= 0)
		fdt_parse_initrd(fdt, chosen, bi);
}

void kvm_fdt_parse(const void *fdt, struct k_bootinfo *bi)
{
	fdt_parse_chosen(fdt, bi);
	fdt_parse_memory(fdt, bi);
	fdt_parse_reserved(fdt, bi);
}
