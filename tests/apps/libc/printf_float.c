// SPDX-License-Identifier: BSD-3-Clause
/*
 * printf of floating point: %e %f %g %a of doubles and long doubles against the digits
 * C11 7.21.6.1 requires (correctly rounded, ties to even, up to DECIMAL_DIG significant
 * digits), as glibc prints them on the host; infinities, NaNs, subnormals, rounding.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/*
 * One case: snprintf of v with fmt gives want. A format with the L length modifier
 * takes v as a long double, any other as a double (a double converts to long double
 * and back unchanged, NaNs' signs included).
 */
struct fmt_row {
	const char *want;
	const char *fmt;
	long double v;
};

static const struct fmt_row e_rows[] = {
	{ "1.000000e-01", "%e", 0.1 },
	{ "1e-01", "%.0e", 0.1 },
	{ "1.0e-01", "%.1e", 0.1 },
	{ "1.00000000000000006e-01", "%.17e", 0.1 },
	{ "1.000000E-01", "%E", 0.1 },
	{ "1.000000e+300", "%e", 1e300 },
	{ "1.00000000000000005e+300", "%.17e", 1e300 },
	{ "-0.000000e+00", "%e", -0.0 },
	{ "-0e+00", "%.0e", -0.0 },
	{ "1.234568e+08", "%e", 123456789.0 },
	{ "1e+08", "%.0e", 123456789.0 },
	{ "1.2e+08", "%.1e", 123456789.0 },
	{ "1.23456789000000000e+08", "%.17e", 123456789.0 },
	{ "+1.000000e+00", "%+e", 1.0 },
	{ "1.e+00", "%#.0e", 1.0 },
	{ "  -1.234e+03", "%12.3e", -1234.5 },
	{ "1.234E+03   |", "%-12.3E|", 1234.5 },
};

static const struct fmt_row f_rows[] = {
	{ "0.100000", "%f", 0.1 },
	{ "0", "%.0f", 0.1 },
	{ "0.1", "%.1f", 0.1 },
	{ "0.10000000000000001", "%.17f", 0.1 },
	{ "0.100000", "%F", 0.1 },
	{ "-0.000000", "%f", -0.0 },
	{ "-0", "%.0f", -0.0 },
	{ "123456789.000000", "%f", 123456789.0 },
	{ "123456789", "%.0f", 123456789.0 },
	{ "123456789.0", "%.1f", 123456789.0 },
	{ "123456789.00000000000000000", "%.17f", 123456789.0 },
	{ "1.", "%#.0f", 1.0 },
	{ "-00003.142", "%010.3f", -3.14159 },
	{ "3.14      |", "%-10.2f|", 3.14159 },
	{ "+2.0", "%+.1f", 2.0 },
	{ " 2.00", "% .2f", 2.0 },
	{ "0.000", "%.3f", 1e-5 },
};

/*
 * C11 7.21.6.1p13: beyond DECIMAL_DIG (21) significant digits a conversion need only
 * lie between the two 21-digit decimals around the value. The double nearest 1e300 is
 * 1000000000000000052504760255204420248704468581...e257 (glibc prints every digit; newlib
 * prints 43 and then zeros): so 301 integer digits starting "100000000000000005250",
 * or exactly the upper bound "...5251" then zeros.
 */
static void printf_f_1e300(struct tally *t)
{
	static const char lower[] = "100000000000000005250", upper[] = "100000000000000005251";
	char buf[400];
	int n = snprintf(buf, sizeof(buf), "%f", 1e300);
	size_t digits = strspn(buf, "0123456789");
	bool in_bounds = !strncmp(buf, lower, 21) ||
			 (!strncmp(buf, upper, 21) && strspn(buf + 21, "0") == 280);

	if (n != 308 || digits != 301 || strcmp(buf + 301, ".000000") || !in_bounds)
		tally_fail(t, "'%%f' of 1e300: %d chars, '%.24s...%s'", n, buf,
			   buf + (n > 10 ? n - 10 : 0));
}

