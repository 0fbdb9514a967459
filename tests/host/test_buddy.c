// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/alloc-buddy/buddy.c: shared helpers, odd ranges, exact semantics, main(). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buddy.h"
#include "host_test.h"
#include "buddy_test_util.h"

/* A 1-page zone's metadata: the header and one word of each of its two bitmaps. */
#define ONE_PAGE_META	(sizeof(struct buddy_zone) + 2 * sizeof(uint64_t))

uintptr_t map_memory(size_t align, size_t len)
{
	void *p = NULL;

	if (posix_memalign(&p, align, len))
		return 0;
	return (uintptr_t)p;
}

void unmap_memory(uintptr_t p)
{
	free((void *)p);
}

uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

bool expect_consistent(int line, const struct buddy *b)
{
	char why[160];

	if (buddy_check(b, why, sizeof(why)) == 0)
		return true;
	t_fail(__FILE__, line, "buddy_check: %s", why);
	return false;
}

/* --- Snapshots of the free block structure -------------------------------------------- */

static int compare_words(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/* Room for every block, one tail marker per zone, and one more. */
static size_t snapshot_room(const struct buddy *b)
{
	const struct buddy_zone *z;
	size_t n = b->total_pages + 1;

	for (z = b->zones; z; z = z->next)
		n++;
	return n;
}

void take_snapshot(const struct buddy *b, struct snapshot *s)
{
	const struct buddy_zone *z;
	const struct buddy_free_node *n;
	size_t room = snapshot_room(b);
	unsigned int k;

	s->n = 0;
	s->blocks = malloc(room * sizeof(*s->blocks));
	for (z = b->zones; z; z = z->next) {
		s->blocks[s->n++] = z->tail << 8 | SNAPSHOT_TAIL;
		for (k = 0; k <= BUDDY_MAX_ORDER; k++)
			for (n = z->free[k]; n && s->n < room; n = n->next)
				s->blocks[s->n++] = ((uintptr_t)n >> BUDDY_PAGE_SHIFT) << 8 | k;
	}
	qsort(s->blocks, s->n, sizeof(*s->blocks), compare_words);
}

/* The blocks of [start_pfn, tail): at each page the largest aligned block that fits. */
static void canonical_snapshot(const struct buddy *b, struct snapshot *s)
{
	const struct buddy_zone *z;
	uintptr_t pfn;
	unsigned int k;

	s->n = 0;
	s->blocks = malloc(snapshot_room(b) * sizeof(*s->blocks));
	for (z = b->zones; z; z = z->next) {
		s->blocks[s->n++] = z->tail << 8 | SNAPSHOT_TAIL;
		for (pfn = z->start_pfn; pfn < z->tail; pfn += (uintptr_t)1 << k) {
			for (k = 0; k < BUDDY_MAX_ORDER && !(pfn & (((uintptr_t)2 << k) - 1)) &&
			     pfn + ((uintptr_t)2 << k) <= z->tail; k++)
				;
			s->blocks[s->n++] = pfn << 8 | k;
		}
	}
	qsort(s->blocks, s->n, sizeof(*s->blocks), compare_words);
}

bool same_as_snapshot(const struct buddy *b, const struct snapshot *s)
{
	struct snapshot now;
	bool same;

	take_snapshot(b, &now);
	same = now.n == s->n && memcmp(now.blocks, s->blocks, s->n * sizeof(*s->blocks)) == 0;
	free(now.blocks);
	return same;
}

bool is_canonical(const struct buddy *b)
{
	struct snapshot want;
	bool same;

	canonical_snapshot(b, &want);
	same = same_as_snapshot(b, &want);
	free(want.blocks);
	return same;
}

bool all_released(const struct buddy *b)
{
	const struct buddy_zone *z;

	for (z = b->zones; z; z = z->next)
		if (z->tail != z->start_pfn + z->npages)
			return false;
	return true;
}

size_t exhaust_and_free(struct buddy *b)
{
	size_t room = b->free_pages + 1, n = 0, i;
	void **pages = malloc(room * sizeof(*pages));

	if (!pages)
		return 0;
	while (n < room && (pages[n] = buddy_alloc(b, 1)))
		n++;
	for (i = 0; i < n; i++)
		if (buddy_free(b, pages[i], 1))
			t_fail(__FILE__, __LINE__, "cannot free page %p", pages[i]);
	free(pages);
	return n;
}

/* Is [p, p + n pages) inside one zone's managed pages? */
bool in_one_zone(const struct buddy *b, uintptr_t p, size_t n)
{
	const struct buddy_zone *z;
	uintptr_t pfn = p >> BUDDY_PAGE_SHIFT;

	for (z = b->zones; z; z = z->next)
		if (pfn >= z->start_pfn && pfn < z->start_pfn + z->npages &&
		    n <= z->npages - (pfn - z->start_pfn))
			return true;
	return false;
}

/* Do all zones, headers included, lie inside [lo, hi)? */
bool zones_inside(const struct buddy *b, uintptr_t lo, uintptr_t hi)
{
	const struct buddy_zone *z;

	for (z = b->zones; z; z = z->next)
		if ((uintptr_t)z < lo || z->start_pfn > (hi >> BUDDY_PAGE_SHIFT) ||
		    z->npages > (hi >> BUDDY_PAGE_SHIFT) - z->start_pfn)
			return false;
	return true;
}

/* --- add_memory -------------------------------------------------------------------------- */

static void tiny_ranges_are_ignored(void)
{
	uintptr_t a = map_memory(PAGE, 4 * PAGE);
	struct buddy b;

	T_REQUIRE(a);
	buddy_init(&b);
	T_EXPECT_UINT(buddy_add_memory(&b, a, 0), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, a + 5, 100), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, a + 1, PAGE), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, a, PAGE), 0);
	/* None of these may touch memory: page 0 is never used, and ends are clamped. */
	T_EXPECT_UINT(buddy_add_memory(&b, 0, 100), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, 0, PAGE), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, UINTPTR_MAX - 100, 1000), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, UINTPTR_MAX - 100, SIZE_MAX), 0);
	T_EXPECT(b.zones == NULL);
	T_EXPECT_UINT(b.total_pages, 0);
	T_EXPECT_UINT(b.free_pages, 0);
	T_EXPECT(buddy_alloc(&b, 1) == NULL);
	T_EXPECT_INT(buddy_free(&b, (void *)(a + PAGE), 1), -EINVAL);
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

