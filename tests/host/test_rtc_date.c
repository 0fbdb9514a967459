// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host tests of drivers/rtc/cmos/date.c: days from a civil date, seconds since the
 * epoch, BCD and 12-hour decoding, and rejection of register values out of range.
 */
#include <time.h>
#include "date.h"
#include "host_test.h"

#define BCD_24H		RTC_B_24H
#define BIN_24H		(RTC_B_24H | RTC_B_BINARY)
#define BCD_12H		0
#define BIN_12H		RTC_B_BINARY

static uint64_t epoch_of(unsigned int y, unsigned int mo, unsigned int d, unsigned int h,
			 unsigned int mi, unsigned int s)
{
	struct rtc_date date = { y, mo, d, h, mi, s };

	return rtc_date_to_epoch(&date);
}

/* Reference values from Python's calendar.timegm. */
static void known_dates(void)
{
	T_EXPECT_UINT(epoch_of(1970, 1, 1, 0, 0, 0), 0);
	T_EXPECT_UINT(epoch_of(1970, 1, 2, 0, 0, 0), 86400);
	T_EXPECT_UINT(epoch_of(1984, 7, 15, 9, 30, 5), 458731805);
	T_EXPECT_UINT(epoch_of(1999, 12, 31, 23, 59, 59), 946684799);
	T_EXPECT_UINT(epoch_of(2000, 1, 1, 0, 0, 0), 946684800);
	T_EXPECT_UINT(epoch_of(2000, 2, 28, 0, 0, 0), 951696000);
	T_EXPECT_UINT(epoch_of(2000, 2, 29, 0, 0, 0), 951782400);
	T_EXPECT_UINT(epoch_of(2000, 3, 1, 0, 0, 0), 951868800);
	T_EXPECT_UINT(epoch_of(2024, 2, 29, 12, 0, 0), 1709208000);
	T_EXPECT_UINT(epoch_of(2038, 1, 19, 3, 14, 7), 2147483647);
	T_EXPECT_UINT(epoch_of(2038, 1, 19, 3, 14, 8), 2147483648);
	T_EXPECT_UINT(epoch_of(2100, 2, 28, 0, 0, 0), 4107456000);
	T_EXPECT_UINT(epoch_of(2100, 3, 1, 0, 0, 0), 4107542400);
	T_EXPECT_UINT(epoch_of(2399, 12, 31, 23, 59, 59), 13569465599);
}

/* Before the epoch, days count down (not reachable from the RTC, but defined). */
static void days_before_epoch(void)
{
	T_EXPECT_INT(rtc_days_from_civil(1969, 12, 31), -1);
	T_EXPECT_INT(rtc_days_from_civil(1900, 3, 1), -25508);
	T_EXPECT_INT(rtc_days_from_civil(1, 1, 1), -719162);
}

static void leap_years(void)
{
	T_EXPECT(rtc_leap_year(2000));
	T_EXPECT(rtc_leap_year(2024));
	T_EXPECT(rtc_leap_year(2400));
	T_EXPECT(!rtc_leap_year(1900));
	T_EXPECT(!rtc_leap_year(2023));
	T_EXPECT(!rtc_leap_year(2100));
	T_EXPECT_UINT(rtc_days_in_month(2000, 2), 29);
	T_EXPECT_UINT(rtc_days_in_month(2100, 2), 28);
	T_EXPECT_UINT(rtc_days_in_month(2024, 2), 29);
	T_EXPECT_UINT(rtc_days_in_month(2023, 2), 28);
	T_EXPECT_UINT(rtc_days_in_month(2023, 0), 0);
	T_EXPECT_UINT(rtc_days_in_month(2023, 13), 0);
}

