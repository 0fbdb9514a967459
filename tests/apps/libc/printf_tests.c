// SPDX-License-Identifier: BSD-3-Clause
/*
 * printf: snprintf's integer and string conversions against what C11 7.21.6.1 requires,
 * %n, %p, truncation and the return values of the family, and sscanf. The floating
 * point conversions are in printf_float.c.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

void fmt_case(struct tally *t, const char *want, const char *fmt, ...)
{
	char buf[400];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n != (int)strlen(want) || strcmp(buf, want))
		tally_fail(t, "'%s': got '%s' (%d), want '%s'", fmt, buf, n, want);
}

static void printf_int(void)
{
	struct tally t = { 0 };

	fmt_case(&t, "42", "%d", 42);
	fmt_case(&t, "-42", "%i", -42);
	fmt_case(&t, "3000000000", "%u", 3000000000u);
	fmt_case(&t, "deadbeef", "%x", 0xdeadbeefu);
	fmt_case(&t, "DEADBEEF", "%X", 0xdeadbeefu);
	fmt_case(&t, "755", "%o", 0755u);
	fmt_case(&t, "0xff", "%#x", 255u);
	fmt_case(&t, "0", "%#x", 0u);
	fmt_case(&t, "010", "%#o", 8u);
	fmt_case(&t, "+5", "%+d", 5);
	fmt_case(&t, " 5", "% d", 5);
	fmt_case(&t, "-0042", "%05d", -42);
	fmt_case(&t, "42   |", "%-5d|", 42);
	fmt_case(&t, "   007", "%6.3d", 7);
	fmt_case(&t, "", "%.0d", 0);
	fmt_case(&t, "A", "%c", 'A');
	tally_check("printf-int", &t);
}

static void printf_int_sizes(void)
{
	struct tally t = { 0 };

	fmt_case(&t, "-1234567890123", "%ld", -1234567890123l);
	fmt_case(&t, "1234567890123456789", "%lld", 1234567890123456789ll);
	fmt_case(&t, "44", "%hhd", 300);		/* (signed char)300 */
	fmt_case(&t, "-1", "%hhd", 255);
	fmt_case(&t, "4464", "%hd", 70000);		/* (short)70000 */
	fmt_case(&t, "255", "%hhu", -1);
	fmt_case(&t, "18446744073709551615", "%zu", SIZE_MAX);
	fmt_case(&t, "-9", "%zd", (ptrdiff_t)-9);
	fmt_case(&t, "-9223372036854775807", "%jd", -INTMAX_MAX);
	fmt_case(&t, "ffffffffffffffff", "%jx", UINTMAX_MAX);
	fmt_case(&t, "-5", "%td", (ptrdiff_t)-5);
	fmt_case(&t, "123456789abcdef0", "%lx", 0x123456789abcdef0ul);
	tally_check("printf-int-sizes", &t);
}

static void printf_int_limits(void)
{
	struct tally t = { 0 };

	fmt_case(&t, "-2147483648", "%d", INT_MIN);
	fmt_case(&t, "2147483647", "%d", INT_MAX);
	fmt_case(&t, "4294967295", "%u", UINT_MAX);
	fmt_case(&t, "-9223372036854775808", "%ld", LONG_MIN);
	fmt_case(&t, "-9223372036854775808", "%lld", LLONG_MIN);
	fmt_case(&t, "9223372036854775807", "%lld", LLONG_MAX);
	fmt_case(&t, "18446744073709551615", "%llu", ULLONG_MAX);
	fmt_case(&t, "ffffffffffffffff", "%llx", ULLONG_MAX);
	fmt_case(&t, "1777777777777777777777", "%llo", ULLONG_MAX);
	fmt_case(&t, "-000002147483648", "%016d", INT_MIN);
	tally_check("printf-int-limits", &t);
}

static void printf_str(void)
{
	struct tally t = { 0 };

	fmt_case(&t, "hello", "%s", "hello");
	fmt_case(&t, "hel", "%.3s", "hello");
	fmt_case(&t, "     hello", "%10s", "hello");
	fmt_case(&t, "hello     |", "%-10s|", "hello");
	fmt_case(&t, "", "%.0s", "hello");
	fmt_case(&t, "x", "%c", 'x');
	fmt_case(&t, "    x", "%5c", 'x');
	fmt_case(&t, "100%", "%d%%", 100);
	fmt_case(&t, "a-b", "%s-%s", "a", "b");
	tally_check("printf-str", &t);
}

static void printf_n(void)
{
	int n = -1, m = -1;
	long long ln = -1;
	char buf[32];

	snprintf(buf, sizeof(buf), "abc%nde%lln%d%n", &n, &ln, 12345, &m);
	check("printf-n", n == 3 && ln == 5 && m == 10 && !strcmp(buf, "abcde12345"),
	      "%%n gave %d, %lld, %d for 'abc|de|12345|' ('%s')", n, ln, m, buf);
}

