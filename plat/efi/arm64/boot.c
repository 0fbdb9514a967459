// SPDX-License-Identifier: BSD-3-Clause
/*
 * plat/efi arm64 boot. The loader (loader/arm64_enter.S) enters arch/arm64/entry.S as
 * QEMU's -kernel path does, MMU off, with x0 = the handoff instead of a device tree;
 * entry.S drops to EL1, builds the boot map and calls arm64_boot(x0) here. The memory
 * map and command line come from the handoff; the devices (UART, GIC, timer, virtio)
 * from the device tree the firmware published in its configuration table.
 */
#include <keel/arch.h>
#include <keel/arm64/mmu.h>
#include <keel/bootmem.h>
#include <keel/fdt.h>
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "../efi.h"
#include "../../kvm/arm64/kvm.h"

static struct k_bootinfo efi_bootinfo;
static const void *efi_fdt;

void arm64_boot(uintptr_t handoff);

void arm64_boot(uintptr_t handoff)
{
	/* First: the handoff sits in loader memory, which is free memory to Keel. */
	bool ok = efi_handoff_copy((const struct efi_handoff *)handoff);
	const void *fdt = ok ? (const void *)(uintptr_t)efi_handoff.device_tree : NULL;

	if (fdt && !fdt_check_header(fdt)) {
		efi_fdt = fdt;
		k_fdt_set(fdt);
		kvm_pl011_init(fdt);
	}
	k_arch_init();
	efi_boot(&efi_bootinfo, ok);
}

/*
 * The UEFI memory map is the authority on memory (UEFI 2.10 §2.3.6: the device tree's
 * memory nodes need not match it), so only the tree itself is kept out of the
 * allocators: it may sit in boot-services memory. Without a tree there are no devices.
 */
void efi_arch_bootinfo(struct k_bootinfo *bi)
{
	const struct efi_handoff_fb *fb = &efi_handoff.fb;
	uint64_t base = (uintptr_t)efi_fdt;

	if (!efi_fdt)
		k_fatal("the firmware passed no valid device tree (%s): Keel on arm64 finds its "
			"devices there; ACPI-only machines are not supported yet",
			efi_handoff.device_tree ? "bad header" : "no DTB configuration table");
	if (k_bootmem_reserve(bi, base, base + fdt_totalsize(efi_fdt), "device tree"))
		k_fatal("no room to reserve the device tree in the boot memory table");
	/*
	 * The framebuffer: device memory in the final tables (write-only use, so no
	 * caching is wanted); its console starts once they are in place (efi_fb_start).
	 */
	if (fb->format != EFI_HANDOFF_FB_NONE && fb->size &&
	    arm64_mmu_boot_device(fb->base, fb->size)) {
		k_warn("efi: no room to map the framebuffer, not used\n");
		efi_handoff.fb.format = EFI_HANDOFF_FB_NONE;
	}
}

/*
 * The boot map covers the framebuffer as cacheable memory; written through it, pixels
 * could sit in the data cache. So the console is started only under the final tables,
 * which map it as a device.
 */
static int efi_fb_start(void)
{
	efi_fb_console_init();
	return 0;
}
K_INIT(efi_fb_start, K_INIT_EARLY, 05);

/* UEFI 2.10 §2.3.6.4: firmware may use the FP/SIMD registers (CPACR_EL1.FPEN = 0b11). */
void efi_arch_before_firmware_call(void)
{
	arm64_sysreg_write(cpacr_el1, arm64_sysreg_read(cpacr_el1) | (3ull << 20));
	arm64_isb();
}

uint64_t plat_counter_hz(void)
{
	/* CNTFRQ_EL0: the system counter's frequency, as the firmware set it. */
	return arm64_sysreg_read(cntfrq_el0) & 0xffffffffu;
}

/* Reported once the command line set the log level. */
static int efi_report_el(void)
{
	extern uint64_t arm64_entry_el;

	k_debug("arm64: entered at EL%lu, running at EL%u\n", (unsigned long)arm64_entry_el,
		arm64_current_el());
	return 0;
}
K_INIT(efi_report_el, K_INIT_EARLY, 00);
