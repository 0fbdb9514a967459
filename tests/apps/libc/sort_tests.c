// SPDX-License-Identifier: BSD-3-Clause
/*
 * sort: qsort against an insertion sort of the same data, on ints, strings and
 * odd-sized records; bsearch hits and misses; the degenerate sizes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define NINTS	1000

/* A fixed linear congruential sequence (Numerical Recipes' constants). */
static uint32_t lcg_state;

static uint32_t lcg(void)
{
	lcg_state = lcg_state * 1664525u + 1013904223u;
	return lcg_state;
}

static int calls;

/* No subtraction: it would overflow for ints of opposite signs. */
static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	calls++;
	return (x > y) - (x < y);
}

static void insertion_sort(int *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		int x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void sort_ints(void)
{
	static int v[NINTS], want[NINTS];
	size_t bad = NINTS;

	lcg_state = 12345;
	for (size_t i = 0; i < NINTS; i++)
		v[i] = want[i] = (int)lcg() >> (i % 3 ? 0 : 20);	/* some repeats */
	qsort(v, NINTS, sizeof(v[0]), cmp_int);
	insertion_sort(want, NINTS);
	for (size_t i = 0; i < NINTS && bad == NINTS; i++)
		if (v[i] != want[i])
			bad = i;
	check("qsort-ints", bad == NINTS, "element %zu is %d, want %d", bad,
	      bad < NINTS ? v[bad] : 0, bad < NINTS ? want[bad] : 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_strings(void)
{
	const char *v[] = { "pear", "apple", "fig", "banana", "cherry", "apple", "Zebra", "" };
	static const char *const want[] = { "", "Zebra", "apple", "apple", "banana", "cherry",
					    "fig", "pear" };
	size_t n = sizeof(v) / sizeof(v[0]), bad = n;

	qsort(v, n, sizeof(v[0]), cmp_str);
	for (size_t i = 0; i < n && bad == n; i++)
		if (strcmp(v[i], want[i]))
			bad = i;
	check("qsort-strings", bad == n, "element %zu is '%s', want '%s'", bad,
	      bad < n ? v[bad] : "", bad < n ? want[bad] : "");
}

/* 13-byte records: the swap cannot move them in words alone. */
struct rec {
	char tag[9];
	int key;
} __attribute__((packed));

static int cmp_rec(const void *a, const void *b)
{
	int x = ((const struct rec *)a)->key, y = ((const struct rec *)b)->key;

	return (x > y) - (x < y);
}

static void sort_records(void)
{
	struct rec v[50];
	bool ok = true;

	for (int i = 0; i < 50; i++) {
		v[i].key = (i * 37) % 50;	/* a permutation of 0..49 */
		snprintf(v[i].tag, sizeof(v[i].tag), "k%07d", v[i].key);
	}
	qsort(v, 50, sizeof(v[0]), cmp_rec);
	for (int i = 0; i < 50; i++) {
		char want[9];

		snprintf(want, sizeof(want), "k%07d", i);
		ok &= v[i].key == i && !strcmp(v[i].tag, want);
	}
	check("qsort-records", sizeof(struct rec) == 13 && ok,
	      "%zu-byte records out of order or mixed up", sizeof(struct rec));
}

/* Nothing to compare in an empty array; one element stays as it is. */
static void sort_degenerate(void)
{
	int one[1] = { 7 }, none[1] = { 9 };
	int empty_calls;

	calls = 0;
	qsort(none, 0, sizeof(int), cmp_int);
	empty_calls = calls;
	qsort(one, 1, sizeof(int), cmp_int);
	check("qsort-0-1", none[0] == 9 && one[0] == 7 && empty_calls == 0,
	      "values %d %d, %d comparisons for 0 elements", none[0], one[0], empty_calls);
}

static void sort_bsearch(void)
{
	static const int v[] = { -50, -3, 0, 2, 4, 8, 15, 16, 23, 42, 1000 };
	static const int misses[] = { -51, -4, 1, 3, 41, 43, 999, 1001 };
	size_t n = sizeof(v) / sizeof(v[0]);
	struct tally t = { 0 };

	for (size_t i = 0; i < n; i++) {
		const int *p = bsearch(&v[i], v, n, sizeof(v[0]), cmp_int);

		if (p != &v[i])
			tally_fail(&t, "%d found at %td, want %zu", v[i], p ? p - v : -1, i);
	}
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
		if (bsearch(&misses[i], v, n, sizeof(v[0]), cmp_int))
			tally_fail(&t, "%d found, but it is not there", misses[i]);
	if (bsearch(&v[0], v, 0, sizeof(v[0]), cmp_int))
		tally_fail(&t, "found in an empty array");
	tally_check("bsearch", &t);
}

void test_sort(void)
{
	sort_ints();
	sort_strings();
	sort_records();
	sort_degenerate();
	sort_bsearch();
}
