// SPDX-License-Identifier: BSD-3-Clause
/*
 * The local APIC timer as Keel's timer device (keel/time.h), one-shot only: in
 * TSC-deadline mode (SDM 3A §11.5.4.1) it fires when the TSC reaches a value, with no
 * calibration; otherwise it counts down from a value computed with its measured rate.
 */
#include <errno.h>
#include <string.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/panic.h>
#include <keel/param.h>
#include <keel/print.h>
#include <keel/time.h>
#include <keel/x86_64/irq.h>
#include "apic.h"

#define MSR_TSC_DEADLINE	0x6e0
#define CPUID1_ECX_TSC_DEADLINE	(1u << 24)
#define LVT_TIMER_ONESHOT	(0u << 17)
#define LVT_TIMER_TSC_DEADLINE	(2u << 17)
#define TIMER_DIVIDE_16		0x3	/* §11.5.4, figure 11-10: divide by 16 */
#define TIMER_DIVIDE		16
#define CALIBRATE_US		500

enum timer_mode { TIMER_AUTO, TIMER_DEADLINE, TIMER_ONESHOT };

#ifdef CONFIG_APIC_TSC_DEADLINE
static const bool apic_tsc_deadline_default = true;
#else
static const bool apic_tsc_deadline_default = false;
#endif

static enum timer_mode timer_want = TIMER_AUTO;
static uint64_t timer_rate;		/* one-shot mode: counts per second */

static int timer_mode_set(const char *value)
{
	if (value && !strcmp(value, "deadline"))
		timer_want = TIMER_DEADLINE;
	else if (value && !strcmp(value, "oneshot"))
		timer_want = TIMER_ONESHOT;
	else
		return -EINVAL;
	return 0;
}
K_PARAM("apic.timer", timer_mode_set, "deadline or oneshot");

static void timer_deadline_program(uint64_t deadline)
{
	/* A deadline already passed fires at once (§11.5.4.1). 0 would disarm: use 1. */
	x86_wrmsr(MSR_TSC_DEADLINE, K_MAX(k_time_ns_to_counter(deadline), (uint64_t)1));
}

static void timer_deadline_stop(void)
{
	x86_wrmsr(MSR_TSC_DEADLINE, 0);
}

static uint64_t timer_measure_rate(void);

static void timer_oneshot_program(uint64_t deadline)
{
	uint64_t now = k_time_ns(), delta = deadline > now ? deadline - now : 0;
	uint64_t count;

	/* Measured at first use, not at boot: the TSC rate may itself need measuring. */
	if (!timer_rate)
		timer_rate = timer_measure_rate();
	/* Rounded up, so that the interrupt does not come before the deadline. */
	count = (uint64_t)(((unsigned __int128)delta * timer_rate + K_NSEC_PER_SEC - 1) /
			   K_NSEC_PER_SEC);

	/*
	 * Past the 32-bit count the timer fires early; k_timer_interrupt() then finds
	 * nothing expired and programs the rest.
	 */
	count = K_MIN(K_MAX(count, (uint64_t)1), (uint64_t)UINT32_MAX);
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)count);
}

static void timer_oneshot_stop(void)
{
	lapic_write(LAPIC_TIMER_INIT, 0);
}

static struct k_clockevent timer_deadline = {
	.name = "lapic-tsc-deadline",
	.program = timer_deadline_program,
	.stop = timer_deadline_stop,
};

static struct k_clockevent timer_oneshot = {
	.name = "lapic-oneshot",
	.program = timer_oneshot_program,
	.stop = timer_oneshot_stop,
};

static void timer_interrupt(void *arg)
{
	(void)arg;
	k_timer_interrupt();
	lapic_eoi();
}

/*
 * Counts per second of the divided APIC timer. The hypervisor timing leaf gives the
 * APIC bus rate (EBX, kHz) when present; else measure CALIBRATE_US of TSC time.
 */
static uint64_t timer_measure_rate(void)
{
	uint64_t hz = k_time_counter_hz(), t0, cycles = hz * CALIBRATE_US / 1000000;
	uint32_t left;

	if (x86_cpuid(0x40000000, 0).eax >= 0x40000010) {
		uint32_t bus_khz = x86_cpuid(0x40000010, 0).ebx;

		if (bus_khz)
			return (uint64_t)bus_khz * 1000 / TIMER_DIVIDE;
	}
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | X86_IRQ_VECTOR_TIMER);
	lapic_write(LAPIC_TIMER_INIT, UINT32_MAX);
	t0 = k_arch_counter();
	while (k_arch_counter() - t0 < cycles)
		k_arch_cpu_relax();
	left = lapic_read(LAPIC_TIMER_CURRENT);
	cycles = k_arch_counter() - t0;
	lapic_write(LAPIC_TIMER_INIT, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_TIMER_ONESHOT | X86_IRQ_VECTOR_TIMER);
	if (left == UINT32_MAX)
		k_panic("apic: the APIC timer does not count; no timer interrupts");
	hz = (uint64_t)(UINT32_MAX - left) * hz / cycles;
	k_debug("apic: timer one-shot at %lu kHz\n", (unsigned long)(hz / 1000));
	return hz;
}

int apic_timer_init(void)
{
	bool has_deadline = x86_cpuid(1, 0).ecx & CPUID1_ECX_TSC_DEADLINE;
	bool use_deadline = timer_want == TIMER_DEADLINE ||
			    (timer_want == TIMER_AUTO && has_deadline &&
			     apic_tsc_deadline_default);
	int rc = x86_irq_vector_set(X86_IRQ_VECTOR_TIMER, timer_interrupt, NULL);

	if (rc)
		return rc;
	if (use_deadline && !has_deadline) {
		k_warn("apic: apic.timer=deadline, but this CPU has no TSC-deadline mode; "
		       "using one-shot\n");
		use_deadline = false;
	}
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
	if (use_deadline) {
		lapic_write(LAPIC_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | X86_IRQ_VECTOR_TIMER);
		return k_clockevent_register(&timer_deadline);
	}
	lapic_write(LAPIC_LVT_TIMER, LVT_TIMER_ONESHOT | X86_IRQ_VECTOR_TIMER);
	return k_clockevent_register(&timer_oneshot);
}
