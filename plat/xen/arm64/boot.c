// SPDX-License-Identifier: BSD-3-Clause
/*
 * plat/xen arm64 boot. Xen's toolstack loads the image as a Linux arm64 Image at RAM
 * base + text_offset and enters it at EL1 with MMU off and x0 = the device tree it
 * built (docs/misc/arm/device-tree/guest.txt): memory, /chosen bootargs (xl's
 * cmdline=), the GIC, the timer, /hypervisor, and the vuart when configured. arch/arm64
 * turns the boot map on and calls arm64_boot. plat/kvm's parser reads memory and the
 * command line; the Xen pages are listed for the page tables; the PV console ring is
 * taken once those tables are on (K_INIT_EARLY). Until then output goes to the vuart
 * and is kept for the ring (console.c).
 */
#include <keel/arch.h>
#include <keel/fdt.h>
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "../xenplat.h"
#include "arm64plat.h"
#include "../../kvm/arm64/exit.h"
#include "../../kvm/arm64/kvm.h"

extern char __image_start[], __image_end[];
extern uint64_t arm64_entry_counter;

static struct k_bootinfo xen_bootinfo;

void xen_poweroff_without_xen(void)
{
	arm64_exit_psci();
}

void arm64_boot(uintptr_t dtb);

/* entry.S, on the boot stack with the boot map on: x0 was the device tree's address. */
void arm64_boot(uintptr_t dtb)
{
	struct k_bootinfo *bi = &xen_bootinfo;
	const void *fdt = (const void *)dtb;
	int err = dtb ? fdt_check_header(fdt) : -FDT_ERR_BADMAGIC;
	int rc;

	if (!err) {
		k_fdt_set(fdt);
		xen_arm64_uart_init(fdt);
		xen_arm64_hypervisor_find(fdt);
	}
	k_arch_init();
	bi->version = K_PLAT_API_VERSION;
	bi->protocol = "Image";
	bi->entry_counter = arm64_entry_counter;
	bi->image_start = (uintptr_t)__image_start;
	bi->image_end = (uintptr_t)__image_end;
	if (err)
		k_fatal("no valid device tree at 0x%lx (%s): Xen passes one in x0",
			(unsigned long)dtb, fdt_strerror(err));
	if (xen_hypercall_init())
		k_fatal("not running under Xen: this image is for Xen (TARGET=xen-arm64) and "
			"the device tree has no /hypervisor node compatible with \"xen,xen\"");
	rc = xen_shared_info_init();
	if (rc)
		k_fatal("xen: mapping the shared info page failed (%d)", rc);
	kvm_fdt_parse(fdt, bi);
	xen_special_pages_reserve(bi);
	k_info("xen: Xen %u.%u\n", xen_version() >> 16, xen_version() & 0xffff);
	k_boot_main(bi);
}

/* The PV console ring, as soon as the page tables map it as normal memory. */
static int xen_arm64_console_start(void)
{
	if (xen_present())
		xen_console_init();
	return 0;
}
K_INIT(xen_arm64_console_start, K_INIT_EARLY, 00);
