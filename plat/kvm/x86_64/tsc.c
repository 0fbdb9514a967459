// SPDX-License-Identifier: BSD-3-Clause
/*
 * TSC frequency without a long busy-wait: CPUID leaves first (hypervisor timing leaf,
 * crystal ratio, base frequency), then kvmclock, and only when none answers the least
 * of three 10 ms measurements against the PIT. Computed once, on first use, never during boot.
 */
#include <stdbool.h>
#include <keel/arch.h>
#include <keel/plat.h>
#include "kvm.h"

#define CPUID_HYPERVISOR_BIT	(1u << 31)	/* CPUID.1:ECX */
#define CPUID_TIMING_LEAF	0x40000010	/* EAX = TSC kHz (VMware/QEMU convention) */
#define KVM_FEATURE_CLOCKSOURCE2 (1u << 3)	/* CPUID 0x40000001 EAX */
#define MSR_KVM_SYSTEM_TIME_NEW	0x4b564d01
#define PIT_HZ			1193182
#define PIT_CALIBRATE_MS	10
#define PIT_SAMPLES		3

static uint64_t tsc_from_cpuid(void)
{
	struct x86_cpuid r = x86_cpuid(0, 0);
	uint32_t max_basic = r.eax;

	if (x86_cpuid(1, 0).ecx & CPUID_HYPERVISOR_BIT) {
		r = x86_cpuid(0x40000000, 0);
		if (r.eax >= CPUID_TIMING_LEAF) {
			r = x86_cpuid(CPUID_TIMING_LEAF, 0);
			if (r.eax)
				return (uint64_t)r.eax * 1000;
		}
	}
	/* SDM vol. 2A, CPUID 15h: TSC = crystal (ECX Hz) * EBX / EAX. */
	if (max_basic >= 0x15) {
		r = x86_cpuid(0x15, 0);
		if (r.eax && r.ebx && r.ecx)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	/* CPUID 16h EAX: base frequency in MHz, the TSC rate on invariant-TSC parts. */
	if (max_basic >= 0x16) {
		r = x86_cpuid(0x16, 0);
		if (r.eax)
			return (uint64_t)r.eax * 1000000;
	}
	return 0;
}

/* KVM's pvclock (Documentation/virt/kvm/x86/msr.rst): time = tsc * mul >> 32, shifted. */
struct pvclock_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
} __k_packed;

static uint64_t tsc_from_kvmclock(void)
{
	static struct pvclock_time_info ti __k_aligned(32);
	struct x86_cpuid sig = x86_cpuid(0x40000000, 0);
	uint64_t hz;

	if (sig.ebx != 0x4b4d564b || sig.ecx != 0x564b4d56 || sig.edx != 0x4d ||
	    !(x86_cpuid(0x40000001, 0).eax & KVM_FEATURE_CLOCKSOURCE2))
		return 0;
	x86_wrmsr(MSR_KVM_SYSTEM_TIME_NEW, (uintptr_t)&ti | 1);
	while (!*(volatile uint32_t *)&ti.tsc_to_system_mul)
		;
	x86_wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	/* ns per tick = mul / 2^32 scaled by 2^shift, so Hz = 1e9 * 2^32 / mul / 2^shift. */
	hz = (1000000000ull << 32) / ti.tsc_to_system_mul;
	return ti.tsc_shift < 0 ? hz << -ti.tsc_shift : hz >> ti.tsc_shift;
}

/* Latch and read PIT channel 0's count (8254 data sheet: counter latch command). */
static uint16_t pit_read_count(void)
{
	uint8_t lo, hi;

	outb(0x43, 0x00);		/* latch channel 0 */
	lo = inb(0x40);
	hi = inb(0x40);
	return (uint16_t)(lo | hi << 8);
}

/*
 * Count TSC cycles while PIT channel 0 (1.193182 MHz) counts down PIT_CALIBRATE_MS.
 * Reads back through the counter latch, so it needs no port 0x61 (microvm has none).
 * Interrupts are off, so the channel's IRQ 0 goes nowhere. 0 when there is no PIT.
 */
static uint64_t tsc_pit_sample(void)
{
	uint32_t want = PIT_HZ * PIT_CALIBRATE_MS / 1000, elapsed = 0, spins = 0;
	uint16_t prev, now;
	uint64_t t0;

	outb(0x43, 0x34);		/* channel 0, lo/hi byte, mode 2, binary */
	outb(0x40, 0xff);
	outb(0x40, 0xff);
	prev = pit_read_count();
	t0 = x86_rdtsc();
	while (elapsed < want) {
		now = pit_read_count();
		elapsed += (uint16_t)(prev - now);	/* counts down; wraps at reload */
		prev = now;
		/* No PIT: the count never moves (reads 0xffff); give up. */
		if (++spins > 1000000 && elapsed == 0)
			return 0;
	}
	return (x86_rdtsc() - t0) * PIT_HZ / elapsed;
}

/*
 * The least of a few samples. A vCPU descheduled between two reads of the count for
 * longer than the channel's period (65536 counts, 55 ms: a loaded host under TCG)
 * misses whole periods, so the PIT seems to have counted less than it did and the
 * sample comes out too fast (39 GHz was seen); nothing makes a sample too slow,
 * since both clocks run on while the vCPU does not.
 */
static uint64_t tsc_from_pit(void)
{
	uint64_t best = 0, hz;

	for (int i = 0; i < PIT_SAMPLES; i++) {
		hz = tsc_pit_sample();
		if (!hz)
			return 0;
		if (!best || hz < best)
			best = hz;
	}
	return best;
}

uint64_t plat_counter_hz(void)
{
	static uint64_t hz;
	static bool done;

	if (!done) {
		hz = tsc_from_cpuid();
		if (!hz)
			hz = tsc_from_kvmclock();
		if (!hz)
			hz = tsc_from_pit();
		done = true;
	}
	return hz;
}
