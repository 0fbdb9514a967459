// SPDX-License-Identifier: BSD-3-Clause
/*
 * Time under Xen. The monotonic clock stays lib/time's TSC clock; its rate comes from
 * the pvclock Xen keeps in the shared info (vcpu_time_info: ns = (tsc - stamp) scaled
 * by tsc_to_system_mul and tsc_shift). Timers are Xen's one-shot vCPU timer
 * (VCPUOP_set_singleshot_timer, deadlines in Xen system time) firing VIRQ_TIMER, and
 * the wall clock is the shared info's wc_sec/wc_nsec (the date at system time 0).
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/time.h>
#include <keel/xen/evtchn.h>
#include "../xenplat.h"

#define CPUID_TSC_LEAF_OFFSET	3	/* Xen leaf 4, sub-leaf 0: ECX = guest TSC kHz */

uint64_t plat_counter_hz(void)
{
	static uint64_t hz;
	const struct xen_shared_info *s = xen_shared_info();
	uint32_t mul;
	int8_t shift;

	if (hz || !s)
		return hz;
	mul = __atomic_load_n(&s->vcpu_info[0].time.tsc_to_system_mul, __ATOMIC_RELAXED);
	shift = __atomic_load_n(&s->vcpu_info[0].time.tsc_shift, __ATOMIC_RELAXED);
	if (!mul)
		return 0;
	/* ns per tick = mul / 2^32 * 2^shift, so Hz = 1e9 * 2^32 / mul / 2^shift. */
	hz = (K_NSEC_PER_SEC << 32) / mul;
	hz = shift < 0 ? hz << -shift : hz >> shift;
	return hz;
}

static void xen_timer_program(uint64_t deadline)
{
	uint64_t now = k_time_ns();
	struct xen_vcpu_set_singleshot_timer t = {
		/* No VCPU_SSHOTTMR_future flag: a deadline in the past fires at once. */
		.timeout_abs_ns = xen_system_time_ns() + (deadline > now ? deadline - now : 0),
	};

	xen_hypercall(XEN_HC_vcpu_op, XEN_VCPUOP_set_singleshot_timer, 0, (uintptr_t)&t);
}

static void xen_timer_stop(void)
{
	xen_hypercall(XEN_HC_vcpu_op, XEN_VCPUOP_stop_singleshot_timer, 0, 0);
}

static const struct k_clockevent xen_clockevent = {
	.name = "xen-singleshot",
	.program = xen_timer_program,
	.stop = xen_timer_stop,
};

static int xen_timer_irq(void *arg)
{
	(void)arg;
	k_timer_interrupt();
	return K_IRQ_HANDLED;
}

static void xen_wallclock_init(void)
{
	const volatile struct xen_shared_info *s = xen_shared_info();
	uint32_t version, sec, nsec, sec_hi;
	uint64_t counter, system;

	do {
		version = s->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		sec = s->wc_sec;
		nsec = s->wc_nsec;
		sec_hi = s->wc_sec_hi;
		counter = k_arch_counter();
		system = xen_system_time_ns();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != s->wc_version);
	if (!sec && !sec_hi)
		return;			/* Xen has no date to give */
	k_wallclock_set_at((((uint64_t)sec_hi << 32 | sec) * K_NSEC_PER_SEC) + nsec + system,
			   counter);
}

/* K_INIT_PLAT 11: after the event channels (10), before the scheduler (50). */
static int xen_time_init(void)
{
	uint32_t port;
	int rc;

	if (!xen_shared_info())
		return -ENODEV;
	xen_wallclock_init();
	/* A PV-style default periodic tick would only wake us for nothing. */
	xen_hypercall(XEN_HC_vcpu_op, XEN_VCPUOP_stop_periodic_timer, 0, 0);
	rc = xen_evtchn_bind_virq(XEN_VIRQ_TIMER, &port);
	if (rc)
		return rc;
	rc = k_clockevent_register(&xen_clockevent);
	if (rc)
		return rc;
	rc = k_irq_register(port, xen_timer_irq, NULL, "xen-timer", K_IRQ_EDGE);
	if (rc)
		return rc;
	k_debug("xen: %s timer on port %u, counter %lu Hz\n", xen_clockevent.name,
		port, (unsigned long)plat_counter_hz());
	return 0;
}
K_INIT(xen_time_init, K_INIT_PLAT, 11);