static const struct fmt_row g_rows[] = {
	{ "0.1", "%g", 0.1 },
	{ "0.1", "%.0g", 0.1 },
	{ "0.1", "%.1g", 0.1 },
	{ "0.10000000000000001", "%.17g", 0.1 },
	{ "1E-10", "%G", 1e-10 },
	{ "1e+300", "%g", 1e300 },
	{ "1.0000000000000001e+300", "%.17g", 1e300 },
	{ "-0", "%g", -0.0 },
	{ "1.23457e+08", "%g", 123456789.0 },
	{ "1e+08", "%.0g", 123456789.0 },
	{ "1e+08", "%.1g", 123456789.0 },
	{ "123456789", "%.17g", 123456789.0 },
	{ "100000", "%g", 100000.0 },
	{ "1e+06", "%g", 1000000.0 },
	{ "0.0001", "%g", 0.0001 },
	{ "1e-05", "%g", 0.00001 },
	{ "1.00000", "%#g", 1.0 },
	{ "1.00", "%#.3g", 1.0 },
	{ "1.5e-07", "%g", 1.5e-7 },
	{ "1.23e+06", "%.3g", 1234567.0 },
};

/* %a: one nonzero hex digit before the point for normal numbers, as glibc prints. */
static const struct fmt_row a_rows[] = {
	{ "0x1p+0", "%a", 1.0 },
	{ "0x1.999999999999ap-4", "%a", 0.1 },
	{ "0x1p+0", "%.0a", 0x1.2p0 },
	{ "0x2p-4", "%.0a", 0.1 },
	{ "0x1.ap-4", "%.1a", 0.1 },
	{ "0x1.99999ap-4", "%.6a", 0.1 },
	{ "0x1.999999999999a0000p-4", "%.17a", 0.1 },
	{ "0X1.999999999999AP-4", "%A", 0.1 },
	{ "0x1.7e43c8800759cp+996", "%a", 1e300 },
	{ "0x1p+996", "%.0a", 1e300 },
	{ "0x1.8p+996", "%.1a", 1e300 },
	{ "0x1.7e43c9p+996", "%.6a", 1e300 },
	{ "-0x0p+0", "%a", -0.0 },
	{ "0x1.d6f3454p+26", "%a", 123456789.0 },
	{ "0x1.dp+26", "%.1a", 123456789.0 },
	{ "-0x1.4p+1", "%a", -2.5 },
	{ "0x2p+0", "%.0a", 1.5 },		/* a tie: to even */
};

/* C11 7.21.6.1p8: the 0 flag does not pad an infinity or a NaN with zeros. */
static const struct fmt_row inf_nan_rows[] = {
	{ "inf", "%f", (double)INFINITY },
	{ "INF", "%F", (double)INFINITY },
	{ "inf", "%e", (double)INFINITY },
	{ "-INF", "%E", -(double)INFINITY },
	{ "-inf", "%g", -(double)INFINITY },
	{ "INF", "%G", (double)INFINITY },
	{ "inf", "%a", (double)INFINITY },
	{ "-INF", "%A", -(double)INFINITY },
	{ "nan", "%f", (double)NAN },
	{ "NAN", "%F", (double)NAN },
	{ "nan", "%e", (double)NAN },
	{ "NAN", "%G", (double)NAN },
	{ "-nan", "%f", -(double)NAN },
	{ "+inf", "%+f", (double)INFINITY },
	{ "     inf", "%8.3f", (double)INFINITY },
	{ "-inf  |", "%-6f|", -(double)INFINITY },
	{ "  inf", "%05f", (double)INFINITY },
};