/* The last day of every month is followed by the first of the next, 1970..2399. */
static void month_ends(void)
{
	static const unsigned int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	for (unsigned int y = 1970; y <= 2399; y++) {
		for (unsigned int m = 1; m <= 12; m++) {
			unsigned int last = rtc_days_in_month(y, m);
			int64_t end = rtc_days_from_civil(y, m, last);
			int64_t next = m < 12 ? rtc_days_from_civil(y, m + 1, 1) :
						rtc_days_from_civil(y + 1, 1, 1);

			T_EXPECT_UINT(last, len[m - 1] + (m == 2 && rtc_leap_year(y)));
			T_EXPECT_INT(next, end + 1);
		}
	}
	T_EXPECT_UINT(epoch_of(2023, 4, 30, 0, 0, 0), 1682812800);
	T_EXPECT_UINT(epoch_of(2023, 12, 31, 23, 59, 59), 1704067199);
}

/* Every day from 1970 to 2399 against glibc's timegm, an independent implementation. */
static void every_day_matches_timegm(void)
{
	for (unsigned int y = 1970; y <= 2399; y++) {
		for (unsigned int m = 1; m <= 12; m++) {
			for (unsigned int d = 1; d <= rtc_days_in_month(y, m); d++) {
				struct tm tm = { .tm_year = (int)y - 1900, .tm_mon = (int)m - 1,
						 .tm_mday = (int)d, .tm_hour = 13,
						 .tm_min = 7, .tm_sec = 59 };

				T_EXPECT_UINT(epoch_of(y, m, d, 13, 7, 59),
					      (uint64_t)timegm(&tm));
			}
		}
	}
}

static void bcd(void)
{
	T_EXPECT_INT(rtc_bcd_decode(0x00), 0);
	T_EXPECT_INT(rtc_bcd_decode(0x09), 9);
	T_EXPECT_INT(rtc_bcd_decode(0x10), 10);
	T_EXPECT_INT(rtc_bcd_decode(0x59), 59);
	T_EXPECT_INT(rtc_bcd_decode(0x99), 99);
	T_EXPECT_INT(rtc_bcd_decode(0x0a), -1);
	T_EXPECT_INT(rtc_bcd_decode(0xa0), -1);
	T_EXPECT_INT(rtc_bcd_decode(0x3f), -1);
	T_EXPECT_INT(rtc_bcd_decode(0xff), -1);
	T_EXPECT_INT(rtc_field_decode(0x3b, true), 59);
	T_EXPECT_INT(rtc_field_decode(0x3b, false), -1);
	T_EXPECT_INT(rtc_field_decode(0x59, false), 59);
}

static void hours_12h(void)
{
	T_EXPECT_INT(rtc_hour_decode(0x12, false, false), 0);		/* 12 AM */
	T_EXPECT_INT(rtc_hour_decode(0x92, false, false), 12);		/* 12 PM */
	T_EXPECT_INT(rtc_hour_decode(0x01, false, false), 1);
	T_EXPECT_INT(rtc_hour_decode(0x11, false, false), 11);
	T_EXPECT_INT(rtc_hour_decode(0x81, false, false), 13);
	T_EXPECT_INT(rtc_hour_decode(0x91, false, false), 23);
	T_EXPECT_INT(rtc_hour_decode(0x0c, true, false), 0);		/* binary 12 AM */
	T_EXPECT_INT(rtc_hour_decode(0x8c, true, false), 12);		/* binary 12 PM */
	T_EXPECT_INT(rtc_hour_decode(0x8b, true, false), 23);
	T_EXPECT_INT(rtc_hour_decode(0x00, false, false), -1);		/* no hour 0 */
	T_EXPECT_INT(rtc_hour_decode(0x80, false, false), -1);
	T_EXPECT_INT(rtc_hour_decode(0x13, false, false), -1);
	T_EXPECT_INT(rtc_hour_decode(0x93, false, false), -1);
	T_EXPECT_INT(rtc_hour_decode(0x0d, true, false), -1);
	T_EXPECT_INT(rtc_hour_decode(0x1a, false, false), -1);		/* bad BCD */
}