/* %p: something the same implementation's sscanf %p reads back as the pointer. */
static void printf_p(void)
{
	int object;
	void *back = NULL;
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%p", (void *)&object);
	int scanned = sscanf(buf, "%p", &back);

	check("printf-p", n > 0 && (size_t)n == strlen(buf) && scanned == 1 &&
	      back == (void *)&object, "'%s' (%d) reads back as %p", buf, n, back);
}

/* C11 7.21.6.5: the would-be length comes back; the output stops at n - 1 plus NUL. */
static void snprintf_trunc(void)
{
	struct tally t = { 0 };
	char buf[8];
	int n;

	memset(buf, '#', sizeof(buf));
	n = snprintf(buf, 5, "%d", 123456789);
	if (n != 9 || strcmp(buf, "1234") || buf[5] != '#')
		tally_fail(&t, "size 5: %d '%.4s%c'", n, buf, buf[4] ? '!' : '.');
	memset(buf, '#', sizeof(buf));
	n = snprintf(buf, 1, "abc");
	if (n != 3 || buf[0] || buf[1] != '#')
		tally_fail(&t, "size 1: %d, first bytes %#x %#x", n, buf[0], buf[1]);
	n = snprintf(NULL, 0, "%s=%d", "width", 1000);
	if (n != 10)
		tally_fail(&t, "NULL, 0: %d, want 10", n);
	memset(buf, '#', sizeof(buf));
	n = snprintf(buf, 0, "abc");
	if (n != 3 || buf[0] != '#')
		tally_fail(&t, "size 0 wrote into the buffer or returned %d", n);
	n = snprintf(buf, sizeof(buf), "%s", "12345678");
	if (n != 8 || strcmp(buf, "1234567"))
		tally_fail(&t, "exact fit minus one: %d '%s'", n, buf);
	tally_check("snprintf-trunc", &t);
}

static void sprintf_basic(void)
{
	char buf[64];
	int n = sprintf(buf, "%s:%05.1f:%-3d|%c", "key", 3.14159, 7, 'z');

	check("sprintf", n == 15 && !strcmp(buf, "key:003.1:7  |z"), "%d '%s'", n, buf);
}

/* Formats twice from one argument list (va_copy), into a buffer too small the second time. */
static int __attribute__((format(printf, 3, 4)))
vsn_twice(char *small, size_t len, const char *fmt, ...)
{
	char big[64];
	va_list ap, again;
	int a, b;

	va_start(ap, fmt);
	va_copy(again, ap);
	a = vsnprintf(big, sizeof(big), fmt, ap);
	b = vsnprintf(small, len, fmt, again);
	va_end(again);
	va_end(ap);
	return a == b && !strncmp(big, small, len - 1) && big[len - 1] ? a : -1;
}

static void vsnprintf_basic(void)
{
	char small[6];
	int n = vsn_twice(small, sizeof(small), "%d-%s-%x", -12, "mid", 0xabcu);

	check("vsnprintf", n == 11 && !strcmp(small, "-12-m"), "%d '%s'", n, small);
}

static void sscanf_basic(void)
{
	struct tally t = { 0 };
	int i = 0, hex = 0, pos = 0, n;
	double d = 0;
	char word[16] = "";

	n = sscanf("42 3.5 word 0x1f", "%d %lf %15s %i", &i, &d, word, &hex);
	if (n != 4 || i != 42 || d != 3.5 || strcmp(word, "word") || hex != 31)
		tally_fail(&t, "%d fields: %d %g '%s' %d", n, i, d, word, hex);
	n = sscanf("  017 -0x10", "%i %i%n", &i, &hex, &pos);
	if (n != 2 || i != 15 || hex != -16 || pos != 11)
		tally_fail(&t, "%%i of octal/hex: %d fields: %d %d, %%n %d", n, i, hex, pos);
	n = sscanf("abc", "%d", &i);
	if (n != 0)
		tally_fail(&t, "no digits: %d fields, want 0", n);
	n = sscanf("", "%d", &i);
	if (n != EOF)
		tally_fail(&t, "empty input: %d, want EOF", n);
	n = sscanf("12:34", "%d:%d", &i, &hex);
	if (n != 2 || i != 12 || hex != 34)
		tally_fail(&t, "literal ':': %d fields: %d %d", n, i, hex);
	n = sscanf("1e-2 inf", "%lf %lf", &d, &d);
	if (n != 2 || d <= 1e308)
		tally_fail(&t, "%%lf of inf: %d fields, %g", n, d);
	tally_check("sscanf", &t);
}

void test_printf(void)
{
	printf_int();
	printf_int_sizes();
	printf_int_limits();
	test_printf_float();
	printf_str();
	printf_n();
	printf_p();
	snprintf_trunc();
	sprintf_basic();
	vsnprintf_basic();
	sscanf_basic();
}
