// SPDX-License-Identifier: BSD-3-Clause
/* plat/efi boot information: the loader's handoff in the common k_bootinfo form. */
#include <errno.h>
#include <string.h>
#include <keel/bootmem.h>
#include <keel/panic.h>
#include <keel/param.h>
#include <keel/print.h>
#include "efi.h"

struct efi_handoff efi_handoff;
static char efi_cmdline[EFI_HANDOFF_CMDLINE_MAX];

/* Read by the loader (it fails its first ExitBootServices on purpose); checked here. */
static int efi_stale_map_key_set(const char *value)
{
	return value && (!strcmp(value, "0") || !strcmp(value, "1")) ? 0 : -EINVAL;
}
K_PARAM("efi.stale_map_key", efi_stale_map_key_set,
	"0 or 1: 1 makes the loader's first ExitBootServices use an outdated map key");

/* Read by the loader, which loads the file it names as the initrd; any path is taken. */
static int efi_initrd_set(const char *value)
{
	return value && *value ? 0 : -EINVAL;
}
K_PARAM("efi.initrd", efi_initrd_set,
	"path of the initrd on the boot volume, read by the loader "
	"(default \\EFI\\BOOT\\keel.initrd)");

bool efi_handoff_copy(const struct efi_handoff *src)
{
	if (!src || src->magic != EFI_HANDOFF_MAGIC || src->version != EFI_HANDOFF_VERSION ||
	    src->size != sizeof(*src))
		return false;
	memcpy(&efi_handoff, src, sizeof(efi_handoff));
	efi_handoff.cmdline[sizeof(efi_handoff.cmdline) - 1] = 0;
	efi_handoff.firmware[sizeof(efi_handoff.firmware) - 1] = 0;
	if (efi_handoff.nmem > EFI_HANDOFF_MEM_MAX)
		efi_handoff.nmem = EFI_HANDOFF_MEM_MAX;
	if (efi_handoff.nruntime > EFI_HANDOFF_RT_MAX)
		efi_handoff.nruntime = EFI_HANDOFF_RT_MAX;
	return true;
}

static void efi_mem_add(struct k_bootinfo *bi, uint64_t base, uint64_t size, uint32_t type)
{
	if (bi->nmem == K_BOOT_MEM_MAX) {
		k_warn("efi: memory map: more than %d regions, ignoring 0x%lx+0x%lx\n",
		       K_BOOT_MEM_MAX, (unsigned long)base, (unsigned long)size);
		return;
	}
	bi->mem[bi->nmem++] = (struct k_mem_region){ base, size, type };
}

/* The loader's initrd: the first boot module, kept out of the allocators. */
static void efi_initrd_add(struct k_bootinfo *bi)
{
	uint64_t base = efi_handoff.initrd_base, size = efi_handoff.initrd_size;
	struct k_boot_module *m;

	if (!size)
		return;
	if (base + size < base || k_bootmem_reserve(bi, base, base + size, "boot module")) {
		k_warn("efi: no room to reserve the initrd at 0x%lx+0x%lx, ignored\n",
		       (unsigned long)base, (unsigned long)size);
		return;
	}
	m = &bi->modules[bi->nmodules++];
	m->base = base;
	m->size = size;
	memcpy(m->name, "keel.initrd", sizeof("keel.initrd"));
}

#ifdef CONFIG_ARCH_X86_64
/*
 * The framebuffer is device memory the map does not list; as a reserved region below
 * 4 GiB the final page tables map it (the MTRRs keep it uncached or write-combining).
 */
static void efi_fb_region_add(struct k_bootinfo *bi)
{
	const struct efi_handoff_fb *fb = &efi_handoff.fb;

	if (fb->format == EFI_HANDOFF_FB_NONE)
		return;
	if (!fb->size || fb->base + fb->size > (4ull << 30) || fb->base + fb->size < fb->base) {
		k_warn("efi: framebuffer at 0x%lx+0x%lx is above 4 GiB, not used\n",
		       (unsigned long)fb->base, (unsigned long)fb->size);
		efi_handoff.fb.format = EFI_HANDOFF_FB_NONE;
		return;
	}
	efi_mem_add(bi, fb->base & ~0xfffull, ((fb->base & 0xfff) + fb->size + 0xfff) & ~0xfffull,
		    K_MEM_RESERVED);
}
#else
static void efi_fb_region_add(struct k_bootinfo *bi)
{
	(void)bi;	/* arm64: mapped as a device (arm64/boot.c) */
}
#endif

static void efi_log_handoff(void)
{
	const struct efi_handoff *h = &efi_handoff;

	k_info("efi: firmware \"%s\", %u memory map entries, ExitBootServices in %u call%s%s\n",
	       h->firmware, h->map_entries, h->ebs_tries, h->ebs_tries == 1 ? "" : "s",
	       h->ebs_tries > 1 ? " (the first map key was stale)" : "");
	if (h->map_dropped)
		k_warn("efi: %u memory regions did not fit in the loader's table\n",
		       h->map_dropped);
	if (h->device_tree)
		k_info("efi: device tree at 0x%lx\n", (unsigned long)h->device_tree);
	if (!h->acpi_rsdp && !h->device_tree)
		k_warn("efi: the firmware lists no ACPI tables and no device tree\n");
}

void efi_boot(struct k_bootinfo *bi, bool handoff_ok)
{
	extern char __image_start[], __image_end[];

	if (!handoff_ok)
		k_fatal("started without an EFI loader handoff: boot keel.efi, not the kernel");
	bi->version = K_PLAT_API_VERSION;
	bi->protocol = "efi";
	bi->entry_counter = efi_handoff.entry_counter;
	bi->image_start = (uintptr_t)__image_start;
	bi->image_end = (uintptr_t)__image_end;
	bi->acpi_rsdp = efi_handoff.acpi_rsdp;
	memcpy(efi_cmdline, efi_handoff.cmdline, sizeof(efi_cmdline));
	bi->cmdline = efi_cmdline;
	for (uint32_t i = 0; i < efi_handoff.nmem; i++)
		efi_mem_add(bi, efi_handoff.mem[i].base, efi_handoff.mem[i].size,
			    efi_handoff.mem[i].type);
	efi_fb_region_add(bi);
	efi_initrd_add(bi);
	efi_log_handoff();
	efi_arch_bootinfo(bi);
	k_boot_main(bi);
}
