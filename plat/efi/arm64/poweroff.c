// SPDX-License-Identifier: BSD-3-Clause
/*
 * Power-off on plat/efi arm64: semihosting SYS_EXIT_EXTENDED first when allowed (under
 * QEMU -semihosting the exit status reaches the host), then the firmware's ResetSystem
 * (which carries no status a VMM sees), then PSCI SYSTEM_OFF, then a halt. Semihosting
 * and PSCI are plat/kvm's (kvm/arm64/exit.c, which says why semihosting=0 or
 * CONFIG_EFI_ARM64_SEMIHOSTING=n is for a real machine).
 */
#include <stdbool.h>
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "../efi.h"
#include "../../kvm/arm64/exit.h"

void plat_poweroff(int status)
{
	static bool tried_firmware;

	k_arch_irq_disable();
	if (status < 0 || status > K_EXIT_PANIC)
		status = K_EXIT_PANIC;
	arm64_exit_semihosting(status);
	/* A fault inside the firmware comes back here: do not try it twice. */
	if (!tried_firmware) {
		tried_firmware = true;
		efi_reset_shutdown(status);
		arm64_exit_psci();
	}
	k_crit("power-off failed (no semihosting, firmware or PSCI); halted, exit status %d\n",
	       status);
	for (;;)
		k_arch_halt();
}
