// SPDX-License-Identifier: BSD-3-Clause
/*
 * The Arm generic timer's EL1 virtual timer as Keel's timer device (keel/time.h): a
 * compare value against CNTVCT_EL0, the counter k_arch_counter() reads (ARM ARM D11.2).
 * The interrupt is level: it stays asserted until the compare value moves past the
 * counter or the timer is stopped, which k_timer_interrupt() always does.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/fdt.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/time.h>

#define CNTV_CTL_ENABLE		(1u << 0)
#define CNTV_CTL_IMASK		(1u << 1)
/* The timer node's interrupts (binding arm,armv8-timer): secure, non-secure, virtual, hyp. */
#define TIMER_IRQ_VIRT		2

static void timer_program(uint64_t deadline)
{
	/* A compare value already passed fires at once (D11.2.4). */
	arm64_sysreg_write(cntv_cval_el0, k_time_ns_to_counter(deadline));
	arm64_sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
	arm64_isb();
}

static void timer_stop(void)
{
	arm64_sysreg_write(cntv_ctl_el0, 0);
	arm64_isb();
}

static struct k_clockevent timer_event = {
	.name = "arm-virtual-timer",
	.program = timer_program,
	.stop = timer_stop,
};

static int timer_interrupt(void *arg)
{
	(void)arg;
	timer_stop();
	k_timer_interrupt();
	return K_IRQ_HANDLED;
}

static int arm_timer_init(void)
{
	const void *fdt = k_fdt();
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer") : -1, rc;
	unsigned int line, flags;

	if (node < 0) {
		k_err("arm-timer: no arm,armv8-timer node in the device tree; no timers\n");
		return -ENODEV;
	}
	rc = k_fdt_irq(fdt, node, TIMER_IRQ_VIRT, &line, &flags);
	if (rc) {
		k_err("arm-timer: the timer node has no usable virtual timer interrupt (%d)\n", rc);
		return rc;
	}
	timer_stop();
	/* The GIC cannot take active-low lines; QEMU's node says so for the PPIs. */
	rc = k_irq_register(line, timer_interrupt, NULL, "arm-timer",
			    (flags & ~K_IRQ_ACTIVE_LOW) | K_IRQ_LEVEL);
	if (rc) {
		k_err("arm-timer: cannot attach to INTID %u (%d)\n", line, rc);
		return rc;
	}
	return k_clockevent_register(&timer_event);
}
K_INIT(arm_timer_init, K_INIT_PLAT, 20);
