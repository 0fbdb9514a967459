// SPDX-License-Identifier: BSD-3-Clause
/*
 * math: libm against references computed on the host with mpmath at 300 bits and
 * rounded to nearest: within 1 ulp for the transcendental functions, exact for those
 * IEEE 754 defines exactly (sqrt, floor, ceil, round, trunc, fmod); special values,
 * classification, frexp/ldexp/modf. (The app is built -ffreestanding: gcc folds none
 * of these calls, each runs newlib's code.)
 * errno: math.h says math_errhandling is MATH_ERRNO; Keel builds newlib's libm in
 * _POSIX_ mode (lib/newlib/build.sh) so that it is true.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "check.h"

#define NCASES(a)	(sizeof(a) / sizeof((a)[0]))

/* The reference, or one of its two neighbours. */
static bool within_ulp(double got, double want)
{
	return got == want || got == nextafter(want, INFINITY) ||
	       got == nextafter(want, -INFINITY);
}

static bool within_ulpf(float got, float want)
{
	return got == want || got == nextafterf(want, INFINITY) ||
	       got == nextafterf(want, -INFINITY);
}

/* Exactly the value, zero's sign included. */
static bool exact(double got, double want)
{
	return got == want && !signbit(got) == !signbit(want);
}

struct d1 {
	const char *name;
	double (*f)(double);
	double x, want;
};

static const struct d1 d1_cases[] = {
	{ "sin", sin, 0.5, 0x1.eaee8744b05f0p-2 },
	{ "sin", sin, 1e22, -0x1.b453ab76bf397p-1 },	/* needs exact argument reduction */
	{ "sin", sin, -3.0, -0x1.210386db6d55bp-3 },
	{ "cos", cos, 0.5, 0x1.c1528065b7d50p-1 },
	{ "cos", cos, 3.0, -0x1.fae04be85e5d2p-1 },
	{ "cos", cos, 1e6, 0x1.df9df9906d32cp-1 },
	{ "tan", tan, 1.0, 0x1.8eb245cbee3a6p+0 },
	{ "tan", tan, 1.5, 0x1.c33ed50b88777p+3 },
	{ "exp", exp, 1.0, 0x1.5bf0a8b145769p+1 },
	{ "exp", exp, -10.5, 0x1.cdfc263f6a0bap-16 },
	{ "exp", exp, 700.0, 0x1.d945df4f8ec8ep+1009 },
	{ "log", log, 2.0, 0x1.62e42fefa39efp-1 },
	{ "log", log, 1e-300, -0x1.5963447f87fb5p+9 },
	{ "log", log, 0.999, -0x1.064670d979b73p-10 },
	{ "log10", log10, 2.0, 0x1.34413509f79ffp-2 },
	{ "log10", log10, 1e-5, -0x1.4000000000000p+2 },
	{ "sinh", sinh, 1.0, 0x1.2cd9fc44eb982p+0 },
	{ "sinh", sinh, -20.0, -0x1.ceb088b68e804p+27 },
	{ "tanh", tanh, 0.5, 0x1.d9353d7568af3p-2 },
	{ "tanh", tanh, 20.0, 0x1.0000000000000p+0 },
	{ "expm1", expm1, 1e-10, 0x1.b7cdfd9dda4e3p-34 },
	{ "expm1", expm1, 1.0, 0x1.b7e151628aed3p+0 },
	{ "log1p", log1p, 1e-10, 0x1.b7cdfd9d1d693p-34 },
	{ "log1p", log1p, -0.5, -0x1.62e42fefa39efp-1 },
	{ "cbrt", cbrt, 27.0, 0x1.8000000000000p+1 },
	{ "cbrt", cbrt, -2.0, -0x1.428a2f98d728bp+0 },
	{ "cbrt", cbrt, 1e-300, 0x1.bff2ee48e0530p-333 },
	{ "atan", atan, 1.0, 0x1.921fb54442d18p-1 },
	{ "asin", asin, 0.5, 0x1.0c152382d7366p-1 },
	{ "acos", acos, -1.0, 0x1.921fb54442d18p+1 },
};

