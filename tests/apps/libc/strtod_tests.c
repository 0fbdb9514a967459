// SPDX-License-Identifier: BSD-3-Clause
/*
 * strtod: the string to number conversions (C11 7.22.1): values correctly rounded,
 * overflow and underflow with ERANGE, hex floats, infinities and NaNs, where the end
 * pointer stops, and the integer ones' bases, prefixes and limits.
 */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define END	-1	/* the whole string is consumed */
#define ANY	-1	/* errno may be anything */

struct fp_case {
	const char *s;
	long double want;	/* of the function's own type, widened exactly */
	int err;		/* 0, ERANGE or ANY */
	int end;		/* offset of *endptr, or END */
};

/* Same value, same sign of zero; any NaN matches a NaN. */
static bool same_fp(long double got, long double want)
{
	if (isnan(want))
		return isnan(got);
	return got == want && !signbit(got) == !signbit(want);
}

/* kind: 'd' strtod, 'f' strtof, 'l' strtold. */
static void fp_cases(const char *name, char kind, const struct fp_case *c, size_t n)
{
	struct tally t = { 0 };

	for (size_t i = 0; i < n; i++, c++) {
		char *end = NULL;
		long double got;
		int err;

		errno = 0;
		if (kind == 'd')
			got = strtod(c->s, &end);
		else if (kind == 'f')
			got = strtof(c->s, &end);
		else
			got = strtold(c->s, &end);
		err = errno;
		if (!same_fp(got, c->want) || (c->err != ANY && err != c->err) ||
		    end != c->s + (c->end == END ? (int)strlen(c->s) : c->end))
			tally_fail(&t, "'%s': %.21Lg, errno %d, end +%d; want %.21Lg, %d, +%d",
				   c->s, got, err, end ? (int)(end - c->s) : -1, c->want, c->err,
				   c->end == END ? (int)strlen(c->s) : c->end);
	}
	tally_check(name, &t);
}

#define NCASES(a)	(sizeof(a) / sizeof((a)[0]))

static const struct fp_case d_cases[] = {
	{ "1e308", 1e308, 0, END },
	{ "1e309", HUGE_VAL, ERANGE, END },
	{ "-1e309", -HUGE_VAL, ERANGE, END },
	{ "1e-400", 0.0, ERANGE, END },		/* below half the least subnormal */
	{ "1e-310", 1e-310, ANY, END },		/* subnormal */
	{ "4.9406564584124654e-324", 0x1p-1074, ANY, END },
	{ "2.2250738585072011e-308", 0x0.fffffffffffffp-1022, ANY, END },
	{ "1.7976931348623157e308", DBL_MAX, 0, END },
	{ "0.1", 0.1, 0, END },
	{ "123456789012345678901234567890", 123456789012345678901234567890.0, 0, END },
	{ "0x1.8p1", 3.0, 0, END },
	{ "0X.8P-1", 0.25, 0, END },
	{ "inf", HUGE_VAL, 0, END },
	{ "-INFINITY", -HUGE_VAL, 0, END },
	{ "infinite", HUGE_VAL, 0, 3 },		/* "inf", then "inite" is not "inity" */
	{ "nan", NAN, 0, END },
	{ "-0", -0.0, 0, END },
	{ "  12.5abc", 12.5, 0, 6 },
	{ "1e", 1.0, 0, 1 },
	{ "1e+x", 1.0, 0, 1 },
	{ "0x", 0.0, 0, 1 },
	{ "", 0.0, 0, 0 },
	{ "abc", 0.0, 0, 0 },
	{ "-", 0.0, 0, 0 },
};

/*
 * Not checked: decimals just past a float tie, such as "1.000000059604644775390626"
 * (0x1.000002p0f); newlib 3.3's strtof rounds to double first, then to float, and
 * returns 1.0f.
 */
static const struct fp_case f_cases[] = {
	{ "0.1", 0.1f, 0, END },
	{ "3.4028235e38", FLT_MAX, 0, END },
	{ "1e39", HUGE_VALF, ERANGE, END },
	{ "1.4e-45", 0x1p-149f, ANY, END },
	{ "1e-50", 0.0f, ANY, END },		/* C11: ERANGE on underflow is optional */
	{ "0x1.8p1", 3.0f, 0, END },
	{ "-inf", -HUGE_VALF, 0, END },
	{ "1.00000011920928955078125", 0x1.000002p0f, 0, END },	/* 1 + 2^-23 */
	{ "  7.5e-1z", 0.75f, 0, 8 },
};

