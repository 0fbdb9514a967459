// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/klibc/stdlib.c: strto* against glibc, qsort, exit and abort. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <keel/boot.h>
#include <keel/compiler.h>
#include <keel/panic.h>
#include "host_test.h"
#include "klibc_host.h"

/* --- Stubs for what stdlib.c calls in the rest of Keel ----------------------------- */

static jmp_buf stub_jmp;
static int stub_exit_status = -1;
static const char *stub_panic_fmt;

void k_exit(int status)
{
	stub_exit_status = status;
	longjmp(stub_jmp, 1);
}

void k_panic(const char *fmt, ...)
{
	stub_panic_fmt = fmt;
	longjmp(stub_jmp, 1);
}

/* --- strto* against glibc ---------------------------------------------------------- */

static const char *const number_texts[] = {
	"0", "42", "-42", "+42", "  \t\n\v\f\r 42xyz", "", "   ", "-", "+", "+-1", "--1",
	"- 1", "0x1f", "0X1F", "0x", "0xg", "0x 1", "-0x10", "+0x10", "0x-1", "010", "08",
	"09", "-0", "007", "12 34", "1e5", "zz", "Zz", "z!", "\xe9" "1", "1\xe9",
	"127", "128", "-128", "-129", "2147483647", "2147483648", "-2147483648",
	"-2147483649", "4294967295", "4294967296",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "99999999999999999999999", "-99999999999999999999999",
	"18446744073709551615", "18446744073709551616", "-18446744073709551615",
	"-18446744073709551616", "0x7fffffffffffffff", "0x8000000000000000",
	"-0x8000000000000000", "-0x8000000000000001", "0xffffffffffffffff",
	"0x10000000000000000", "0xFFFFFFFFFFFFFFFFF", "0777", "01777777777777777777777",
	"02000000000000000000000", "0000000000000000000000000000000000000000001",
	"111111111111111111111111111111111111111111111111111111111111111",
	"1111111111111111111111111111111111111111111111111111111111111111",
	"11111111111111111111111111111111111111111111111111111111111111111",
	"3w5e11264sgsf", "3w5e11264sgsg", "-3w5e11264sgsg", "1y2p0ij32e8e7",
};

static const int bases[] = { 0, 2, 8, 10, 16, 36, 3, 7, 35 };

/* The sign in front of the digits, as the parser sees it. */
static bool text_is_negative(const char *s)
{
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	return *s == '-';
}

enum strto_kind { STRTOL, STRTOLL, STRTOUL, STRTOULL };

static const char *const kind_names[] = { "strtol", "strtoll", "strtoul", "strtoull" };

struct strto_result {
	unsigned long long value;
	ptrdiff_t end;
	int err;
};

static struct strto_result strto_keel(enum strto_kind kind, const char *s, int base)
{
	struct strto_result r;
	char *end = NULL;

	k_test_errno = 0;
	switch (kind) {
	case STRTOL: r.value = (unsigned long long)k_test_strtol(s, &end, base); break;
	case STRTOLL: r.value = (unsigned long long)k_test_strtoll(s, &end, base); break;
	case STRTOUL: r.value = k_test_strtoul(s, &end, base); break;
	default: r.value = k_test_strtoull(s, &end, base); break;
	}
	r.err = k_test_errno;
	r.end = end - s;
	return r;
}

static struct strto_result strto_glibc(enum strto_kind kind, const char *s, int base)
{
	struct strto_result r;
	char *end = NULL;

	errno = 0;
	switch (kind) {
	case STRTOL: r.value = (unsigned long long)strtol(s, &end, base); break;
	case STRTOLL: r.value = (unsigned long long)strtoll(s, &end, base); break;
	case STRTOUL: r.value = strtoul(s, &end, base); break;
	default: r.value = strtoull(s, &end, base); break;
	}
	r.err = errno;
	r.end = end - s;
	return r;
}

