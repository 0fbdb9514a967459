// SPDX-License-Identifier: BSD-3-Clause
/*
 * Clocks and sleeping for newlib: CLOCK_MONOTONIC is Keel's monotonic time (lib/time),
 * CLOCK_REALTIME the wall clock set from the RTC (or 1970 plus the time since boot
 * when no RTC set it), and sleeping blocks the calling thread in the scheduler.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <keel/thread.h>
#include <keel/time.h>

#define NS_PER_S	1000000000ull

static struct timespec ns_to_timespec(uint64_t ns)
{
	return (struct timespec){ (time_t)(ns / NS_PER_S), (long)(ns % NS_PER_S) };
}

static int clock_ns(clockid_t id, uint64_t *ns)
{
	switch (id) {
	case CLOCK_MONOTONIC:
		*ns = k_time_ns();
		return 0;
	case CLOCK_REALTIME:
		*ns = k_wallclock_ns();
		return 0;
	default:
		errno = EINVAL;
		return -1;
	}
}

int clock_gettime(clockid_t id, struct timespec *tp)
{
	uint64_t ns;

	if (clock_ns(id, &ns))
		return -1;
	*tp = ns_to_timespec(ns);
	return 0;
}

int clock_getres(clockid_t id, struct timespec *res)
{
	uint64_t ns;

	if (clock_ns(id, &ns))
		return -1;
	if (res)
		*res = ns_to_timespec(1);
	return 0;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = k_wallclock_ns();

	(void)tz;
	tv->tv_sec = (time_t)(ns / NS_PER_S);
	tv->tv_usec = (suseconds_t)(ns % NS_PER_S / 1000);
	return 0;
}

/* clock() divides this by CLOCKS_PER_SEC: the uptime, in those units. */
clock_t times(struct tms *t)
{
	clock_t now = (clock_t)(k_time_ns() / (NS_PER_S / CLOCKS_PER_SEC));

	*t = (struct tms){ now, 0, 0, 0 };
	return now;
}

static int timespec_valid(const struct timespec *ts)
{
	return ts && ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long)NS_PER_S;
}

static uint64_t timespec_to_ns(const struct timespec *ts)
{
	uint64_t s = (uint64_t)ts->tv_sec;

	/* Saturate: a sleep of more than 584 years is forever. */
	if (s > UINT64_MAX / NS_PER_S - 1)
		return UINT64_MAX;
	return s * NS_PER_S + (uint64_t)ts->tv_nsec;
}

/* Nothing interrupts a sleep (there are no signals): rem, when given, is zero. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!timespec_valid(req)) {
		errno = EINVAL;
		return -1;
	}
	k_sleep_ns(timespec_to_ns(req));
	if (rem)
		*rem = (struct timespec){ 0, 0 };
	return 0;
}

int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	uint64_t now, when;

	/* POSIX: clock_nanosleep returns the error and leaves errno alone. */
	if (!timespec_valid(req) || (id != CLOCK_MONOTONIC && id != CLOCK_REALTIME))
		return EINVAL;
	clock_ns(id, &now);
	when = timespec_to_ns(req);
	if (flags & TIMER_ABSTIME)
		when = when > now ? when - now : 0;
	k_sleep_ns(when);
	if (rem && !(flags & TIMER_ABSTIME))
		*rem = (struct timespec){ 0, 0 };
	return 0;
}

unsigned int sleep(unsigned int seconds)
{
	k_sleep_ns(seconds * NS_PER_S);
	return 0;
}

int usleep(useconds_t us)
{
	k_sleep_ns((uint64_t)us * 1000);
	return 0;
}
