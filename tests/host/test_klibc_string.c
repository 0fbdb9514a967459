// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/klibc/string.c against glibc, over alignments, lengths and bytes. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <keel/compiler.h>
#include "host_test.h"
#include "klibc_host.h"

#define AREA	1200	/* heap areas, so that ASan catches any byte past the end */
#define GUARD	0xa5

static uint64_t rng_state = 0x13198a2e03707344ULL;

static unsigned int rng_below(unsigned int n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned int)((rng_state * 0x2545f4914f6cdd1dULL >> 32) % n);
}

static unsigned char *area_random(void)
{
	unsigned char *a = malloc(AREA);
	size_t i;

	for (i = 0; i < AREA; i++)
		a[i] = (unsigned char)rng_below(256);
	return a;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void memcpy_alignments_and_lengths(void)
{
	static const size_t big[] = { 255, 256, 257, 1000 };
	unsigned char *src = area_random(), *dst = malloc(AREA), *ref = malloc(AREA);
	size_t so, d, n, i;

	for (so = 0; so < 16; so++)
		for (d = 0; d < 16; d++)
			for (n = 0; n < 80 + K_ARRAY_SIZE(big); n++) {
				size_t len = n < 80 ? n : big[n - 80];

				memset(dst, GUARD, AREA);
				memset(ref, GUARD, AREA);
				memcpy(ref + d, src + so, len);
				if (k_test_memcpy(dst + d, src + so, len) != dst + d)
					t_fail(__FILE__, __LINE__, "memcpy return value");
				if (memcmp(dst, ref, AREA) != 0)
					t_fail(__FILE__, __LINE__, "memcpy src+%zu dst+%zu len %zu", so, d, len);
			}
	/* Exactly to the end of the allocation: ASan flags a word read past it. */
	for (i = 0; i < 16; i++)
		k_test_memcpy(dst + AREA - i, src + AREA - i, i);
	free(ref);
	free(dst);
	free(src);
}

static void memmove_overlaps(void)
{
	unsigned char *a = area_random(), *b = malloc(AREA), *ref = malloc(AREA);
	size_t from, to, n;

	for (from = 0; from < 40; from++)
		for (to = 0; to < 40; to++)
			for (n = 0; n < 70; n++) {
				memcpy(b, a, AREA);
				memcpy(ref, a, AREA);
				memmove(ref + to, ref + from, n);
				if (k_test_memmove(b + to, b + from, n) != b + to)
					t_fail(__FILE__, __LINE__, "memmove return value");
				if (memcmp(b, ref, AREA) != 0)
					t_fail(__FILE__, __LINE__, "memmove %zu -> %zu len %zu", from, to, n);
			}
	free(ref);
	free(b);
	free(a);
}

static void memset_values(void)
{
	static const int values[] = { 0, 0x5a, 0xff, -1, 0x1ff, 0x100 };
	unsigned char *a = malloc(AREA), *ref = malloc(AREA);
	size_t v, off, n;

	for (v = 0; v < K_ARRAY_SIZE(values); v++)
		for (off = 0; off < 9; off++)
			for (n = 0; n < 40; n++) {
				memset(a, GUARD, AREA);
				memset(ref, GUARD, AREA);
				memset(ref + off, values[v], n);
				if (k_test_memset(a + off, values[v], n) != a + off)
					t_fail(__FILE__, __LINE__, "memset return value");
				if (memcmp(a, ref, AREA) != 0)
					t_fail(__FILE__, __LINE__, "memset %#x off %zu len %zu",
					       values[v], off, n);
			}
	free(ref);
	free(a);
}

static void memcmp_and_memchr(void)
{
	unsigned char *a = malloc(64), *b = malloc(64);
	int i, n, c;

	for (i = 0; i < 3000; i++) {
		size_t j;

		for (j = 0; j < 64; j++)
			a[j] = b[j] = (unsigned char)rng_below(256);
		if (rng_below(2))
			b[rng_below(64)] = (unsigned char)rng_below(256);
		n = (int)rng_below(65);
		if (sign(k_test_memcmp(a, b, (size_t)n)) != sign(memcmp(a, b, (size_t)n)))
			t_fail(__FILE__, __LINE__, "memcmp sign, len %d", n);
		c = (int)rng_below(512) - 128;
		if (k_test_memchr(a, c, (size_t)n) != memchr(a, c, (size_t)n))
			t_fail(__FILE__, __LINE__, "memchr(%#x) len %d", c, n);
	}
	T_EXPECT(k_test_memcmp("\x80", "\x7f", 1) > 0);
	T_EXPECT_INT(k_test_memcmp(a, b, 0), 0);
	T_EXPECT(k_test_memchr(a, a[0], 0) == NULL);
	free(b);
	free(a);
}

/* A heap copy of exactly strlen + 1 bytes. */
static char *heap_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	memcpy(p, s, n);
	return p;
}

static void random_word(char *buf, size_t max)
{
	static const char alphabet[] = "aab\xe9\x7f";
	size_t len = rng_below((unsigned int)max), i;

	for (i = 0; i < len; i++)
		buf[i] = alphabet[rng_below(sizeof(alphabet) - 1)];
	buf[len] = '\0';
}

