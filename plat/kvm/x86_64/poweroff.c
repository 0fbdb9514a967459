// SPDX-License-Identifier: BSD-3-Clause
/* Power-off carrying the exit status: isa-debug-exit, then ACPI S5, then halt. */
#include <stdbool.h>
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "kvm.h"

/*
 * QEMU's isa-debug-exit (iobase=0xf4) ends QEMU with status (value << 1) | 1. We write
 * status + 1 so that QEMU's own failure status 1 never means "the program returned 0":
 * the host reads the program's status as (qemu_status - 3) / 2 (support/qemu-run).
 */
#define DEBUG_EXIT_PORT	0xf4

void plat_poweroff(int status)
{
	static bool tried_acpi;
	const struct k_bootinfo *bi = k_bootinfo();

	k_arch_irq_disable();
	if (status < 0 || status > K_EXIT_PANIC)
		status = K_EXIT_PANIC;
	outb(DEBUG_EXIT_PORT, (uint8_t)(status + 1));
	/* A fault inside the ACPI path comes back here: do not try it twice. */
	if (!tried_acpi) {
		tried_acpi = true;
		kvm_acpi_poweroff(bi ? bi->acpi_rsdp : 0);
	}
	/* A VMM may act on the power-off write a little later: give it that time. */
	for (unsigned long i = 0; i < 50000000; i++)
		__asm__ volatile("pause");
	k_crit("power-off failed (no isa-debug-exit, no ACPI); halted, exit status %d\n",
	       status);
	for (;;)
		k_arch_halt();
}
