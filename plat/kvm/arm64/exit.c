// SPDX-License-Identifier: BSD-3-Clause
/*
 * Semihosting exit and PSCI SYSTEM_OFF, for plat/kvm and plat/efi on arm64 (exit.h).
 *
 * Whether a semihosting host is there cannot be asked. Without one, HLT #0xF000 is an
 * undefined instruction, which arch/arm64 skips (semihost.c); but with an external
 * debugger attached and halting debug enabled it stops the CPU until the debugger
 * resumes it. So the platform's option (CONFIG_KVM_ARM64_SEMIHOSTING,
 * CONFIG_EFI_ARM64_SEMIHOSTING; default y) makes the attempt, and semihosting=0 on the
 * command line turns it off for such a machine.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/arm64/semihost.h>
#include <keel/fdt.h>
#include <keel/param.h>
#include "exit.h"

#define PSCI_SYSTEM_OFF	0x84000008u	/* PSCI 1.1 (DEN0022) §5.1: SMC32 function ID */

#if defined(CONFIG_KVM_ARM64_SEMIHOSTING) || defined(CONFIG_EFI_ARM64_SEMIHOSTING)
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

void arm64_exit_semihosting(int status)
{
	/*
	 * The host's status is 2 * status + 3, as with x86's isa-debug-exit, so that
	 * QEMU's own failures (1) never read as a program status (support/qemu-run).
	 */
	uint64_t block[2] = { ARM64_SEMIHOST_APP_EXIT, (uint64_t)status * 2 + 3 };

	if (use_semihosting)
		arm64_semihost_call(ARM64_SEMIHOST_SYS_EXIT_EXTENDED, block);
}

/* SMC Calling Convention (DEN0028) §2.7: function ID in w0, result in x0. */
static void psci_call(bool smc, uint32_t fn)
{
	register uint64_t x0 __asm__("x0") = fn;

	if (smc)
		__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	else
		__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

/* The device tree's psci node says which conduit reaches the firmware. */
void arm64_exit_psci(void)
{
	const void *fdt = k_fdt();
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2") : -1;
	const char *method;

	if (node < 0 && fdt)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
	method = node >= 0 ? k_fdt_string(fdt, node, "method") : NULL;
	if (method && !strcmp(method, "hvc"))
		psci_call(false, PSCI_SYSTEM_OFF);
	else if (method && !strcmp(method, "smc"))
		psci_call(true, PSCI_SYSTEM_OFF);
}