static void lengths(void)
{
	static const char *const texts[] = { "", "a", "hello", "\xff\x80", "exactly 16 bytes" };
	char *raw = malloc(4);
	size_t i, max;

	for (i = 0; i < K_ARRAY_SIZE(texts); i++) {
		char *s = heap_str(texts[i]);

		T_EXPECT_UINT(k_test_strlen(s), strlen(s));
		for (max = 0; max < 20; max++)
			T_EXPECT_UINT(k_test_strnlen(s, max), strnlen(s, max));
		free(s);
	}
	/* strnlen must not look past max: no terminator here. */
	memcpy(raw, "abcd", 4);
	T_EXPECT_UINT(k_test_strnlen(raw, 4), 4);
	free(raw);
}

static void compares(void)
{
	char x[16], y[16];
	int i;
	size_t n;

	for (i = 0; i < 5000; i++) {
		char *a, *b;

		random_word(x, sizeof(x));
		random_word(y, sizeof(y));
		if (rng_below(4) == 0)
			memcpy(y, x, sizeof(x));
		a = heap_str(x);
		b = heap_str(y);
		if (sign(k_test_strcmp(a, b)) != sign(strcmp(a, b)))
			t_fail(__FILE__, __LINE__, "strcmp(\"%s\", \"%s\")", a, b);
		for (n = 0; n < 18; n++)
			if (sign(k_test_strncmp(a, b, n)) != sign(strncmp(a, b, n)))
				t_fail(__FILE__, __LINE__, "strncmp(\"%s\", \"%s\", %zu)", a, b, n);
		free(b);
		free(a);
	}
	T_EXPECT(k_test_strcmp("\xe9", "a") > 0);
	T_EXPECT(k_test_strcmp("ab", "abc") < 0);
	T_EXPECT(k_test_strncmp("abX", "abY", 2) == 0);
}

static void searches(void)
{
	static const int chars[] = { 'a', 'b', 0, 0xe9, -23, 0x100 + 'a', 'z', 0x7f };
	char w[24];
	int i;
	size_t c;

	for (i = 0; i < 3000; i++) {
		char *s;

		random_word(w, sizeof(w));
		s = heap_str(w);
		for (c = 0; c < K_ARRAY_SIZE(chars); c++) {
			if (k_test_strchr(s, chars[c]) != strchr(s, chars[c]))
				t_fail(__FILE__, __LINE__, "strchr(\"%s\", %#x)", s, chars[c]);
			if (k_test_strrchr(s, chars[c]) != strrchr(s, chars[c]))
				t_fail(__FILE__, __LINE__, "strrchr(\"%s\", %#x)", s, chars[c]);
		}
		free(s);
	}
}

static void substrings(void)
{
	static const char *const needles[] = { "", "a", "aab", "aaab", "b\xe9", "\x7f\x7f",
		"abababab", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	char w[24];
	int i;
	size_t k;

	for (i = 0; i < 3000; i++) {
		char *h;

		random_word(w, sizeof(w));
		h = heap_str(w);
		for (k = 0; k < K_ARRAY_SIZE(needles); k++) {
			char *n = heap_str(needles[k]);

			if (k_test_strstr(h, n) != strstr(h, n))
				t_fail(__FILE__, __LINE__, "strstr(\"%s\", \"%s\")", h, n);
			if (k_test_strspn(h, n) != strspn(h, n))
				t_fail(__FILE__, __LINE__, "strspn(\"%s\", \"%s\")", h, n);
			if (k_test_strcspn(h, n) != strcspn(h, n))
				t_fail(__FILE__, __LINE__, "strcspn(\"%s\", \"%s\")", h, n);
			free(n);
		}
		free(h);
	}
}

static void copies(void)
{
	char *dst = malloc(64), *ref = malloc(64);
	char w[24];
	int i;
	size_t n;

	for (i = 0; i < 2000; i++) {
		char *s;

		random_word(w, sizeof(w));
		s = heap_str(w);
		memset(dst, GUARD, 64);
		memset(ref, GUARD, 64);
		T_EXPECT(k_test_strcpy(dst + 1, s) == dst + 1);
		strcpy(ref + 1, s);
		if (memcmp(dst, ref, 64) != 0)
			t_fail(__FILE__, __LINE__, "strcpy(\"%s\")", s);
		T_EXPECT(k_test_strcat(dst + 1, s) == dst + 1);
		strcat(ref + 1, s);
		if (memcmp(dst, ref, 64) != 0)
			t_fail(__FILE__, __LINE__, "strcat(\"%s\")", s);
		for (n = 0; n < 30; n++) {
			memset(dst, GUARD, 64);
			memset(ref, GUARD, 64);
			T_EXPECT(k_test_strncpy(dst, s, n) == dst);
			strncpy(ref, s, n);
			if (memcmp(dst, ref, 64) != 0)
				t_fail(__FILE__, __LINE__, "strncpy(\"%s\", %zu)", s, n);
		}
		free(s);
	}
	free(ref);
	free(dst);
}

static const struct t_case mem_cases[] = {
	T_CASE(memcpy_alignments_and_lengths), T_CASE(memmove_overlaps), T_CASE(memset_values),
	T_CASE(memcmp_and_memchr), T_END
};
static const struct t_case str_cases[] = {
	T_CASE(lengths), T_CASE(compares), T_CASE(searches), T_CASE(substrings),
	T_CASE(copies), T_END
};

static const struct t_suite suites[] = {
	{ "klibc.mem_functions", mem_cases },
	{ "klibc.str_functions", str_cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
