// SPDX-License-Identifier: BSD-3-Clause
/*
 * Power-off on plat/efi x86_64: isa-debug-exit under QEMU (the exit status reaches the
 * host), then the firmware's ResetSystem, then ACPI S5, then halt.
 */
#include <stdbool.h>
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "../efi.h"
#include "../../kvm/x86_64/kvm.h"

/* As plat/kvm: QEMU's isa-debug-exit at 0xf4 ends QEMU with ((status + 1) << 1) | 1. */
#define DEBUG_EXIT_PORT	0xf4

/*
 * Only under a hypervisor: on real hardware port 0xf4 may belong to something. CPUID.1
 * ECX bit 31 is the hypervisor bit (QEMU sets it with TCG as with KVM).
 */
static bool efi_under_hypervisor(void)
{
	return x86_cpuid(1, 0).ecx & (1u << 31);
}

void plat_poweroff(int status)
{
	static bool tried_firmware;
	const struct k_bootinfo *bi = k_bootinfo();

	k_arch_irq_disable();
	if (status < 0 || status > K_EXIT_PANIC)
		status = K_EXIT_PANIC;
	if (efi_under_hypervisor())
		outb(DEBUG_EXIT_PORT, (uint8_t)(status + 1));
	/* A fault inside the firmware or ACPI comes back here: do not try them twice. */
	if (!tried_firmware) {
		tried_firmware = true;
		efi_reset_shutdown(status);
		kvm_acpi_poweroff(bi ? bi->acpi_rsdp : 0);
	}
	for (unsigned long i = 0; i < 50000000; i++)
		__asm__ volatile("pause");
	k_crit("power-off failed (firmware and ACPI did not answer); halted, exit status %d\n",
	       status);
	for (;;)
		k_arch_halt();
}
