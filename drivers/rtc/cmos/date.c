// SPDX-License-Identifier: BSD-3-Clause
/*
 * Date arithmetic for the CMOS RTC (pure code: also built and tested on the host).
 * Register formats: MC146818A data sheet, table "Time, calendar and alarm data modes".
 */
#include <stddef.h>
#include "date.h"

#define SECS_PER_DAY		86400u
#define DAYS_PER_YEAR		365

/* Days in the months of a common year, and the days before each month's first. */
static const uint8_t month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
static const uint16_t days_before_month[12] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

int rtc_bcd_decode(uint8_t v)
{
	unsigned int hi = v >> 4, lo = v & 0xf;

	if (hi > 9 || lo > 9)
		return -1;
	return (int)(hi * 10 + lo);
}

int rtc_field_decode(uint8_t v, bool binary)
{
	return binary ? v : rtc_bcd_decode(v);
}

/*
 * 24-hour mode: 0..23, bit 7 clear. 12-hour mode: 1..12 with bit 7 set for PM, in
 * either data mode; 12 AM is midnight (0) and 12 PM is noon (12).
 */
int rtc_hour_decode(uint8_t v, bool binary, bool h24)
{
	int h;

	if (h24) {
		h = rtc_field_decode(v, binary);
		return h >= 0 && h <= 23 ? h : -1;
	}
	h = rtc_field_decode(v & ~RTC_HOUR_PM, binary);
	if (h < 1 || h > 12)
		return -1;
	return h % 12 + (v & RTC_HOUR_PM ? 12 : 0);
}

bool rtc_leap_year(unsigned int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned int rtc_days_in_month(unsigned int year, unsigned int mon)
{
	if (mon < 1 || mon > 12)
		return 0;
	return month_days[mon - 1] + (mon == 2 && rtc_leap_year(year));
}

/* February 29ths in the years 1 .. year - 1 (every 4th year, not 100th, but 400th). */
static int64_t leap_days_before(unsigned int year)
{
	int64_t y = (int64_t)year - 1;

	return y / 4 - y / 100 + y / 400;
}

int64_t rtc_days_from_civil(unsigned int year, unsigned int mon, unsigned int mday)
{
	int64_t days = ((int64_t)year - 1970) * DAYS_PER_YEAR;

	days += leap_days_before(year) - leap_days_before(1970);
	days += days_before_month[mon - 1] + (mon > 2 && rtc_leap_year(year));
	return days + mday - 1;
}

/* Decode one field into *out when it lies in [lo, hi]; false otherwise. */
static bool field_in(uint8_t v, bool binary, int lo, int hi, unsigned int *out)
{
	int x = rtc_field_decode(v, binary);

	if (x < lo || x > hi)
		return false;
	*out = (unsigned int)x;
	return true;
}

/* The year from the two-digit register and the century byte (or 20xx). */
static const char *decode_year(const struct rtc_regs *r, bool has_century, bool binary,
			       struct rtc_date *d)
{
	unsigned int yy, cc = 20;

	if (!field_in(r->year, binary, 0, 99, &yy))
		return "year";
	if (has_century && !field_in(r->century, binary, RTC_YEAR_MIN / 100,
				     RTC_YEAR_MAX / 100, &cc))
		return "century";
	d->year = cc * 100 + yy;
	if (d->year < RTC_YEAR_MIN || d->year > RTC_YEAR_MAX)
		return "year";
	return NULL;
}

const char *rtc_regs_decode(const struct rtc_regs *r, bool has_century, struct rtc_date *d)
{
	bool binary = r->reg_b & RTC_B_BINARY;
	const char *bad;
	int hour;

	if (!field_in(r->sec, binary, 0, 59, &d->sec))
		return "seconds";
	if (!field_in(r->min, binary, 0, 59, &d->min))
		return "minutes";
	hour = rtc_hour_decode(r->hour, binary, r->reg_b & RTC_B_24H);
	if (hour < 0)
		return "hours";
	d->hour = (unsigned int)hour;
	bad = decode_year(r, has_century, binary, d);
	if (bad)
		return bad;
	if (!field_in(r->mon, binary, 1, 12, &d->mon))
		return "month";
	if (!field_in(r->mday, binary, 1, (int)rtc_days_in_month(d->year, d->mon), &d->mday))
		return "day of month";
	return NULL;
}

uint64_t rtc_date_to_epoch(const struct rtc_date *d)
{
	uint64_t days = (uint64_t)rtc_days_from_civil(d->year, d->mon, d->mday);

	return days * SECS_PER_DAY + d->hour * 3600u + d->min * 60u + d->sec;
}
