// SPDX-License-Identifier: BSD-3-Clause
/*
 * time: clocks (lib/newlib/time.c over lib/time) and sleeps as seen through the C
 * library, the invalid sleep, the wall clock's three views agreeing, and newlib's
 * calendar conversions (the time zone is UTC: no TZ in the environment).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define NS_PER_MS	1000000ll
#define NS_PER_S	1000000000ll

unsigned int sleep_slack_ms = 50;

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static void time_monotonic(void)
{
	struct timespec ts;
	long long prev = -1, now;
	int backwards = 0, bad_ns = 0, failed = 0;

	for (int i = 0; i < 1000; i++) {
		failed += clock_gettime(CLOCK_MONOTONIC, &ts) != 0;
		bad_ns += ts.tv_nsec < 0 || ts.tv_nsec >= NS_PER_S;
		now = (long long)ts.tv_sec * NS_PER_S + ts.tv_nsec;
		backwards += now < prev;
		prev = now;
	}
	check("monotonic", !backwards && !bad_ns && !failed,
	      "of 1000 reads: %d went back, %d had tv_nsec out of range, %d failed",
	      backwards, bad_ns, failed);
}

/* Slept at least the time asked, and not more than the slack beyond it. */
static void check_slept(const char *name, long long start, long long want_ns, int ret)
{
	long long took = mono_ns() - start;

	check(name, ret == 0 && took >= want_ns &&
	      took < want_ns + (long long)sleep_slack_ms * NS_PER_MS,
	      "returned %d after %lld us, want %lld us + up to %u ms", ret, took / 1000,
	      want_ns / 1000, sleep_slack_ms);
}

static void time_sleeps(void)
{
	struct timespec req = { 0, 20 * NS_PER_MS }, rem = { 1, 1 };
	long long start = mono_ns();
	int ret = nanosleep(&req, &rem);

	check_slept("nanosleep-20ms", start, 20 * NS_PER_MS, ret);
	start = mono_ns();
	ret = usleep(10000);
	check_slept("usleep-10ms", start, 10 * NS_PER_MS, ret);
	check("sleep-0", sleep(0) == 0, "sleep(0) did not return 0");
}

static void time_bad_sleep(void)
{
	struct timespec big = { 0, NS_PER_S }, neg = { 0, -1 };
	int r1, e1, r2, e2;

	errno = 0;
	r1 = nanosleep(&big, NULL);
	e1 = errno;
	errno = 0;
	r2 = nanosleep(&neg, NULL);
	e2 = errno;
	check("nanosleep-einval", r1 == -1 && e1 == EINVAL && r2 == -1 && e2 == EINVAL,
	      "tv_nsec 1e9: %d errno %d; tv_nsec -1: %d errno %d", r1, e1, r2, e2);
}

/* time(), gettimeofday() and CLOCK_REALTIME read the same clock. */
static void time_wallclock(void)
{
	struct timespec a, b;
	struct timeval tv;
	time_t t1, t2 = 0;
	long long a_us, b_us, tv_us;

	clock_gettime(CLOCK_REALTIME, &a);
	t1 = time(&t2);
	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_REALTIME, &b);
	a_us = (long long)a.tv_sec * 1000000 + a.tv_nsec / 1000;
	b_us = (long long)b.tv_sec * 1000000 + b.tv_nsec / 1000;
	tv_us = (long long)tv.tv_sec * 1000000 + tv.tv_usec;
	check("time-realtime", t1 == t2 && t1 >= a.tv_sec && t1 <= b.tv_sec,
	      "time() %lld (stored %lld) outside CLOCK_REALTIME's %lld..%lld",
	      (long long)t1, (long long)t2, (long long)a.tv_sec, (long long)b.tv_sec);
	check("gettimeofday", tv.tv_usec >= 0 && tv.tv_usec < 1000000 && tv_us >= a_us &&
	      tv_us <= b_us, "%lld us outside CLOCK_REALTIME's %lld..%lld", tv_us, a_us, b_us);
}

/* clock() counts while the program runs: a 20 ms busy wait shows. */
static void time_clock(void)
{
	clock_t first = clock(), prev = first, now;
	long long end = mono_ns() + 20 * NS_PER_MS;
	int backwards = 0;

	while (mono_ns() < end) {
		now = clock();
		backwards += now < prev;
		prev = now;
	}
	check("clock", first != (clock_t)-1 && !backwards &&
	      prev - first >= (clock_t)(CLOCKS_PER_SEC * 15 / 1000),
	      "went back %d times; %ld ticks of %ld/s over a 20 ms busy wait", backwards,
	      (long)(prev - first), (long)CLOCKS_PER_SEC);
}

static void time_strftime(void)
{
	const struct tm leap = { .tm_year = 124, .tm_mon = 1, .tm_mday = 29, .tm_hour = 13,
				 .tm_min = 5, .tm_sec = 9, .tm_wday = 4, .tm_yday = 59 };
	const char *want = "Thu Feb 29 060 24 PM 01 Thursday February 29|%";
	time_t zero = 0;
	char a[32] = "", b[80] = "";
	size_t na = strftime(a, sizeof(a), "%Y-%m-%d %H:%M:%S", gmtime(&zero));
	size_t nb = strftime(b, sizeof(b), "%a %b %d %j %y %p %I %A %B %e|%%", &leap);

	check("strftime", na == 19 && !strcmp(a, "1970-01-01 00:00:00") &&
	      nb == strlen(want) && !strcmp(b, want), "'%s' (%zu), '%s' (%zu)", a, na, b, nb);
}

static void time_mktime(void)
{
	time_t t = 1700000000, back;
	struct tm tm = *gmtime(&t);
	struct tm nov31 = { .tm_year = 123, .tm_mon = 10, .tm_mday = 31 };
	time_t dec1;

	check("gmtime", tm.tm_year == 123 && tm.tm_mon == 10 && tm.tm_mday == 14 &&
	      tm.tm_hour == 22 && tm.tm_min == 13 && tm.tm_sec == 20 && tm.tm_wday == 2 &&
	      tm.tm_yday == 317, "%d-%d-%d %d:%d:%d wday %d yday %d", tm.tm_year, tm.tm_mon,
	      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday, tm.tm_yday);
	back = mktime(&tm);
	dec1 = mktime(&nov31);			/* normalized to December 1st */
	check("mktime", back == t && dec1 == 1701388800 && nov31.tm_mon == 11 &&
	      nov31.tm_mday == 1 && nov31.tm_wday == 5 && nov31.tm_yday == 334,
	      "round trip %lld; Nov 31: %lld, month %d day %d wday %d yday %d",
	      (long long)back, (long long)dec1, nov31.tm_mon, nov31.tm_mday, nov31.tm_wday,
	      nov31.tm_yday);
}

void test_time(void)
{
	time_monotonic();
	time_sleeps();
	time_bad_sleep();
	time_wallclock();
	time_clock();
	time_strftime();
	time_mktime();
}
