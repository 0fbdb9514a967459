// SPDX-License-Identifier: BSD-3-Clause
/* klibc: number conversions, qsort, exit and abort. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <keel/boot.h>
#include <keel/panic.h>

__thread int errno;

/*
 * C11 7.22.1.4: optional sign, optional 0x/0 prefix by base, digits. On overflow the
 * result saturates at the limit and errno is ERANGE; *end points past the last digit
 * (or at s when there are none).
 */
static unsigned long long strto_core(const char *s, char **end, int base,
				     bool *neg, unsigned long long limit)
{
	const char *p = s;
	unsigned long long v = 0;
	bool any = false, over = false;

	while (isspace((unsigned char)*p))
		p++;
	*neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int c = (unsigned char)*p, d;

		if (isdigit(c))
			d = c - '0';
		else if (isalpha(c))
			d = tolower(c) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		any = true;
		if (v > (limit - (unsigned)d) / (unsigned)base)
			over = true;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (over) {
		errno = ERANGE;
		return limit;
	}
	return v;
}

static long long strto_signed(const char *s, char **end, int base,
			      long long min, long long max)
{
	bool neg;
	/* The magnitude of min is max + 1. */
	unsigned long long v = strto_core(s, end, base, &neg, (unsigned long long)max + 1);

	if (!neg && v > (unsigned long long)max) {
		errno = ERANGE;
		return max;
	}
	if (neg)
		return v == (unsigned long long)max + 1 ? min : -(long long)v;
	return (long long)v;
}

long strtol(const char *s, char **end, int base)
{
	return (long)strto_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *s, char **end, int base)
{
	return strto_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

/* C11 7.22.1.4p8: out of range yields the maximum, not its negation. */
static unsigned long long strto_unsigned(const char *s, char **end, int base,
					 unsigned long long limit)
{
	int saved = errno;
	unsigned long long v;
	bool neg;

	errno = 0;
	v = strto_core(s, end, base, &neg, limit);
	if (errno == ERANGE)
		return v;
	errno = saved;
	return neg ? -v : v;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return strto_unsigned(s, end, base, ULLONG_MAX);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return (unsigned long)strto_unsigned(s, end, base, ULONG_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int abs(int v)
{
	return v < 0 ? -v : v;
}

long labs(long v)
{
	return v < 0 ? -v : v;
}

static void qsort_swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Insertion sort for short runs, median-of-three quicksort above; recursion on the
 * smaller side keeps the stack depth logarithmic. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *b = base;

	while (n > 8) {
		char *lo = b, *mid = b + (n / 2) * size, *hi = b + (n - 1) * size;
		size_t i = 0, j = n - 1, left;

		if (cmp(mid, lo) < 0)
			qsort_swap(mid, lo, size);
		if (cmp(hi, mid) < 0) {
			qsort_swap(hi, mid, size);
			if (cmp(mid, lo) < 0)
				qsort_swap(mid, lo, size);
		}
		qsort_swap(mid, lo, size);	/* pivot at b[0] */
		for (;;) {
			do i++; while (i < n && cmp(b + i * size, b) < 0);
			do j--; while (j > 0 && cmp(b + j * size, b) > 0);
			if (i >= j)
				break;
			qsort_swap(b + i * size, b + j * size, size);
		}
		qsort_swap(b, b + j * size, size);
		left = j;
		if (left < n - left - 1) {
			qsort(b, left, size, cmp);
			b += (left + 1) * size;
			n -= left + 1;
		} else {
			qsort(b + (left + 1) * size, n - left - 1, size, cmp);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--)
			qsort_swap(b + (j - 1) * size, b + j * size, size);
}

void exit(int status)
{
	k_exit(status);
}

void abort(void)
{
	k_panic("abort() called");
}