static void hours_24h(void)
{
	T_EXPECT_INT(rtc_hour_decode(0x00, false, true), 0);
	T_EXPECT_INT(rtc_hour_decode(0x12, false, true), 12);
	T_EXPECT_INT(rtc_hour_decode(0x23, false, true), 23);
	T_EXPECT_INT(rtc_hour_decode(23, true, true), 23);
	T_EXPECT_INT(rtc_hour_decode(0x24, false, true), -1);
	T_EXPECT_INT(rtc_hour_decode(24, true, true), -1);
	T_EXPECT_INT(rtc_hour_decode(0x81, false, true), -1);	/* PM flag in 24h mode */
}

static const char *decode(struct rtc_regs r, bool has_century, struct rtc_date *d)
{
	return rtc_regs_decode(&r, has_century, d);
}

static void regs_bcd_24h(void)
{
	struct rtc_date d;

	T_REQUIRE(!decode((struct rtc_regs){ 0x08, 0x14, 0x03, 0x19, 0x01, 0x38, 0x20,
					     BCD_24H }, true, &d));
	T_EXPECT_UINT(d.year, 2038);
	T_EXPECT_UINT(d.mon, 1);
	T_EXPECT_UINT(d.mday, 19);
	T_EXPECT_UINT(d.hour, 3);
	T_EXPECT_UINT(d.min, 14);
	T_EXPECT_UINT(d.sec, 8);
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 2147483648);
}

static void regs_binary_12h(void)
{
	struct rtc_date d;

	/* 3:14:08 PM on 2038-01-19, every byte binary; the PM flag stays bit 7. */
	T_REQUIRE(!decode((struct rtc_regs){ 8, 14, 0x80 | 3, 19, 1, 38, 20, BIN_12H },
			  true, &d));
	T_EXPECT_UINT(d.hour, 15);
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 2147483648 + 12 * 3600);
	/* 12:00:00 AM is midnight, 12:00:00 PM is noon. */
	T_REQUIRE(!decode((struct rtc_regs){ 0, 0, 12, 1, 1, 0, 20, BIN_12H }, true, &d));
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 946684800);
	T_REQUIRE(!decode((struct rtc_regs){ 0, 0, 0x92, 1, 1, 0, 0x20, BCD_12H }, true, &d));
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 946684800 + 12 * 3600);
}

static void regs_century(void)
{
	struct rtc_date d;

	/* Century register 19: the last second of 1999. */
	T_REQUIRE(!decode((struct rtc_regs){ 0x59, 0x59, 0x23, 0x31, 0x12, 0x99, 0x19,
					     BCD_24H }, true, &d));
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 946684799);
	/* No century register: 20xx, whatever the century byte holds. */
	T_REQUIRE(!decode((struct rtc_regs){ 0x00, 0x00, 0x00, 0x29, 0x02, 0x00, 0xff,
					     BCD_24H }, false, &d));
	T_EXPECT_UINT(d.year, 2000);
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 951782400);
	T_REQUIRE(!decode((struct rtc_regs){ 0, 0, 0, 1, 3, 0x00, 0x21, BCD_24H }, true, &d));
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 4107542400);
}

/* Valid 2024-02-29 12:30:45 BCD/24h; each case breaks one field. */
static const struct rtc_regs good = { 0x45, 0x30, 0x12, 0x29, 0x02, 0x24, 0x20, BCD_24H };

static const char *with(int field, uint8_t v, bool has_century)
{
	struct rtc_regs r = good;
	struct rtc_date d;
	uint8_t *bytes[] = { &r.sec, &r.min, &r.hour, &r.mday, &r.mon, &r.year, &r.century,
			     &r.reg_b };

	*bytes[field] = v;
	return rtc_regs_decode(&r, has_century, &d);
}

enum { SEC, MIN, HOUR, MDAY, MON, YEAR, CENTURY, REG_B };

