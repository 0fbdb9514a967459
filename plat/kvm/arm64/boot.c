// SPDX-License-Identifier: BSD-3-Clause
/* plat/kvm arm64 boot: device tree, console, CPU set-up, boot information, k_boot_main(). */
#include <keel/arch.h>
#include <keel/fdt.h>
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "kvm.h"

extern char __image_start[], __image_end[];
extern uint64_t arm64_entry_counter, arm64_entry_el;

static struct k_bootinfo kvm_bootinfo;

void arm64_boot(uintptr_t dtb);

/* entry.S, on the boot stack with the boot map on: x0 was the device tree's address. */
void arm64_boot(uintptr_t dtb)
{
	struct k_bootinfo *bi = &kvm_bootinfo;
	const void *fdt = (const void *)dtb;
	int err = dtb ? fdt_check_header(fdt) : -FDT_ERR_BADMAGIC;

	if (!err) {
		k_fdt_set(fdt);
		kvm_pl011_init(fdt);
	}
	k_arch_init();
	bi->version = K_PLAT_API_VERSION;
	bi->protocol = "Image";
	bi->entry_counter = arm64_entry_counter;
	bi->image_start = (uintptr_t)__image_start;
	bi->image_end = (uintptr_t)__image_end;
	if (err)
		k_fatal("no valid device tree at 0x%lx (%s): Keel on arm64 needs the loader to "
			"pass one in x0", (unsigned long)dtb, fdt_strerror(err));
	kvm_fdt_parse(fdt, bi);
	k_boot_main(bi);
}

/* Reported once the command line set the log level. */
static int kvm_report_el(void)
{
	k_debug("arm64: entered at EL%lu, running at EL%u\n", (unsigned long)arm64_entry_el,
		arm64_current_el());
	return 0;
}
K_INIT(kvm_report_el, K_INIT_EARLY, 00);