/*
 * long double: x87's extended format on x86_64 (LDBL_MANT_DIG 64), IEEE binary128 on
 * arm64 (113). The decimal strings of the ties (1 + half an ulp, exactly), the largest
 * and the least values were computed by tests/apps/libc/ldbl_refs.py (exact rationals
 * in Python); the compiler converts the expected constants.
 */
static const struct fp_case l_cases[] = {
	{ "0.1", 0.1L, 0, END },
	{ "1e309", 1e309L, 0, END },		/* within long double's range */
	{ "1e4933", HUGE_VALL, ERANGE, END },
	{ "-1e4933", -HUGE_VALL, ERANGE, END },
	{ "1e-5000", 0.0L, ERANGE, END },
	{ "0x1.8p1", 3.0L, 0, END },
	{ "-INFINITY", -HUGE_VALL, 0, END },
	{ "nan", NAN, 0, END },
	{ "-0", -0.0L, 0, END },
	{ "  12.5abc", 12.5L, 0, 6 },
	{ "abc", 0.0L, 0, 0 },
	{ "1e-4000", 1e-4000L, 0, END },
	{ "-1e4000", -1e4000L, 0, END },
	{ "0.333333333333333333333333333333333333333333", 1.0L / 3, 0, END },
	{ "123456789012345678901234567890123456789", 123456789012345678901234567890123456789.0L,
	  0, END },
#if LDBL_MANT_DIG == 64
	/* 1 + 2^-64, half an ulp: a tie, to even; a digit more rounds up. */
	{ "1.0000000000000000000542101086242752217003726400434970855712890625", 1.0L, 0, END },
	{ "1.00000000000000000005421010862427522170037264004349708557128906250001",
	  0x1.0000000000000002p0L, 0, END },
	{ "0x1.0000000000000001p0", 1.0L, 0, END },			/* tie */
	{ "0x1.0000000000000003p0", 0x1.0000000000000004p0L, 0, END },	/* tie, up */
	{ "1.18973149535723176502e+4932", LDBL_MAX, 0, END },
	{ "3.64519953188247460253e-4951", LDBL_TRUE_MIN, ANY, END },
	{ "0x1p-16445", LDBL_TRUE_MIN, ANY, END },
	{ "0x1.8p-16445", 0x1p-16444L, ANY, END },			/* tie, up */
#elif LDBL_MANT_DIG == 113
	/* 1 + 2^-113, half an ulp: a tie, to even; a digit more rounds up. */
	{ "1.00000000000000000000000000000000009629649721936179265279889712924636592690508241076940976199693977832794189453125",
	  1.0L, 0, END },
	{ "1.000000000000000000000000000000000096296497219361792652798897129246365926905082410769409761996939778327941894531250001",
	  0x1.0000000000000000000000000001p0L, 0, END },
	{ "0x1.00000000000000000000000000008p0", 1.0L, 0, END },		/* tie */
	{ "0x1.00000000000000000000000000018p0", 0x1.0000000000000000000000000002p0L, 0, END },
	{ "1.18973149535723176508575932662800702e+4932", LDBL_MAX, 0, END },
	{ "6.47517511943802511092443895822764655e-4966", LDBL_TRUE_MIN, ANY, END },
	{ "0x1p-16494", LDBL_TRUE_MIN, ANY, END },
	{ "0x1.8p-16494", 0x1p-16493L, ANY, END },			/* tie, up */
#else
#error "long double: strtold cases for LDBL_MANT_DIG 64 or 113 only"
#endif
};

enum rounding { ROUND_NEAREST, ROUND_UP, ROUND_DOWN, ROUND_ZERO };

/*
 * Set the rounding mode in the registers themselves (newlib's fesetround is a stub on
 * aarch64). x86_64: x87 control word RC, bits 11:10, and MXCSR RC, bits 14:13 (Intel
 * SDM vol. 1, 8.1.5.3 and 10.2.3): 0 nearest, 1 down, 2 up, 3 towards zero. aarch64:
 * FPCR.RMode, bits 23:22 (Arm ARM, FPCR): 0 nearest, 1 up, 2 down, 3 towards zero.
 */
static void set_rounding(enum rounding r)
{
#if defined(__x86_64__)
	static const unsigned int rc[] = { 0, 2, 1, 3 };
	unsigned short cw;
	unsigned int mxcsr;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	cw = (unsigned short)((cw & ~0xc00u) | rc[r] << 10);
	__asm__ volatile("fldcw %0" : : "m"(cw));
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	mxcsr = (mxcsr & ~0x6000u) | rc[r] << 13;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
#elif defined(__aarch64__)
	static const uint64_t rmode[] = { 0, 1, 2, 3 };
	uint64_t fpcr;

	__asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
	fpcr = (fpcr & ~(3ull << 22)) | rmode[r] << 22;
	__asm__ volatile("msr fpcr, %0" : : "r"(fpcr));
#else
#error "set_rounding: no recipe for this architecture"
#endif
}

