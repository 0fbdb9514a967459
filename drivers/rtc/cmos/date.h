/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pure date arithmetic for the CMOS RTC driver: decoding the clock registers (BCD or
 * binary, 12 or 24 hour) and converting a date to seconds since the Unix epoch. No
 * hardware access, so that tests/host/test_rtc_date.c runs it on the host.
 */
#ifndef DRIVERS_RTC_CMOS_DATE_H
#define DRIVERS_RTC_CMOS_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* Register B (MC146818A data sheet, "Register B"): the data format bits. */
#define RTC_B_24H		0x02	/* bit 1: 24-hour mode, else 12-hour + PM flag */
#define RTC_B_BINARY		0x04	/* bit 2 (DM): binary, else BCD */
#define RTC_HOUR_PM		0x80	/* 12-hour mode: bit 7 of the hours byte is PM */

/* The years a decoded date may hold: the wall clock counts unsigned from 1970. */
#define RTC_YEAR_MIN		1970
#define RTC_YEAR_MAX		2399

/* The raw bytes of one read of the clock, as the registers hold them. */
struct rtc_regs {
	uint8_t sec;		/* register 0x00 */
	uint8_t min;		/* 0x02 */
	uint8_t hour;		/* 0x04 */
	uint8_t mday;		/* 0x07 */
	uint8_t mon;		/* 0x08 */
	uint8_t year;		/* 0x09: two digits */
	uint8_t century;	/* the CMOS byte the FADT's CENTURY field names, or 0 */
	uint8_t reg_b;		/* 0x0b: the format the others are in */
};

/* A decoded calendar date and time of day, all fields in their natural ranges. */
struct rtc_date {
	unsigned int year;	/* four digits */
	unsigned int mon;	/* 1..12 */
	unsigned int mday;	/* 1..31 */
	unsigned int hour;	/* 0..23 */
	unsigned int min;	/* 0..59 */
	unsigned int sec;	/* 0..59 */
};

/* Two BCD digits to their value; -1 when either digit is above 9. */
int rtc_bcd_decode(uint8_t v);

/* One register byte in the format register B names (BCD unless binary); -1 if bad. */
int rtc_field_decode(uint8_t v, bool binary);

/* The hours byte to 0..23: 12-hour values are 1..12 with RTC_HOUR_PM. -1 if bad. */
int rtc_hour_decode(uint8_t v, bool binary, bool h24);

bool rtc_leap_year(unsigned int year);
/* Days in month mon (1..12) of year; 0 for a month out of range. */
unsigned int rtc_days_in_month(unsigned int year, unsigned int mon);

/*
 * Days from 1970-01-01 to year-mon-mday in the proleptic Gregorian calendar (negative
 * before 1970). Needs year >= 1 and a valid month and day.
 */
int64_t rtc_days_from_civil(unsigned int year, unsigned int mon, unsigned int mday);

/*
 * Decode a read of the registers into *d. has_century says whether r->century holds
 * the century (else the year is 20xx). Returns NULL, or the name of the first field
 * that is out of range ("seconds", "month", ...); *d is then incomplete.
 */
const char *rtc_regs_decode(const struct rtc_regs *r, bool has_century, struct rtc_date *d);

/* Seconds since 1970-01-01 00:00:00 UTC for a date rtc_regs_decode accepted. */
uint64_t rtc_date_to_epoch(const struct rtc_date *d);

#endif /* DRIVERS_RTC_CMOS_DATE_H */
