// SPDX-License-Identifier: BSD-3-Clause
/*
 * Power-off on plat/efi arm64: semihosting SYS_EXIT_EXTENDED first when allowed (under
 * QEMU -semihosting the exit status reaches the host), then the firmware's ResetSystem
 * (which carries no status a VMM sees), then PSCI SYSTEM_OFF, then a halt.
 *
 * As on plat/kvm, whether a semihosting host is there cannot be asked: without one
 * the HLT #0xF000 call is an undefined instruction that arch/arm64 skips, but under an
 * external debugger with halting debug enabled it stops the CPU. On a real machine
 * boot with semihosting=0, or build with CONFIG_EFI_ARM64_SEMIHOSTING=n.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/arch.h>
#include <keel/arm64/semihost.h>
#include <keel/fdt.h>
#include <keel/panic.h>
#include <keel/param.h>
#include <keel/print.h>
#include "../efi.h"

#define PSCI_SYSTEM_OFF	0x84000008u	/* PSCI 1.1 (DEN0022) §5.1: SMC32 function ID */

#ifdef CONFIG_EFI_ARM64_SEMIHOSTING
static bool use_semihosting = true;
#else
static bool use_semihosting;
#endif

static int semihosting_set(const char *value)
{
	if (!value || (strcmp(value, "0") && strcmp(value, "1")))
		return -EINVAL;
	use_semihosting = value[0] == '1';
	return 0;
}
K_PARAM("semihosting", semihosting_set, "0 or 1: exit status through semihosting (QEMU)");

/* The psci node's method says which conduit reaches it (SMCCC DEN0028 §2.7: w0 = ID). */
static void psci_system_off(void)
{
	const void *fdt = k_fdt();
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2") : -1;
	const char *method = node >= 0 ? k_fdt_string(fdt, node, "method") : NULL;
	register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;

	if (method && !strcmp(method, "hvc"))
		__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	else if (method && !strcmp(method, "smc"))
		__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

void plat_poweroff(int status)
{
	static bool tried_firmware;

	k_arch_irq_disable();
	if (status < 0 || status > K_EXIT_PANIC)
		status = K_EXIT_PANIC;
	if (use_semihosting) {
		/* 2 * status + 3 on the host, as plat/kvm does (support/qemu-run-efi). */
		uint64_t block[2] = { ARM64_SEMIHOST_APP_EXIT, (uint64_t)status * 2 + 3 };

		arm64_semihost_call(ARM64_SEMIHOST_SYS_EXIT_EXTENDED, block);
	}
	/* A fault inside the firmware comes back here: do not try it twice. */
	if (!tried_firmware) {
		tried_firmware = true;
		efi_reset_shutdown(status);
		psci_system_off();
	}
	k_crit("power-off failed (no semihosting, firmware or PSCI); halted, exit status %d\n",
	       status);
	for (;;)
		k_arch_halt();
}