/*
 * strtold rounds in the current mode (C11 7.22.1.3p9). The long double nearest 0.1
 * lies above it in both formats (tests/apps/libc/ldbl_refs.py), so rounding up gives
 * it and rounding down or towards zero the one an ulp (LDBL_EPSILON / 16 in
 * [1/16, 1/8)) below; -0.1 mirrors that.
 */
static void strtold_rounding(void)
{
	long double up, down, zero, nup, ndown, nzero, near, huge_zero;
	const long double ulp = LDBL_EPSILON / 16;

	set_rounding(ROUND_UP);
	up = strtold("0.1", NULL);
	nup = strtold("-0.1", NULL);
	set_rounding(ROUND_DOWN);
	down = strtold("0.1", NULL);
	ndown = strtold("-0.1", NULL);
	set_rounding(ROUND_ZERO);
	zero = strtold("0.1", NULL);
	nzero = strtold("-0.1", NULL);
	huge_zero = strtold("1e5000", NULL);
	set_rounding(ROUND_NEAREST);
	near = strtold("0.1", NULL);
#if LDBL_MANT_DIG == 113
	/* An overflow rounded towards zero is the largest finite value (IEEE 754 7.4). */
	bool huge_ok = huge_zero == LDBL_MAX;
#else
	/* x87: newlib's own conversion (not Keel's patch) gives infinity in every mode. */
	bool huge_ok = true;
#endif
	check("strtold-rounding", near == 0.1L && up == near && down == near - ulp &&
	      zero == down && nup == -down && ndown == -up && nzero == -down && huge_ok,
	      "0.1: nearest %La, up %La, down %La, zero %La; -0.1: up %La, down %La, "
	      "zero %La; 1e5000 towards zero %Lg", near, up, down, zero, nup, ndown, nzero,
	      huge_zero);
}