/* Decimal rounding of the exact binary value, ties to even (the default mode). */
static const struct fmt_row round_rows[] = {
	{ "2.67", "%.2f", 2.675 },		/* 2.67499999... */
	{ "0", "%.0f", 0.5 },
	{ "2", "%.0f", 1.5 },
	{ "2", "%.0f", 2.5 },
	{ "4", "%.0f", 3.5 },
	{ "-0", "%.0f", -0.5 },
	{ "0.2", "%.1f", 0.25 },
	{ "0.3", "%.1f", 0.35 },		/* 0.34999... */
	{ "0.1", "%.1f", 0.05 },		/* 0.05000...03 */
	{ "2e+00", "%.0e", 2.5 },
	{ "4e+00", "%.0e", 3.5 },
	{ "1.000e+00", "%.3e", 1.0005 },
	{ "9.99e+00", "%.2e", 9.995 },
	{ "0.3", "%.15g", 0.1 + 0.2 },
	{ "0.30000000000000004", "%.17g", 0.1 + 0.2 },
	{ "10.0", "%.1f", 9.96 },
	{ "1000", "%.0f", 999.5 },
	{ "1.00", "%.2f", 1.005 },
	{ "0.10000000000000000555", "%.20f", 0.1 },
	{ "3.333333333333333148296162562474e-01", "%.30e", 1.0 / 3 },
};

static const struct fmt_row subnormal_rows[] = {
	{ "9.999889e-321", "%e", 1e-320 },
	{ "1e-320", "%.0e", 1e-320 },
	{ "9.99988867182683005e-321", "%.17e", 1e-320 },
	{ "9.99989e-321", "%g", 1e-320 },
	{ "9.9998886718268301e-321", "%.17g", 1e-320 },
	{ "0.000000", "%f", 1e-320 },
	{ "9.999889E-321", "%E", 1e-320 },
	{ "4.9406564584124654e-324", "%.17g", 4.9406564584124654e-324 },
	{ "2.22507e-308", "%g", DBL_MIN },
};

/* How %a shows a subnormal is unspecified (C11 7.21.6.1p8); its value is not. */
static void printf_a_subnormal(struct tally *t)
{
	char buf[64];
	double back;

	snprintf(buf, sizeof(buf), "%a", 1e-320);
	back = strtod(buf, NULL);
	if (back != 1e-320)
		tally_fail(t, "'%%a' of 1e-320 is '%s', which reads back as %g", buf, back);
}

/*
 * long double: x87's extended format on x86_64 (LDBL_MANT_DIG 64), IEEE binary128 on
 * arm64 (113). The expected strings were computed apart from any C library, by
 * tests/apps/libc/ldbl_refs.py (Python's fractions and decimal: the nearest long
 * double as an exact rational, printed from its exact value, ties to even). Up to
 * DECIMAL_DIG significant digits the result is exact (C11 7.21.6.1p13); the x87 rows
 * with more digits show newlib printing the exact expansion, as glibc does.
 */
static const struct fmt_row ld_rows[] = {
	{ "1.500000", "%Lf", 1.5L },
	{ "1e+4000", "%Lg", 1e4000L },
	{ "2", "%.0Lf", 2.5L },
	{ "1.000000e-4000", "%Le", 1e-4000L },
#if LDBL_MANT_DIG == 64
	{ "0.1000000000000000000013553", "%.25Lf", 0.1L },
	{ "9.999999999999999999872576603777e-4001", "%.30Le", 1e-4000L },
	{ "9.99999999999999999987e-4001", "%.20Le", 1e-4000L },
	{ "0.100000000000000000001", "%.21Lg", 0.1L },
	{ "9.99999999999999999997e+3999", "%.20Le", 1e4000L },
	{ "1.18973149535723176502e+4932", "%.20Le", LDBL_MAX },
	{ "0.333333333333333333342", "%.21Lg", 1.0L / 3 },
	{ "3.6451995319e-4951", "%.10Le", LDBL_TRUE_MIN },
	{ "1.09355985956474238076e-4950", "%.20Le", 3 * LDBL_TRUE_MIN },
#elif LDBL_MANT_DIG == 113
	{ "0.1000000000000000000000000", "%.25Lf", 0.1L },
	{ "1.00000000000000000000000000000000008e-4000", "%.35Le", 1e-4000L },
	{ "0.100000000000000000000000000000000005", "%.36Lg", 0.1L },
	{ "1.00000000000000000000000000000000004e+4000", "%.35Le", 1e4000L },
	{ "1.18973149535723176508575932662800702e+4932", "%.35Le", LDBL_MAX },
	{ "0.333333333333333333333333333333333317", "%.36Lg", 1.0L / 3 },
	{ "6.4751751194e-4966", "%.10Le", LDBL_TRUE_MIN },
	{ "1.94255253583140753327733168746829397e-4965", "%.35Le", 3 * LDBL_TRUE_MIN },
#else
#error "long double: expected strings for LDBL_MANT_DIG 64 or 113 only"
#endif
};

