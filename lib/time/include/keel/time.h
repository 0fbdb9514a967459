/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Time: a monotonic clock in nanoseconds since boot, the wall clock, and one-shot
 * timers. Everything here may be called from interrupt context.
 */
#ifndef KEEL_TIME_H
#define KEEL_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/list.h>

#define K_NSEC_PER_USEC		1000ull
#define K_NSEC_PER_MSEC		1000000ull
#define K_NSEC_PER_SEC		1000000000ull

/*
 * Nanoseconds since the first instruction, from k_arch_counter(). Never goes back.
 * The first call learns the counter's frequency (plat_counter_hz(): CPUID, kvmclock,
 * or a 10 ms measurement when the platform offers neither).
 */
uint64_t k_time_ns(void);

/* The counter frequency in Hz, and conversions between counter values and time. */
uint64_t k_time_counter_hz(void);
uint64_t k_time_ns_to_counter(uint64_t ns);
uint64_t k_time_counter_to_ns(uint64_t counter);

/*
 * Wall clock: nanoseconds since 1970-01-01 00:00 UTC. Until a driver (the RTC) or
 * the application sets it, it counts from the epoch at boot and k_wallclock_known()
 * is false.
 */
uint64_t k_wallclock_ns(void);
void k_wallclock_set(uint64_t epoch_ns);
/* The wall clock read epoch_ns when k_arch_counter() read counter. */
void k_wallclock_set_at(uint64_t epoch_ns, uint64_t counter);
bool k_wallclock_known(void);

/* A one-shot timer; fn runs in interrupt context when the deadline has passed. */
struct k_timer {
	uint64_t deadline;		/* monotonic ns */
	void (*fn)(struct k_timer *t);
	struct k_list node;		/* in the pending list, ordered by deadline */
};

void k_timer_init(struct k_timer *t, void (*fn)(struct k_timer *t));
/*
 * Fire at monotonic time deadline (re-arms a pending timer). Needs a timer device:
 * without one (k_clockevent_register never called) it panics, naming the missing
 * driver, instead of never firing.
 */
void k_timer_start(struct k_timer *t, uint64_t deadline);
/* Stop a pending timer; returns whether it was pending. */
bool k_timer_cancel(struct k_timer *t);
bool k_timer_pending(const struct k_timer *t);

/* For timer device drivers (LAPIC timer, arm64 generic timer). */
struct k_clockevent {
	const char *name;
	/* Interrupt at monotonic time deadline (or as soon as possible when it passed). */
	void (*program)(uint64_t deadline);
	void (*stop)(void);
};

int k_clockevent_register(const struct k_clockevent *ce);
/* The device's interrupt handler calls this: runs the expired timers, re-arms. */
void k_timer_interrupt(void);

#endif /* KEEL_TIME_H */