/* Ranges ending at a + 2 pages: 1 page when the metadata fits before it, else none. */
static void metadata_plus_one_page(void)
{
	uintptr_t a = map_memory(PAGE, 2 * PAGE), last_ok = 0, off;
	struct buddy b;
	size_t got;
	void *p;

	T_REQUIRE(a);
	for (off = 0; off < 2 * PAGE; off++) {
		buddy_init(&b);
		got = buddy_add_memory(&b, a + off, 2 * PAGE - off);
		if (got > 1 || (got == 1 && last_ok + 1 != off && off != 0))
			t_fail(__FILE__, __LINE__, "offset %#lx: %zu pages", off, got);
		if (got == 1)
			last_ok = off;
		if (!EXPECT_CONSISTENT(&b))
			break;
		if (got != 1)
			continue;
		p = buddy_alloc(&b, 1);
		T_EXPECT_UINT((uintptr_t)p, a + PAGE);
		T_EXPECT(buddy_alloc(&b, 1) == NULL);
		T_EXPECT_INT(buddy_free(&b, p, 1), 0);
		T_EXPECT_UINT(b.free_pages, 1);
	}
	/* The largest offset leaves exactly the metadata (aligned to 8) before the page. */
	T_EXPECT_UINT(last_ok, PAGE - ONE_PAGE_META);
	unmap_memory(a);
}

