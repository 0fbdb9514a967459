// SPDX-License-Identifier: BSD-3-Clause
/*
 * rtc: prints what the wall clock knows after boot, for tests/suites/52-rtc.sh:
 * "rtcapp: known=K seconds=S" (S = k_wallclock_ns() / 1e9), then checks that the wall
 * clock moves on with the monotonic clock. Exits 1 when it does not.
 */
#include <stdio.h>
#include <keel/time.h>

int main(void)
{
	uint64_t wall = k_wallclock_ns(), mono = k_time_ns(), dwall, dmono;

	printf("rtcapp: known=%d seconds=%llu\n", k_wallclock_known(),
	       (unsigned long long)(wall / K_NSEC_PER_SEC));
	while (k_time_ns() - mono < 10 * K_NSEC_PER_MSEC)
		;
	dwall = k_wallclock_ns() - wall;
	dmono = k_time_ns() - mono;
	/* Both clocks run on the same counter: they agree but for the reads' spacing. */
	if (dwall + K_NSEC_PER_MSEC < dmono || dwall > dmono + K_NSEC_PER_MSEC) {
		printf("rtcapp: advances: FAIL (wall +%llu ns, monotonic +%llu ns)\n",
		       (unsigned long long)dwall, (unsigned long long)dmono);
		return 1;
	}
	printf("rtcapp: advances: ok\n");
	return 0;
}
