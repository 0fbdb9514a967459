// SPDX-License-Identifier: BSD-3-Clause
/*
 * PSCI SYSTEM_OFF, for plat/kvm, plat/efi and plat/xen on arm64 (exit.h): Xen's
 * guests get a psci node with method "hvc" as QEMU virt's do.
 */
#include <stdbool.h>
#include <string.h>
#include <keel/fdt.h>
#include "exit.h"

#define PSCI_SYSTEM_OFF	0x84000008u	/* PSCI 1.1 (DEN0022) §5.1: SMC32 function ID */

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