struct d2 {
	const char *name;
	double (*f)(double, double);
	double x, y, want;
};

static const struct d2 d2_cases[] = {
	{ "pow", pow, 2.0, 0.5, 0x1.6a09e667f3bcdp+0 },
	{ "pow", pow, 1.0001, 10000.0, 0x1.5bec34aabbfd3p+1 },
	{ "pow", pow, 10.0, -3.0, 0x1.0624dd2f1a9fcp-10 },
	{ "pow", pow, 2.5, 7.5, 0x1.e286789a07f2fp+9 },
	{ "atan2", atan2, 1.0, -1.0, 0x1.2d97c7f3321d2p+1 },
	{ "atan2", atan2, -1e-200, 1e100, -0x1.56e1fc2f8f359p-997 },
	{ "atan2", atan2, 3.0, 4.0, 0x1.4978fa3269ee1p-1 },
	{ "hypot", hypot, 3.0, 4.0, 0x1.4000000000000p+2 },
	{ "hypot", hypot, 1e300, 1e300, 0x1.0e4d50f99b211p+997 },	/* no overflow */
	{ "hypot", hypot, 1e-320, 3e-320, 0x0.0000000001900p-1022 },
	{ "hypot", hypot, 1.0, 1e-10, 0x1.0000000000000p+0 },
};

static void math_double(void)
{
	struct tally t = { 0 };
	double got;

	for (size_t i = 0; i < NCASES(d1_cases); i++) {
		const struct d1 *c = &d1_cases[i];

		got = c->f(c->x);
		if (!within_ulp(got, c->want))
			tally_fail(&t, "%s(%a) = %a, want %a", c->name, c->x, got, c->want);
	}
	for (size_t i = 0; i < NCASES(d2_cases); i++) {
		const struct d2 *c = &d2_cases[i];

		got = c->f(c->x, c->y);
		if (!within_ulp(got, c->want))
			tally_fail(&t, "%s(%a, %a) = %a, want %a", c->name, c->x, c->y, got,
				   c->want);
	}
	tally_check("math-double", &t);
}

struct f1 {
	const char *name;
	float (*f)(float);
	float x, want;
};

static const struct f1 f1_cases[] = {
	{ "sinf", sinf, 0x1p-1f, 0x1.eaee88p-2f },
	{ "cosf", cosf, 0x1p-1f, 0x1.c15280p-1f },
	{ "tanf", tanf, 0x1p+0f, 0x1.8eb246p+0f },
	{ "expf", expf, 0x1p+0f, 0x1.5bf0a8p+1f },
	{ "logf", logf, 0x1p+1f, 0x1.62e430p-1f },
	{ "log10f", log10f, 0x1p+1f, 0x1.344136p-2f },
	{ "sinhf", sinhf, 0x1p+0f, 0x1.2cd9fcp+0f },
	{ "tanhf", tanhf, 0x1p-1f, 0x1.d9353ep-2f },
	{ "cbrtf", cbrtf, 0x1p+1f, 0x1.428a30p+0f },
	{ "expm1f", expm1f, 0x1.0624dep-10f, 0x1.06466ep-10f },
	{ "log1pf", log1pf, 0x1.0624dep-10f, 0x1.060356p-10f },
};

struct f2 {
	const char *name;
	float (*f)(float, float);
	float x, y, want;
};

static const struct f2 f2_cases[] = {
	{ "powf", powf, 0x1p+1f, 0x1p-1f, 0x1.6a09e6p+0f },
	{ "atan2f", atan2f, 0x1p+0f, -0x1p+0f, 0x1.2d97c8p+1f },
	{ "hypotf", hypotf, 0x1.8p+1f, 0x1.4p+2f, 0x1.752e50p+2f },
};

