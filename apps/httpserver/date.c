// SPDX-License-Identifier: BSD-3-Clause
/*
 * httpserver: the Date field's format, IMF-fixdate (RFC 9110 §5.6.7), from a count of
 * seconds since 1970 in UTC. Done here because strftime and gmtime bring a C library's
 * locale and time-zone code along, several KiB for one fixed format.
 */
#include <string.h>
#include "server.h"

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void put2(char *p, long v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

void http_date_format(time_t t, char out[HTTP_DATE_LEN])
{
	static const char wday[] = "ThuFriSatSunMonTueWed";	/* 1970-01-01 was a Thursday */
	static const char mon[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const unsigned char mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long days = t > 0 ? (long)(t / 86400) : 0, secs = t > 0 ? (long)(t % 86400) : 0;
	long year = 1970, m = 0;

	memcpy(out, wday + days % 7 * 3, 3);
	while (days >= (is_leap(year) ? 366 : 365) && year < 9999)
		days -= is_leap(year++) ? 366 : 365;
	while (m < 11 && days >= mdays[m] + (m == 1 && is_leap(year)))
		days -= mdays[m] + (m == 1 && is_leap(year)), m++;
	memcpy(out + 3, ", ", 2);
	put2(out + 5, days + 1);
	out[7] = ' ';
	memcpy(out + 8, mon + m * 3, 3);
	out[11] = ' ';
	put2(out + 12, year / 100);
	put2(out + 14, year);
	out[16] = ' ';
	put2(out + 17, secs / 3600);
	out[19] = ':';
	put2(out + 20, secs / 60 % 60);
	out[22] = ':';
	put2(out + 23, secs % 60);
	memcpy(out + 25, " GMT", 5);
}