static void unaligned_bases_and_lengths(void)
{
	uintptr_t a = map_memory(PAGE, 512 * PAGE), r1 = a + 300 * PAGE, r2 = a + 100 * PAGE;
	struct buddy b;
	size_t got, i;
	uint8_t seen[512] = { 0 };
	uintptr_t p;

	T_REQUIRE(a);
	buddy_init(&b);
	/* Metadata fits in the partial first page: the whole 63-page interior is used. */
	T_EXPECT_UINT(buddy_add_memory(&b, r1 + 123, 64 * PAGE + 77), 63);
	/* 8 bytes before the first page: the metadata takes that page. */
	T_EXPECT_UINT(buddy_add_memory(&b, r2 - 8, 101 * PAGE), 99);
	/* Page aligned with a ragged end: 99 pages, the first holding metadata. */
	T_EXPECT_UINT(buddy_add_memory(&b, a, 99 * PAGE + 100), 98);
	T_EXPECT_UINT(b.total_pages, 63 + 99 + 98);
	T_REQUIRE(b.zones && b.zones->next && b.zones->next->next);
	T_EXPECT(b.zones->region_start < b.zones->next->region_start);
	T_EXPECT(b.zones->next->region_start < b.zones->next->next->region_start);
	EXPECT_CONSISTENT(&b);
	for (got = 0; (p = (uintptr_t)buddy_alloc(&b, 1)); got++) {
		i = (p - a) / PAGE;
		T_REQUIRE(p % PAGE == 0 && p >= a && i < 512 && !seen[i]);
		seen[i] = 1;
		T_EXPECT((p >= a + PAGE && p < a + 99 * PAGE) ||
			 (p >= r2 + PAGE && p < r2 + 100 * PAGE) ||
			 (p >= r1 + PAGE && p < r1 + 64 * PAGE));
	}
	T_EXPECT_UINT(got, b.total_pages);
	for (i = 0; i < 512; i++)
		if (seen[i])
			T_EXPECT_INT(buddy_free(&b, (void *)(a + i * PAGE), 1), 0);
	T_EXPECT_UINT(b.free_pages, b.total_pages);
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

static void overlapping_add_is_rejected(void)
{
	uintptr_t a = map_memory(PAGE, 256 * PAGE), end1 = a + 64 * PAGE + 77;
	struct buddy b;
	struct snapshot s;

	T_REQUIRE(a);
	buddy_init(&b);
	T_EXPECT_UINT(buddy_add_memory(&b, a + 123, 64 * PAGE - 46), 63);
	take_snapshot(&b, &s);
	T_EXPECT_UINT(buddy_add_memory(&b, a + 123, 64 * PAGE - 46), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, a + 32 * PAGE, 64 * PAGE), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, a, 256 * PAGE), 0);
	T_EXPECT_UINT(buddy_add_memory(&b, a, 124), 0);
	/* Overlaps only the ragged tail bytes of the first range. */
	T_EXPECT_UINT(buddy_add_memory(&b, end1 - 1, 64 * PAGE), 0);
	T_EXPECT_UINT(b.total_pages, 63);
	T_EXPECT_UINT(b.free_pages, 63);
	T_EXPECT(b.zones && !b.zones->next);
	T_EXPECT(same_as_snapshot(&b, &s));
	/* Touching is not overlapping. */
	T_EXPECT_UINT(buddy_add_memory(&b, end1, 64 * PAGE), 63);
	T_EXPECT_UINT(buddy_add_memory(&b, a, 123), 0);
	T_EXPECT_UINT(b.total_pages, 126);
	EXPECT_CONSISTENT(&b);
	free(s.blocks);
	unmap_memory(a);
}

/* --- Exact allocation semantics --------------------------------------------------------- */

/* A zone of 1023 pages starting at a 1024-page boundary + 1 (pfn-aligned blocks). */
uintptr_t make_zone(struct buddy *b, size_t *pages)
{
	uintptr_t a = map_memory(1024 * PAGE, 1024 * PAGE);

	buddy_init(b);
	if (a)
		*pages = buddy_add_memory(b, a, 1024 * PAGE);
	return a;
}