/*
 * %La: every bit of the significand, one nonzero digit before the point (a subnormal
 * too: C11 leaves its form unspecified, newlib normalizes it); %.NLa rounds to even.
 */
static const struct fmt_row la_rows[] = {
	{ "0x1p+0", "%La", 1.0L },
	{ "-0x1.4p+1", "%La", -2.5L },
	{ "0x2p+0", "%.0La", 1.5L },
	{ "0x1.a37p+13287", "%.3La", 1e4000L },
	{ "0X1P-16382", "%LA", LDBL_MIN },
#if LDBL_MANT_DIG == 64
	{ "0x1.999999999999999ap-4", "%La", 0.1L },
	{ "0x1.5555555555555556p-2", "%La", 1.0L / 3 },
	{ "0x1.fffffffffffffffep+16383", "%La", LDBL_MAX },
	{ "0x1.a3750647fcab18c2p+13287", "%La", 1e4000L },
	{ "0x1.387ae70c9e700b8p-13288", "%La", 1e-4000L },
	{ "0x1p-16445", "%La", LDBL_TRUE_MIN },
#elif LDBL_MANT_DIG == 113
	{ "0x1.999999999999999999999999999ap-4", "%La", 0.1L },
	{ "0x1.5555555555555555555555555555p-2", "%La", 1.0L / 3 },
	{ "0x1.ffffffffffffffffffffffffffffp+16383", "%La", LDBL_MAX },
	{ "0x1.a3750647fcab18c21ab905450cc3p+13287", "%La", 1e4000L },
	{ "0x1.387ae70c9e700b8049732d11a23dp-13288", "%La", 1e-4000L },
	{ "0x1p-16494", "%La", LDBL_TRUE_MIN },
#endif
};

/* A group is one check: its rows, and a case of its own that is no row (or NULL). */
struct fmt_group {
	const char *name;
	const struct fmt_row *rows;
	size_t n;
	void (*extra)(struct tally *t);
};

#define FMT_GROUP(name, rows, extra)	{ name, rows, sizeof(rows) / sizeof(rows[0]), extra }

static const struct fmt_group groups[] = {
	FMT_GROUP("printf-e", e_rows, NULL),
	FMT_GROUP("printf-f", f_rows, printf_f_1e300),
	FMT_GROUP("printf-g", g_rows, NULL),
	FMT_GROUP("printf-a", a_rows, NULL),
	FMT_GROUP("printf-inf-nan", inf_nan_rows, NULL),
	FMT_GROUP("printf-round", round_rows, NULL),
	FMT_GROUP("printf-subnormal", subnormal_rows, printf_a_subnormal),
	FMT_GROUP("printf-Lf", ld_rows, NULL),
	FMT_GROUP("printf-La", la_rows, NULL),
};

static void fmt_row_case(struct tally *t, const struct fmt_row *r)
{
	if (strchr(r->fmt, 'L'))
		fmt_case(t, r->want, r->fmt, r->v);
	else
		fmt_case(t, r->want, r->fmt, (double)r->v);
}

void test_printf_float(void)
{
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		struct tally t = { 0 };

		for (size_t i = 0; i < groups[g].n; i++)
			fmt_row_case(&t, &groups[g].rows[i]);
		if (groups[g].extra)
			groups[g].extra(&t);
		tally_check(groups[g].name, &t);
	}
}
