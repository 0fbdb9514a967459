// SPDX-License-Identifier: BSD-3-Clause
/* plat/kvm x86_64 boot: console, CPU tables, boot information, then k_boot_main(). */
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "kvm.h"

extern char __image_start[], __image_end[];
extern uint64_t x86_entry_counter;

static struct k_bootinfo kvm_bootinfo;

void x86_boot(uint32_t magic, uint32_t info);

void x86_boot(uint32_t magic, uint32_t info)
{
	struct k_bootinfo *bi = &kvm_bootinfo;

	kvm_serial_init();
	k_arch_init();
	bi->version = K_PLAT_API_VERSION;
	bi->entry_counter = x86_entry_counter;
	bi->image_start = (uintptr_t)__image_start;
	bi->image_end = (uintptr_t)__image_end;
	/* qboot sets eax to the multiboot magic on PVH boots too: the start info decides. */
	if (info >= K_ARCH_PAGE_SIZE && *(const uint32_t *)(uintptr_t)info == PVH_START_MAGIC)
		kvm_pvh_parse(info, bi);
	else if (magic == MULTIBOOT_LOADER_MAGIC && info >= K_ARCH_PAGE_SIZE)
		kvm_multiboot_parse(info, bi);
	else
		k_fatal("started by an unknown loader (eax=0x%x ebx=0x%x): "
			"Keel needs multiboot or PVH", magic, info);
	k_boot_main(bi);
}
