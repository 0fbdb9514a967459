// SPDX-License-Identifier: BSD-3-Clause
/*
 * Time under Xen on arm64: the generic timer, as on any arm64 machine. Xen gives the
 * guest the virtual counter (CNTVCT_EL0, offset to start near zero) and the EL1 virtual
 * timer, which drivers/timer/arm-generic drives; Arm guests have no pvclock and no
 * VCPUOP timers (Xen's vcpu_op on Arm takes only the vcpu_info and runstate calls).
 */
#include <keel/arch.h>
#include <keel/fdt.h>
#include "../xenplat.h"

uint64_t plat_counter_hz(void)
{
	static uint64_t hz;
	const void *fdt;
	int node, len;
	const fdt32_t *p;

	if (hz)
		return hz;
	/* CNTFRQ_EL0, which the host's firmware set; else the timer node's clock-frequency. */
	hz = arm64_sysreg_read(cntfrq_el0) & 0xffffffffu;
	fdt = hz ? NULL : k_fdt();
	node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer") : -1;
	p = node >= 0 ? fdt_getprop(fdt, node, "clock-frequency", &len) : NULL;
	if (p && len == 4)
		hz = fdt32_to_cpu(p[0]);
	return hz;
}