/*
 * Compare one conversion; returns false when skipped. Negative overflow of the
 * unsigned functions is a known bug with its own suite, so skip_neg_overflow lets
 * the general suites stay meaningful for everything else.
 */
static bool strto_compare(enum strto_kind kind, const char *s, int base, bool skip_neg_overflow)
{
	struct strto_result k, g;

	g = strto_glibc(kind, s, base);
	if (skip_neg_overflow && (kind == STRTOUL || kind == STRTOULL) &&
	    g.err == ERANGE && text_is_negative(s))
		return false;
	k = strto_keel(kind, s, base);
	if (k.value != g.value || k.end != g.end || k.err != g.err)
		t_fail(__FILE__, __LINE__,
		       "%s(\"%s\", %d): keel %#llx end %td errno %d, glibc %#llx end %td errno %d",
		       kind_names[kind], s, base, k.value, k.end, k.err, g.value, g.end, g.err);
	return true;
}

static void compare_table(enum strto_kind kind)
{
	size_t i, b;

	for (i = 0; i < K_ARRAY_SIZE(number_texts); i++)
		for (b = 0; b < K_ARRAY_SIZE(bases); b++)
			strto_compare(kind, number_texts[i], bases[b], true);
}

static void strtol_table(void)
{
	compare_table(STRTOL);
}

static void strtoll_table(void)
{
	compare_table(STRTOLL);
}

static void strtoul_table(void)
{
	compare_table(STRTOUL);
}

static void strtoull_table(void)
{
	compare_table(STRTOULL);
}

static uint64_t rng_state = 0x243f6a8885a308d3ULL;

static unsigned int rng_below(unsigned int n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned int)((rng_state * 0x2545f4914f6cdd1dULL >> 32) % n);
}

static void random_texts(void)
{
	static const char alphabet[] = " \t+-0000111789aAfFgGxXzZ";
	char text[40];
	int i, kind, compared = 0;

	for (i = 0; i < 20000 && t_case_failures < T_MAX_REPORTS; i++) {
		int len = (int)rng_below(30), j;
		int base = rng_below(4) ? bases[rng_below(K_ARRAY_SIZE(bases))]
					: 2 + (int)rng_below(35);

		for (j = 0; j < len; j++)
			text[j] = alphabet[rng_below(sizeof(alphabet) - 1)];
		text[len] = '\0';
		for (kind = STRTOL; kind <= STRTOULL; kind++)
			compared += strto_compare(kind, text, base, true);
	}
	T_EXPECT(compared > 70000);
}

static void errno_kept_on_success(void)
{
	char *end;

	k_test_errno = 1234;
	T_EXPECT_INT(k_test_strtol("77", &end, 10), 77);
	T_EXPECT_INT(k_test_errno, 1234);
	T_EXPECT_INT(k_test_strtoul("", NULL, 10), 0);
	T_EXPECT_INT(k_test_errno, 1234);
}

static void atoi_and_abs(void)
{
	static const char *const texts[] = { "0", "-17", " +99 bottles", "x", "2147483647",
		"-2147483648", "0x10", "010" };
	size_t i;

	for (i = 0; i < K_ARRAY_SIZE(texts); i++) {
		T_EXPECT_INT(k_test_atoi(texts[i]), atoi(texts[i]));
		T_EXPECT_INT(k_test_atol(texts[i]), atol(texts[i]));
	}
	T_EXPECT_INT(k_test_atol("-9223372036854775808"), LONG_MIN);
	T_EXPECT_INT(k_test_abs(-5), 5);
	T_EXPECT_INT(k_test_abs(INT_MAX), INT_MAX);
	T_EXPECT_INT(k_test_abs(0), 0);
	T_EXPECT_INT(k_test_labs(-5000000000L), 5000000000L);
	T_EXPECT_INT(k_test_labs(LONG_MAX), LONG_MAX);
}

