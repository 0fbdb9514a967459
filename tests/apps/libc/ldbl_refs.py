#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Reference strings for tests/apps/libc's long double checks (printf_float.c,
strtod_tests.c), computed independently of any C library: a value is rounded to the
format with exact rationals (fractions), and printed from its exact value with
decimal at a precision above its full expansion (ROUND_HALF_EVEN, as C11 7.21.6.1
asks of the default rounding mode). x87 extended: 64-bit significand (LDBL_MANT_DIG
64); IEEE binary128: 113. Both have a 15-bit exponent: normal numbers from 2^-16382.

    python3 tests/apps/libc/ldbl_refs.py
"""
from decimal import Decimal, getcontext, ROUND_HALF_EVEN
from fractions import Fraction

getcontext().prec = 20000	# above the longest expansion (2^-16494: 11529 digits)
getcontext().rounding = ROUND_HALF_EVEN
EMIN = -16382		# the least normal exponent, both formats
EMAX = 16383


def round_to(x, p):
	"""x (a Fraction) rounded to nearest, ties to even, with a p-bit significand."""
	if x == 0:
		return Fraction(0)
	sign = -1 if x < 0 else 1
	x = abs(x)
	e = x.numerator.bit_length() - x.denominator.bit_length()
	while Fraction(2) ** e > x:
		e -= 1
	while Fraction(2) ** (e + 1) <= x:
		e += 1
	q = max(e, EMIN) - (p - 1)			# the weight of the last bit
	m = x / Fraction(2) ** q
	n = m.numerator // m.denominator
	r = m - n
	if r > Fraction(1, 2) or (r == Fraction(1, 2) and n % 2):
		n += 1
	v = sign * n * Fraction(2) ** q
	if abs(v) >= Fraction(2) ** (EMAX + 1):
		raise OverflowError
	return v


def dec(x):
	return Decimal(x.numerator) / Decimal(x.denominator)


def fmt_e(x, prec):
	"""%.{prec}Le"""
	return format(dec(x), ".%de" % prec)


def fmt_f(x, prec):
	return format(dec(x), ".%df" % prec)


def fmt_g(x, prec):
	"""%.{prec}Lg without '#': %e or %f by the exponent, trailing zeros removed."""
	d = dec(x)
	p = prec or 1
	e = int(format(d, ".%de" % (p - 1)).split("e")[1])
	s = format(d, ".%de" % (p - 1)) if e < -4 or e >= p else format(d, ".%df" % (p - 1 - e))
	if "e" in s:
		m, ex = s.split("e")
		m = m.rstrip("0").rstrip(".") if "." in m else m
		return m + "e" + ex
	return s.rstrip("0").rstrip(".") if "." in s else s


def fmt_a(x, p, prec=None):
	"""%La as newlib prints it: 0x1.<hex>p<exp>, normalized; all digits when no precision."""
	e = 0
	while Fraction(2) ** (e + 1) <= x:
		e += 1
	while Fraction(2) ** e > x:
		e -= 1
	frac = x / Fraction(2) ** e - 1				# in [0, 1)
	ndig = (p - 1 + 3) // 4 if prec is None else prec
	m = frac * 16 ** ndig
	n = m.numerator // m.denominator
	r = m - n
	if r > Fraction(1, 2) or (r == Fraction(1, 2) and n % 2):
		n += 1
	lead = 1 + n // 16 ** ndig
	n %= 16 ** ndig
	h = ("%0*x" % (ndig, n)) if ndig else ""
	if prec is None:
		h = h.rstrip("0")
	return "0x%d%s%sp%+d" % (lead, "." if h else "", h, e)


def exact_decimal(x):
	"""The whole decimal expansion of a dyadic rational."""
	return format(dec(x), "f")


def cases(p):
	"""(what, string) pairs for LDBL_MANT_DIG p, in the order the C tables list them."""
	dig = 21 if p == 64 else 36			# DECIMAL_DIG of the format
	ldbl_max = (2 - Fraction(2) ** (1 - p)) * Fraction(2) ** EMAX
	ldbl_min = Fraction(2) ** EMIN
	true_min = Fraction(2) ** (EMIN - (p - 1))
	tenth = round_to(Fraction(1, 10), p)
	third = round_to(Fraction(1, 3), p)
	big = round_to(Fraction(10) ** 4000, p)
	tiny = round_to(Fraction(1, 10 ** 4000), p)
	ulp1 = Fraction(2) ** (1 - p)			# the ulp of 1
	out = [
		("%.25Lf 0.1L", fmt_f(tenth, 25)),
		("%.{}Le 1e-4000L".format(dig - 1), fmt_e(tiny, dig - 1)),
		("%.30Le 1e-4000L", fmt_e(tiny, 30)),
		("%.{}Lg 0.1L".format(dig), fmt_g(tenth, dig)),
		("%.{}Le 1e4000L".format(dig - 1), fmt_e(big, dig - 1)),
		("%.{}Le LDBL_MAX".format(dig - 1), fmt_e(ldbl_max, dig - 1)),
		("%.{}Lg 1.0L / 3".format(dig), fmt_g(third, dig)),
		("%.10Le LDBL_TRUE_MIN", fmt_e(true_min, 10)),
		("%.{}Le 3 * LDBL_TRUE_MIN".format(dig - 1), fmt_e(3 * true_min, dig - 1)),
		("%La 0.1L", fmt_a(tenth, p)),
		("%La 1.0L / 3", fmt_a(third, p)),
		("%La LDBL_MAX", fmt_a(ldbl_max, p)),
		("%La 1e4000L", fmt_a(big, p)),
		("%.3La 1e4000L", fmt_a(big, p, 3)),
		("%La 1e-4000L", fmt_a(tiny, p)),
		("%La LDBL_MIN", fmt_a(ldbl_min, p)),
		("%La LDBL_TRUE_MIN", fmt_a(true_min, p)),
		("strtold: 1 + ulp/2, a tie", exact_decimal(1 + ulp1 / 2)),
		("strtold: LDBL_MAX", fmt_g(ldbl_max, dig)),
		("strtold: LDBL_TRUE_MIN", fmt_g(true_min, dig)),
		("strtold: 0.1's nearest is", "above 0.1" if tenth > Fraction(1, 10) else "below 0.1"),
	]
	return out


if __name__ == "__main__":
	for p in (64, 113):
		print("LDBL_MANT_DIG %d" % p)
		for what, s in cases(p):
			print("  %-28s %s" % (what, s))