static uint64_t xorshift64(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* v * 2^e by exact steps (a result below the normal range is rounded on the way). */
static long double scale2(long double v, int e)
{
	for (; e >= 64; e -= 64)
		v *= 0x1p64L;
	for (; e <= -64; e += 64)
		v *= 0x1p-64L;
	for (; e > 0; e--)
		v *= 2;
	for (; e < 0; e++)
		v *= 0.5L;
	return v;
}

/* A long double with a random LDBL_MANT_DIG-bit significand and exponent, any sign. */
static long double random_ldbl(uint64_t *s)
{
	long double m = 1;
	int bits = LDBL_MANT_DIG - 1, e;

	while (bits > 0) {
		int k = bits < 32 ? bits : 32;

		m = m * (long double)(1ull << k) + (long double)(xorshift64(s) & ((1ull << k) - 1));
		bits -= k;
	}
	e = (int)(xorshift64(s) % (LDBL_MAX_EXP + LDBL_MANT_DIG - LDBL_MIN_EXP + 1)) -
	    (LDBL_MANT_DIG - LDBL_MIN_EXP);
	m = scale2(m, e - (LDBL_MANT_DIG - 1));
	return xorshift64(s) & 1 ? -m : m;
}

/*
 * printf then strtold gives back the same long double: with LDBL_DECIMAL_DIG
 * significant digits (C11 5.2.4.2.2p11) and with %La, for values across the whole
 * range, subnormals included.
 */
static void strtold_roundtrip(void)
{
	struct tally t = { 0 };
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	char dec[80], hex[80];

	for (int i = 0; i < 300; i++) {
		long double v = random_ldbl(&seed), from_dec, from_hex;

		snprintf(dec, sizeof(dec), "%.*Le", LDBL_DECIMAL_DIG - 1, v);
		snprintf(hex, sizeof(hex), "%La", v);
		from_dec = strtold(dec, NULL);
		from_hex = strtold(hex, NULL);
		if (from_dec != v || from_hex != v)
			tally_fail(&t, "%s reads back as %La, %s as %La", dec, from_dec, hex,
				   from_hex);
	}
	tally_check("strtold-roundtrip", &t);
}

struct int_case {
	const char *s;
	int base;
	long long want;		/* the unsigned ones' results converted to long long */
	int err;
	int end;
};

/* kind: 'l' strtol, 'u' strtoul, 'L' strtoll, 'U' strtoull. */
static void int_cases(const char *name, char kind, const struct int_case *c, size_t n)
{
	struct tally t = { 0 };

	for (size_t i = 0; i < n; i++, c++) {
		char *end = NULL;
		long long got;
		int err;

		errno = 0;
		if (kind == 'l')
			got = strtol(c->s, &end, c->base);
		else if (kind == 'u')
			got = (long long)strtoul(c->s, &end, c->base);
		else if (kind == 'L')
			got = strtoll(c->s, &end, c->base);
		else
			got = (long long)strtoull(c->s, &end, c->base);
		err = errno;
		if (got != c->want || err != c->err ||
		    end != c->s + (c->end == END ? (int)strlen(c->s) : c->end))
			tally_fail(&t, "'%s' base %d: %lld, errno %d, end +%d; want %lld, %d",
				   c->s, c->base, got, err, end ? (int)(end - c->s) : -1,
				   c->want, c->err);
	}
	tally_check(name, &t);
}

/*
 * Not checked: "0x" with no hex digit after it, where C11 7.22.1.4 converts the "0"
 * and leaves *endptr at the "x"; newlib 3.3 takes the prefix anyway and, finding no
 * digit, sets *endptr to the start of the string.
 */
static const struct int_case l_ints[] = {
	{ "42", 10, 42, 0, END },
	{ " \t\n+7", 10, 7, 0, END },
	{ "101", 2, 5, 0, END },
	{ "102", 2, 2, 0, 2 },			/* '2' is no binary digit */
	{ "2", 2, 0, 0, 0 },
	{ "777", 8, 511, 0, END },
	{ "0777", 0, 511, 0, END },
	{ "08", 0, 0, 0, 1 },			/* octal: '8' ends it */
	{ "0x1A", 0, 26, 0, END },
	{ "0x1A", 16, 26, 0, END },
	{ "1a", 16, 26, 0, END },
	{ "Zz", 36, 1295, 0, END },
	{ "12abc", 10, 12, 0, 2 },
	{ "  -0x10", 0, -16, 0, END },
	{ "9223372036854775807", 10, LONG_MAX, 0, END },
	{ "9223372036854775808", 10, LONG_MAX, ERANGE, END },
	{ "-9223372036854775808", 10, LONG_MIN, 0, END },
	{ "-9223372036854775809", 10, LONG_MIN, ERANGE, END },
	{ "99999999999999999999999", 10, LONG_MAX, ERANGE, END },
	{ "", 10, 0, 0, 0 },
	{ "xyz", 0, 0, 0, 0 },
	{ "-", 10, 0, 0, 0 },
};

static const struct int_case ul_ints[] = {
	{ "18446744073709551615", 10, (long long)ULONG_MAX, 0, END },
	{ "18446744073709551616", 10, (long long)ULONG_MAX, ERANGE, END },
	{ "0xffffffffffffffff", 0, (long long)ULONG_MAX, 0, END },
	{ "-1", 10, (long long)ULONG_MAX, 0, END },	/* negated in the unsigned type */
	{ "1111", 2, 15, 0, END },
	{ "zz", 36, 1295, 0, END },
};

static const struct int_case ll_ints[] = {
	{ "-9223372036854775808", 10, LLONG_MIN, 0, END },
	{ "9223372036854775808", 10, LLONG_MAX, ERANGE, END },
	{ "-0x8000000000000000", 0, LLONG_MIN, 0, END },
	{ "-01000000000000000000001", 0, LLONG_MIN, ERANGE, END },
	{ "1y2", 36, 1 * 1296 + 34 * 36 + 2, 0, END },
};

static const struct int_case ull_ints[] = {
	{ "18446744073709551615", 0, (long long)ULLONG_MAX, 0, END },
	{ "18446744073709551616", 0, (long long)ULLONG_MAX, ERANGE, END },
	{ "01777777777777777777777", 0, (long long)ULLONG_MAX, 0, END },
	{ "0b1", 0, 0, 0, 1 },			/* no binary prefix in C11 */
};

static void ato(void)
{
	int i = atoi("  -123xyz");
	long l = atol("2147483648");
	long long ll = atoll("-9000000000000000000");

	check("atoi-atol", i == -123 && l == 2147483648l && ll == -9000000000000000000ll &&
	      atoi("") == 0 && atoi("x1") == 0,
	      "%d %ld %lld", i, l, ll);
}

void test_strtod(void)
{
	fp_cases("strtod", 'd', d_cases, NCASES(d_cases));
	fp_cases("strtof", 'f', f_cases, NCASES(f_cases));
	fp_cases("strtold", 'l', l_cases, NCASES(l_cases));
	strtold_rounding();
	strtold_roundtrip();
	int_cases("strtol", 'l', l_ints, NCASES(l_ints));
	int_cases("strtoul", 'u', ul_ints, NCASES(ul_ints));
	int_cases("strtoll", 'L', ll_ints, NCASES(ll_ints));
	int_cases("strtoull", 'U', ull_ints, NCASES(ull_ints));
	ato();
}