static void math_float(void)
{
	struct tally t = { 0 };
	float got;

	for (size_t i = 0; i < NCASES(f1_cases); i++) {
		const struct f1 *c = &f1_cases[i];

		got = c->f(c->x);
		if (!within_ulpf(got, c->want))
			tally_fail(&t, "%s(%a) = %a, want %a", c->name, c->x, got, c->want);
	}
	for (size_t i = 0; i < NCASES(f2_cases); i++) {
		const struct f2 *c = &f2_cases[i];

		got = c->f(c->x, c->y);
		if (!within_ulpf(got, c->want))
			tally_fail(&t, "%s(%a, %a) = %a, want %a", c->name, c->x, c->y, got,
				   c->want);
	}
	tally_check("math-float", &t);
}

static const struct d1 exact1[] = {
	{ "sqrt", sqrt, 2.0, 0x1.6a09e667f3bcdp+0 },
	{ "sqrt", sqrt, 1e-310, 0x1.1297872d9cbaep-515 },
	{ "sqrt", sqrt, 144.0, 12.0 },
	{ "sqrt", sqrt, -0.0, -0.0 },
	{ "floor", floor, -2.5, -3.0 },
	{ "floor", floor, 2.5, 2.0 },
	{ "floor", floor, -0.0, -0.0 },
	{ "floor", floor, 4503599627370495.5, 4503599627370495.0 },
	{ "ceil", ceil, -2.5, -2.0 },
	{ "ceil", ceil, -0.5, -0.0 },
	{ "ceil", ceil, 2.000001, 3.0 },
	{ "round", round, 2.5, 3.0 },			/* halfway: away from zero */
	{ "round", round, -2.5, -3.0 },
	{ "round", round, 0.49999999999999994, 0.0 },	/* not 0.5 + 0.5 */
	{ "round", round, -0.4, -0.0 },
	{ "round", round, 4503599627370497.0, 4503599627370497.0 },
	{ "trunc", trunc, -2.7, -2.0 },
	{ "trunc", trunc, 2.7, 2.0 },
	{ "trunc", trunc, -0.3, -0.0 },
};

static const struct d2 exact2[] = {
	{ "fmod", fmod, 10.0, 3.0, 1.0 },
	{ "fmod", fmod, -7.5, 2.0, -1.5 },		/* the sign of x */
	{ "fmod", fmod, 5.5, -1.75, 0.25 },
	{ "fmod", fmod, 1e300, 7.0, 1.0 },
	{ "fmod", fmod, 1e22, 1.1, 0x1.624dc3ac21890p-3 },
	{ "fmod", fmod, -0.0, 1.0, -0.0 },
};

static void math_exact(void)
{
	struct tally t = { 0 };
	double got;
	float fgot;

	for (size_t i = 0; i < NCASES(exact1); i++) {
		got = exact1[i].f(exact1[i].x);
		if (!exact(got, exact1[i].want))
			tally_fail(&t, "%s(%a) = %a, want %a", exact1[i].name, exact1[i].x, got,
				   exact1[i].want);
	}
	for (size_t i = 0; i < NCASES(exact2); i++) {
		got = exact2[i].f(exact2[i].x, exact2[i].y);
		if (!exact(got, exact2[i].want))
			tally_fail(&t, "%s(%a, %a) = %a, want %a", exact2[i].name, exact2[i].x,
				   exact2[i].y, got, exact2[i].want);
	}
	fgot = sqrtf(2.0f);
	if (fgot != 0x1.6a09e6p+0f)
		tally_fail(&t, "sqrtf(2) = %a", fgot);
	fgot = floorf(-2.5f) + ceilf(-2.5f) * 10 + roundf(2.5f) * 100 + truncf(-2.7f) * 1000;
	if (fgot != -3.0f - 20.0f + 300.0f - 2000.0f)
		tally_fail(&t, "floorf/ceilf/roundf/truncf combined to %a", fgot);
	tally_check("math-exact", &t);
}