static void rejects_invalid_fields(void)
{
	T_EXPECT_STR(with(SEC, 0x45, true), NULL);
	T_EXPECT_STR(with(SEC, 0x60, true), "seconds");
	T_EXPECT_STR(with(SEC, 0x4a, true), "seconds");
	T_EXPECT_STR(with(MIN, 0x60, true), "minutes");
	T_EXPECT_STR(with(HOUR, 0x24, true), "hours");
	T_EXPECT_STR(with(HOUR, 0x92, true), "hours");		/* PM flag in 24h mode */
	T_EXPECT_STR(with(MDAY, 0x00, true), "day of month");
	T_EXPECT_STR(with(MDAY, 0x30, true), "day of month");	/* no Feb 30 */
	T_EXPECT_STR(with(YEAR, 0x23, true), "day of month");	/* no Feb 29 in 2023 */
	T_EXPECT_STR(with(MON, 0x00, true), "month");
	T_EXPECT_STR(with(MON, 0x13, true), "month");
	T_EXPECT_STR(with(MON, 0x0a, true), "month");		/* binary 10 in BCD mode */
	T_EXPECT_STR(with(YEAR, 0xa0, true), "year");
	T_EXPECT_STR(with(CENTURY, 0x18, true), "century");
	T_EXPECT_STR(with(CENTURY, 0x24, true), "century");
	T_EXPECT_STR(with(CENTURY, 0x24, false), NULL);	/* ignored without one */
	T_EXPECT_STR(with(REG_B, BCD_12H, true), NULL);	/* 12h: 0x12 is midnight */
	T_EXPECT_STR(with(REG_B, BIN_24H, true), "seconds");	/* 0x45 = 69 */
}

/* Before the epoch is refused: the wall clock cannot hold it. */
static void rejects_before_1970(void)
{
	struct rtc_regs r = { 0x59, 0x59, 0x23, 0x31, 0x12, 0x69, 0x19, BCD_24H };
	struct rtc_date d;

	T_EXPECT_STR(with(CENTURY, 0x19, true), "year");	/* 1924 */
	T_EXPECT_STR(rtc_regs_decode(&r, true, &d), "year");
	r.year = 0x70;
	r.mon = 0x01;
	r.mday = 0x01;
	r.hour = r.min = r.sec = 0;
	T_EXPECT_STR(rtc_regs_decode(&r, true, &d), NULL);
	T_EXPECT_UINT(rtc_date_to_epoch(&d), 0);
}

/* No RTC: every port read returns 0xff. Refused whatever register B seems to say. */
static void rejects_all_ones(void)
{
	struct rtc_regs r = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct rtc_date d;

	T_EXPECT(rtc_regs_decode(&r, true, &d) != NULL);
	T_EXPECT(rtc_regs_decode(&r, false, &d) != NULL);
	for (unsigned int b = 0; b < 8; b++) {
		r.reg_b = (uint8_t)(b << 1);
		T_EXPECT(rtc_regs_decode(&r, true, &d) != NULL);
		T_EXPECT(rtc_regs_decode(&r, false, &d) != NULL);
	}
}

static const struct t_case civil_cases[] = {
	T_CASE(known_dates),
	T_CASE(days_before_epoch),
	T_CASE(leap_years),
	T_CASE(month_ends),
	T_CASE(every_day_matches_timegm),
	T_END,
};

static const struct t_case decode_cases[] = {
	T_CASE(bcd),
	T_CASE(hours_12h),
	T_CASE(hours_24h),
	T_CASE(regs_bcd_24h),
	T_CASE(regs_binary_12h),
	T_CASE(regs_century),
	T_CASE(rejects_invalid_fields),
	T_CASE(rejects_before_1970),
	T_CASE(rejects_all_ones),
	T_END,
};

static const struct t_suite suites[] = {
	{ "rtc_date.civil", civil_cases },
	{ "rtc_date.decode", decode_cases },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