static void alignment_and_counts(void)
{
	struct buddy b;
	size_t total = 0, k, used = 0;
	uintptr_t a = make_zone(&b, &total), p[10], q;

	T_REQUIRE(a && total == 1023);
	for (k = 0; k < 10; k++) {
		p[k] = (uintptr_t)buddy_alloc(&b, (size_t)1 << k);
		used += (size_t)1 << k;
		T_REQUIRE(p[k]);
		T_EXPECT_UINT((p[k] >> BUDDY_PAGE_SHIFT) % ((size_t)1 << k), 0);
		T_EXPECT(in_one_zone(&b, p[k], (size_t)1 << k));
		T_EXPECT_UINT(b.free_pages, total - used);
	}
	for (k = 0; k < 10; k++)
		T_EXPECT_INT(buddy_free(&b, (void *)p[k], (size_t)1 << k), 0);
	for (k = 3; k < 600; k += 97) {
		q = (uintptr_t)buddy_alloc(&b, k);
		T_REQUIRE(q && q % PAGE == 0 && in_one_zone(&b, q, k));
		/* Exactly k pages are taken: the rest of the block went back. */
		T_EXPECT_UINT(b.free_pages, total - k);
		EXPECT_CONSISTENT(&b);
		T_EXPECT_INT(buddy_free(&b, (void *)q, k), 0);
	}
	T_EXPECT_UINT(b.free_pages, total);
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

/* Take 10 pages and free them in pieces, each sub-run once: all of b is free again. */
static void free_subruns(struct buddy *b, size_t total)
{
	uintptr_t p = (uintptr_t)buddy_alloc(b, 10);

	T_REQUIRE(p);
	T_EXPECT_INT(buddy_free(b, (void *)(p + 6 * PAGE), 4), 0);
	T_EXPECT_UINT(b->free_pages, total - 6);
	T_EXPECT_INT(buddy_free(b, (void *)(p + 6 * PAGE), 4), -EINVAL);
	T_EXPECT_INT(buddy_free(b, (void *)(p + 2 * PAGE), 2), 0);
	T_EXPECT_UINT(b->free_pages, total - 4);
	EXPECT_CONSISTENT(b);
	T_EXPECT_INT(buddy_free(b, (void *)p, 6), -EINVAL);
	T_EXPECT_INT(buddy_free(b, (void *)p, 2), 0);
	T_EXPECT_INT(buddy_free(b, (void *)(p + 4 * PAGE), 2), 0);
	T_EXPECT_UINT(b->free_pages, total);
	EXPECT_CONSISTENT(b);
}

/*
 * Once on a fresh zone, where the 10 pages come from its tail, then on a zone released
 * in full, whose structure must come back exactly.
 */
static void free_tail_and_middle_subruns(void)
{
	struct buddy b;
	struct snapshot s;
	size_t total = 0;
	uintptr_t a = make_zone(&b, &total);

	T_REQUIRE(a);
	free_subruns(&b, total);
	T_EXPECT(is_canonical(&b));
	T_EXPECT_UINT(exhaust_and_free(&b), total);
	T_EXPECT(all_released(&b) && is_canonical(&b));
	take_snapshot(&b, &s);
	free_subruns(&b, total);
	T_EXPECT(same_as_snapshot(&b, &s));
	free(s.blocks);
	unmap_memory(a);
}

static void bad_frees_change_nothing(void)
{
	struct buddy b;
	struct snapshot s;
	size_t total = 0;
	uintptr_t a = make_zone(&b, &total), p, q;
	int local;

	T_REQUIRE(a);
	p = (uintptr_t)buddy_alloc(&b, 4);
	q = (uintptr_t)buddy_alloc(&b, 1);
	T_REQUIRE(p && q);
	T_EXPECT_INT(buddy_free(&b, (void *)(p + 2 * PAGE), 2), 0);
	take_snapshot(&b, &s);
	EXPECT_FREE_REJECTED(&b, p, 4);			/* partly free */
	EXPECT_FREE_REJECTED(&b, p + 1, 1);		/* unaligned */
	EXPECT_FREE_REJECTED(&b, p + PAGE / 2, 1);
	EXPECT_FREE_REJECTED(&b, p, 0);
	EXPECT_FREE_REJECTED(&b, NULL, 1);
	EXPECT_FREE_REJECTED(&b, a, 1);			/* the zone's metadata page */
	EXPECT_FREE_REJECTED(&b, a + 1024 * PAGE, 1);	/* just past the zone */
	EXPECT_FREE_REJECTED(&b, (uintptr_t)&local & ~(PAGE - 1), 1);
	EXPECT_FREE_REJECTED(&b, q, 2);			/* runs into free pages */
	EXPECT_FREE_REJECTED(&b, q, SIZE_MAX);
	T_EXPECT(same_as_snapshot(&b, &s));
	T_EXPECT_INT(buddy_free(&b, (void *)q, 1), 0);
	EXPECT_FREE_REJECTED(&b, q, 1);			/* double free */
	T_EXPECT_INT(buddy_free(&b, (void *)p, 2), 0);
	T_EXPECT_UINT(b.free_pages, total);
	free(s.blocks);
	unmap_memory(a);
}

static void absurd_requests_fail(void)
{
	struct buddy b;
	size_t total = 0;
	uintptr_t a = make_zone(&b, &total);

	T_REQUIRE(a);
	T_EXPECT(buddy_alloc(&b, 0) == NULL);
	T_EXPECT(buddy_alloc(&b, total + 1) == NULL);
	T_EXPECT(buddy_alloc(&b, SIZE_MAX) == NULL);
	T_EXPECT(buddy_alloc(&b, SIZE_MAX >> BUDDY_PAGE_SHIFT) == NULL);
	T_EXPECT_UINT(b.free_pages, total);
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, total), a + PAGE);
	T_EXPECT(buddy_alloc(&b, 1) == NULL);
	EXPECT_FREE_REJECTED(&b, a + 1023 * PAGE, 2);	/* runs past the zone */
	T_EXPECT_INT(buddy_free(&b, (void *)(a + PAGE), total), 0);
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

static const struct t_case add_cases[] = {
	T_CASE(tiny_ranges_are_ignored), T_CASE(metadata_plus_one_page),
	T_CASE(unaligned_bases_and_lengths), T_CASE(overlapping_add_is_rejected), T_END
};
static const struct t_case alloc_cases[] = {
	T_CASE(alignment_and_counts), T_CASE(free_tail_and_middle_subruns),
	T_CASE(bad_frees_change_nothing), T_CASE(absurd_requests_fail), T_END
};
static const struct t_suite suites[] = {
	{ "buddy.add_memory", add_cases },
	{ "buddy.alloc_free", alloc_cases },
	{ "buddy.long_runs", run_cases },
	{ "buddy.random_traces", trace_cases },
	{ "buddy.exhaustion", exhaust_cases },
	{ "buddy.deferred_release", tail_cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