/* C11 Annex F (IEC 60559) results for the special cases. */
static void math_special(void)
{
	struct tally t = { 0 };
	const double pi = 0x1.921fb54442d18p+1;

#define SPECIAL(cond) do { if (!(cond)) tally_fail(&t, "%s", #cond); } while (0)
	SPECIAL(isnan(sqrt(-1.0)));
	SPECIAL(log(0.0) == -HUGE_VAL);
	SPECIAL(isnan(log(-1.0)));
	SPECIAL(pow(0.0, -1.0) == INFINITY);
	SPECIAL(pow(-0.0, -1.0) == -INFINITY);
	SPECIAL(isnan(pow(-8.0, 1.0 / 3)));
	SPECIAL(pow(NAN, 0.0) == 1.0);
	SPECIAL(pow(1.0, NAN) == 1.0);
	SPECIAL(exp(1000.0) == INFINITY);
	SPECIAL(pow(-10.0, 309.0) == -INFINITY);
	SPECIAL(pow(10.0, 309.0) == INFINITY);
	SPECIAL(powf(0.0f, -1.0f) == INFINITY);
	SPECIAL(exp(-1000.0) == 0.0);
	SPECIAL(exact(atan2(0.0, -0.0), pi));
	SPECIAL(exact(atan2(-0.0, -1.0), -pi));
	SPECIAL(hypot(INFINITY, NAN) == INFINITY);
	SPECIAL(isnan(fmod(1.0, 0.0)));
	SPECIAL(sqrt(INFINITY) == INFINITY);
	SPECIAL(isnan(sin(INFINITY)));
	SPECIAL(tanh(INFINITY) == 1.0);
	SPECIAL(expm1(-INFINITY) == -1.0);
	SPECIAL(log1p(-1.0) == -HUGE_VAL);
	SPECIAL(isnan(sqrtf(-1.0f)));
	SPECIAL(logf(0.0f) == -HUGE_VALF);
#undef SPECIAL
	tally_check("math-special", &t);
}

/* Through volatile, so that the classification runs on the target, not in gcc. */
static void math_classify(void)
{
	volatile double nan_ = NAN, inf = INFINITY, zero = 0.0, sub = 1e-310, one = 1.0;
	volatile double mzero = -0.0, dmin = DBL_MIN;
	volatile float subf = 1e-40f;
	struct tally t = { 0 };

#define CLASSIFY(cond) do { if (!(cond)) tally_fail(&t, "%s", #cond); } while (0)
	CLASSIFY(fpclassify(nan_) == FP_NAN);
	CLASSIFY(fpclassify(inf) == FP_INFINITE);
	CLASSIFY(fpclassify(zero) == FP_ZERO && fpclassify(mzero) == FP_ZERO);
	CLASSIFY(fpclassify(sub) == FP_SUBNORMAL);
	CLASSIFY(fpclassify(one) == FP_NORMAL);
	CLASSIFY(fpclassify(subf) == FP_SUBNORMAL);
	CLASSIFY(fpclassify((double)subf) == FP_NORMAL);
	CLASSIFY(isnan(nan_) && !isnan(one) && !isnan(inf));
	CLASSIFY(isinf(inf) && isinf(-inf) && !isinf(DBL_MAX) && !isinf(nan_));
	CLASSIFY(signbit(mzero) && !signbit(zero) && signbit(-one));
	CLASSIFY(isfinite(sub) && !isfinite(inf) && !isfinite(nan_));
	CLASSIFY(isnormal(dmin) && !isnormal(dmin / 2) && !isnormal(zero));
	CLASSIFY(nextafter(one, 2.0) == 1.0 + DBL_EPSILON);
	CLASSIFY(nextafter(zero, 1.0) == 0x1p-1074);
	CLASSIFY(exact(copysign(3.0, mzero), -3.0));
#undef CLASSIFY
	tally_check("math-classify", &t);
}