/* C11 7.22.1.4p8: a value out of range gives ULONG_MAX/ULLONG_MAX, whatever the sign. */
static void unsigned_negative_overflow(void)
{
	char *end;

	k_test_errno = 0;
	T_EXPECT_UINT(k_test_strtoul("-18446744073709551616", &end, 10), ULONG_MAX);
	T_EXPECT_INT(k_test_errno, ERANGE);
	k_test_errno = 0;
	T_EXPECT_UINT(k_test_strtoull("-99999999999999999999999", &end, 10), ULLONG_MAX);
	T_EXPECT_INT(k_test_errno, ERANGE);
	k_test_errno = 0;
	T_EXPECT_UINT(k_test_strtoull("-0x10000000000000001", &end, 16), ULLONG_MAX);
	T_EXPECT_INT(k_test_errno, ERANGE);
}

/* --- qsort ------------------------------------------------------------------------- */

struct sort_ctx {
	const char *base;
	size_t n, size;
	unsigned long calls;
	bool bad_pointer;
};

static struct sort_ctx sort_ctx;

/* Every pointer handed to the comparator must be an element of the array. */
static void sort_check_pointer(const void *p)
{
	const char *c = p;

	if (c < sort_ctx.base || c >= sort_ctx.base + sort_ctx.n * sort_ctx.size ||
	    (size_t)(c - sort_ctx.base) % sort_ctx.size != 0)
		sort_ctx.bad_pointer = true;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	sort_check_pointer(a);
	sort_check_pointer(b);
	sort_ctx.calls++;
	return (x > y) - (x < y);
}

enum pattern { RANDOM, FEW_VALUES, SORTED, REVERSED, ALL_EQUAL, ORGAN_PIPE, PATTERNS };

static const char *const pattern_names[] = {
	"random", "few values", "sorted", "reversed", "all equal", "organ pipe"
};

static void fill_pattern(int *v, size_t n, enum pattern p)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (p) {
		case RANDOM: v[i] = (int)rng_below(1u << 31) - (1 << 30); break;
		case FEW_VALUES: v[i] = (int)rng_below(3); break;
		case SORTED: v[i] = (int)i; break;
		case REVERSED: v[i] = (int)(n - i); break;
		case ALL_EQUAL: v[i] = 7; break;
		default: v[i] = (int)(i < n / 2 ? i : n - i); break;
		}
	}
}

static int cmp_int_plain(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void sort_one(size_t n, enum pattern p)
{
	int *v = malloc((n ? n : 1) * sizeof(*v));
	int *ref = malloc((n ? n : 1) * sizeof(*v));
	double bound;

	fill_pattern(v, n, p);
	memcpy(ref, v, n * sizeof(*v));
	qsort(ref, n, sizeof(*ref), cmp_int_plain);
	sort_ctx = (struct sort_ctx){ (const char *)v, n, sizeof(*v), 0, false };
	k_test_qsort(v, n, sizeof(*v), cmp_int);
	/* Equal to glibc's result means sorted and a permutation of the input. */
	if (memcmp(v, ref, n * sizeof(*v)) != 0)
		t_fail(__FILE__, __LINE__, "n=%zu %s: result differs from glibc's", n,
		       pattern_names[p]);
	if (sort_ctx.bad_pointer)
		t_fail(__FILE__, __LINE__, "n=%zu %s: comparator got a pointer off the array",
		       n, pattern_names[p]);
	/* Median of three must keep these inputs far from quadratic. */
	bound = n < 2 ? 1 : 3.0 * (double)n * log2((double)n) + 2.0 * (double)n;
	if ((double)sort_ctx.calls > bound)
		t_fail(__FILE__, __LINE__, "n=%zu %s: %lu comparisons (bound %.0f)", n,
		       pattern_names[p], sort_ctx.calls, bound);
	free(ref);
	free(v);
}

static void qsort_ints(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 7, 8, 9, 10, 16, 17, 100, 1000, 10000 };
	size_t i;
	int p;

	for (i = 0; i < K_ARRAY_SIZE(sizes); i++)
		for (p = 0; p < PATTERNS; p++)
			sort_one(sizes[i], (enum pattern)p);
}

