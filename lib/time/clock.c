// SPDX-License-Identifier: BSD-3-Clause
/* The monotonic clock over k_arch_counter(), and the wall clock as an offset to it. */
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/plat.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/time.h>

/* ns = (counter - base) * mult >> 32; mult is ns per tick in 32.32 fixed point. */
static uint64_t clock_base;
static uint64_t clock_mult;
static uint64_t clock_hz;
static struct k_spinlock clock_lock = K_SPINLOCK_INIT;

/* The wall clock read epoch_ns when the counter read wall_counter. */
static uint64_t wall_epoch_ns;
static uint64_t wall_counter;
static bool wall_known;

static void clock_start(void)
{
	unsigned long flags = k_spin_lock_irqsave(&clock_lock);

	if (!clock_mult) {
		const struct k_bootinfo *bi = k_bootinfo();
		uint64_t hz = plat_counter_hz();

		if (!hz)
			k_fatal("time: the CPU counter's frequency is unknown; no clock");
		clock_base = bi ? bi->entry_counter : 0;
		clock_hz = hz;
		__atomic_store_n(&clock_mult, (K_NSEC_PER_SEC << 32) / hz, __ATOMIC_RELEASE);
		k_debug("time: counter at %lu kHz\n", (unsigned long)(hz / 1000));
	}
	k_spin_unlock_irqrestore(&clock_lock, flags);
}

static inline uint64_t clock_mult_get(void)
{
	uint64_t mult = __atomic_load_n(&clock_mult, __ATOMIC_ACQUIRE);

	if (k_unlikely(!mult)) {
		clock_start();
		mult = clock_mult;
	}
	return mult;
}

static uint64_t clock_to_ns(uint64_t counter, uint64_t mult)
{
	if (counter < clock_base)
		return 0;
	return (uint64_t)(((unsigned __int128)(counter - clock_base) * mult) >> 32);
}

uint64_t k_time_counter_to_ns(uint64_t counter)
{
	return clock_to_ns(counter, clock_mult_get());
}

uint64_t k_time_ns(void)
{
	/* Learn the frequency first: that may take 30 ms, which the reading must not miss. */
	uint64_t mult = clock_mult_get();

	return clock_to_ns(k_arch_counter(), mult);
}

uint64_t k_time_counter_hz(void)
{
	clock_mult_get();
	return clock_hz;
}

uint64_t k_time_ns_to_counter(uint64_t ns)
{
	uint64_t mult = clock_mult_get();

	/* Rounded up: a device armed for ns must not fire while k_time_ns() reads ns - 1. */
	return clock_base + (uint64_t)((((unsigned __int128)ns << 32) + mult - 1) / mult);
}

uint64_t k_wallclock_ns(void)
{
	unsigned long flags = k_spin_lock_irqsave(&clock_lock);
	uint64_t epoch = wall_epoch_ns, counter = wall_counter;

	k_spin_unlock_irqrestore(&clock_lock, flags);
	if (!counter)
		return k_time_ns();
	return epoch + k_time_ns() - k_time_counter_to_ns(counter);
}

/*
 * Records the counter instead of the monotonic time, so that setting the clock at boot
 * (the RTC driver does) does not make boot measure the counter's frequency.
 */
void k_wallclock_set_at(uint64_t epoch_ns, uint64_t counter)
{
	unsigned long flags = k_spin_lock_irqsave(&clock_lock);

	wall_epoch_ns = epoch_ns;
	wall_counter = counter ? counter : 1;
	wall_known = true;
	k_spin_unlock_irqrestore(&clock_lock, flags);
}

void k_wallclock_set(uint64_t epoch_ns)
{
	k_wallclock_set_at(epoch_ns, k_arch_counter());
}

bool k_wallclock_known(void)
{
	return wall_known;
}