static void math_frexp_ldexp_modf(void)
{
	struct tally t = { 0 };
	double m, ip;
	int e;

	m = frexp(8.0, &e);
	if (m != 0.5 || e != 4)
		tally_fail(&t, "frexp(8) = %a, %d", m, e);
	m = frexp(-0.75, &e);
	if (m != -0.75 || e != 0)
		tally_fail(&t, "frexp(-0.75) = %a, %d", m, e);
	m = frexp(1e-310, &e);
	if (m != 0x1.2688b70e62b00p-1 || e != -1029)
		tally_fail(&t, "frexp(1e-310) = %a, %d", m, e);
	m = frexp(0.0, &e);
	if (m != 0.0 || e != 0)
		tally_fail(&t, "frexp(0) = %a, %d", m, e);
	m = ldexp(0.5, 4);
	if (m != 8.0)
		tally_fail(&t, "ldexp(0.5, 4) = %a", m);
	m = ldexp(1.0, -1074);
	if (m != 0x1p-1074)
		tally_fail(&t, "ldexp(1, -1074) = %a", m);
	m = ldexp(1.0, 1024);
	if (m != INFINITY)
		tally_fail(&t, "ldexp(1, 1024) = %a", m);
	m = ldexp(0x1.8p-1070, -4);			/* 1.5 of the least subnormal: to even */
	if (m != 0x1p-1073)
		tally_fail(&t, "ldexp(0x1.8p-1070, -4) = %a", m);
	m = modf(3.75, &ip);
	if (m != 0.75 || ip != 3.0)
		tally_fail(&t, "modf(3.75) = %a, %a", m, ip);
	m = modf(-3.75, &ip);
	if (m != -0.75 || ip != -3.0)
		tally_fail(&t, "modf(-3.75) = %a, %a", m, ip);
	m = modf(-INFINITY, &ip);
	if (!exact(m, -0.0) || ip != -INFINITY)
		tally_fail(&t, "modf(-inf) = %a, %a", m, ip);
	tally_check("math-frexp-ldexp-modf", &t);
}

/* errno after one call (0 when the call should leave it alone). */
static int math_errno_of(double (*fn)(double), double x)
{
	volatile double r;

	errno = 0;
	r = fn(x);
	(void)r;
	return errno;
}

static double pow_zero_neg(double x)
{
	return pow(0.0, x);
}

static double pow_neg_ten(double x)
{
	return pow(-10.0, x);
}

/* C11 7.12.1: domain errors give EDOM, overflow and poles ERANGE, with MATH_ERRNO. */
static void math_errno(void)
{
	struct tally t = { 0 };

#define ERRNO_IS(fn, x, want) do {					\
		int e_ = math_errno_of(fn, x);				\
		if (e_ != (want))					\
			tally_fail(&t, "%s(%g): errno %d, want %d", #fn, (double)(x), e_, want); \
	} while (0)
	if (!(math_errhandling & MATH_ERRNO))
		tally_fail(&t, "math_errhandling lacks MATH_ERRNO");
	ERRNO_IS(sqrt, -1.0, EDOM);
	ERRNO_IS(log, -1.0, EDOM);
	ERRNO_IS(log, 0.0, ERANGE);
	ERRNO_IS(exp, 1000.0, ERANGE);
	ERRNO_IS(pow_zero_neg, -1.0, ERANGE);
	ERRNO_IS(pow_neg_ten, 309.0, ERANGE);
	ERRNO_IS(sqrt, 4.0, 0);
	ERRNO_IS(exp, 1.0, 0);
#undef ERRNO_IS
	tally_check("math-errno", &t);
}

void test_math(void)
{
	math_double();
	math_float();
	math_exact();
	math_special();
	math_errno();
	math_classify();
	math_frexp_ldexp_modf();
}
