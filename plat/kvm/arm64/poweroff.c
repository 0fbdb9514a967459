// SPDX-License-Identifier: BSD-3-Clause
/*
 * Power-off carrying the exit status: semihosting SYS_EXIT_EXTENDED when the command
 * line allows it (QEMU -semihosting ends with the status we give it), then PSCI
 * SYSTEM_OFF (which carries no status), then a halt. The first two are in exit.c.
 */
#include <stdbool.h>
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "exit.h"

void plat_poweroff(int status)
{
	static bool tried_psci;

	k_arch_irq_disable();
	if (status < 0 || status > K_EXIT_PANIC)
		status = K_EXIT_PANIC;
	arm64_exit_semihosting(status);
	/* A fault inside the PSCI call comes back here: do not try it twice. */
	if (!tried_psci) {
		tried_psci = true;
		arm64_exit_psci();
	}
	k_crit("power-off failed (no semihosting, no PSCI); halted, exit status %d\n", status);
	for (;;)
		k_arch_halt();
}

uint64_t plat_counter_hz(void)
{
	/* CNTFRQ_EL0: the system counter's frequency, as the firmware (or QEMU) set it. */
	return arm64_sysreg_read(cntfrq_el0) & 0xffffffffu;
}