/* Elements of odd size with a payload: swaps must move whole records. */
struct record {
	unsigned char key;
	unsigned char check[12];	/* each byte is key ^ its index */
};

static int cmp_record(const void *a, const void *b)
{
	const struct record *x = a, *y = b;

	return (int)x->key - (int)y->key;
}

static void qsort_records(void)
{
	static const size_t sizes[] = { 5, 9, 50, 3001 };
	size_t s, i, j;

	T_REQUIRE(sizeof(struct record) == 13);
	for (s = 0; s < K_ARRAY_SIZE(sizes); s++) {
		size_t n = sizes[s];
		struct record *r = malloc(n * sizeof(*r));
		unsigned int hist[256] = { 0 };

		for (i = 0; i < n; i++) {
			r[i].key = (unsigned char)rng_below(256);
			hist[r[i].key]++;
			for (j = 0; j < sizeof(r[i].check); j++)
				r[i].check[j] = (unsigned char)(r[i].key ^ j);
		}
		k_test_qsort(r, n, sizeof(*r), cmp_record);
		for (i = 0; i < n; i++) {
			if (i && r[i - 1].key > r[i].key)
				t_fail(__FILE__, __LINE__, "n=%zu: out of order at %zu", n, i);
			for (j = 0; j < sizeof(r[i].check); j++)
				if (r[i].check[j] != (unsigned char)(r[i].key ^ j))
					t_fail(__FILE__, __LINE__, "n=%zu: record %zu torn", n, i);
			hist[r[i].key]--;
		}
		for (i = 0; i < 256; i++)
			if (hist[i])
				t_fail(__FILE__, __LINE__, "n=%zu: key %zu count changed", n, i);
		free(r);
	}
}

static int cmp_char(const void *a, const void *b)
{
	return *(const signed char *)a - *(const signed char *)b;
}

static void qsort_bytes(void)
{
	char text[] = "the quick brown fox jumps over the lazy dog";
	char ref[sizeof(text)];

	memcpy(ref, text, sizeof(text));
	qsort(ref, sizeof(ref) - 1, 1, cmp_char);
	k_test_qsort(text, sizeof(text) - 1, 1, cmp_char);
	T_EXPECT_STR(text, ref);
	k_test_qsort(NULL, 0, 4, cmp_char);
}

/* --- exit and abort ---------------------------------------------------------------- */

static void exit_calls_k_exit(void)
{
	stub_exit_status = -1;
	if (setjmp(stub_jmp) == 0)
		k_test_exit(42);
	T_EXPECT_INT(stub_exit_status, 42);
}

static void abort_panics(void)
{
	stub_panic_fmt = NULL;
	if (setjmp(stub_jmp) == 0)
		k_test_abort();
	T_REQUIRE(stub_panic_fmt != NULL);
	T_EXPECT(strstr(stub_panic_fmt, "abort") != NULL);
}

static const struct t_case strto_cases[] = {
	T_CASE(strtol_table), T_CASE(strtoll_table), T_CASE(strtoul_table),
	T_CASE(strtoull_table), T_CASE(random_texts), T_CASE(errno_kept_on_success),
	T_CASE(atoi_and_abs), T_END
};
static const struct t_case strto_bug_cases[] = {
	T_CASE(unsigned_negative_overflow), T_END
};
static const struct t_case qsort_cases[] = {
	T_CASE(qsort_ints), T_CASE(qsort_records), T_CASE(qsort_bytes), T_END
};
static const struct t_case exit_cases[] = {
	T_CASE(exit_calls_k_exit), T_CASE(abort_panics), T_END
};

static const struct t_suite suites[] = {
	{ "klibc.strto_match_glibc", strto_cases },
	{ "klibc.strtoul_negative_overflow", strto_bug_cases },
	{ "klibc.qsort", qsort_cases },
	{ "klibc.exit_and_abort", exit_cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
