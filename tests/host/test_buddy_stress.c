// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/alloc-buddy/buddy.c: long runs and random traces. */
#define HOST_TEST_EXTERN	/* test_buddy.c holds main() and the shared state */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "buddy.h"
#include "host_test.h"
#include "buddy_test_util.h"

#define MIB		(1ul << 20)
#define GIB		(1ul << 30)

/* --- Long runs that no single aligned block holds ---------------------------------------- */

/*
 * The case of allocating 1 GiB when the free memory is [1 MiB, 2 GiB - 128 KiB), scaled
 * down 64 times: 16 MiB out of [16 KiB, 32 MiB - 2 KiB). No aligned 16 MiB block fits.
 */
static size_t add_scaled_zone(struct buddy *b, uintptr_t a)
{
	buddy_init(b);
	return buddy_add_memory(b, a + 4 * PAGE, 8188 * PAGE - 2048);
}

static uintptr_t make_scaled_zone(struct buddy *b, size_t *pages)
{
	uintptr_t a = map_memory(8192 * PAGE, 8192 * PAGE);

	if (a)
		*pages = add_scaled_zone(b, a);
	return a;
}

static void run_not_naturally_aligned(void)
{
	struct buddy b;
	struct snapshot s;
	size_t total = 0, rest;
	uintptr_t a = make_scaled_zone(&b, &total), p, q;

	T_REQUIRE(a);
	T_EXPECT_UINT(total, 8186);	/* [a + 5 pages, a + 8191 pages) */
	/* The initial state: a zone on which every page was allocated and freed once. */
	T_EXPECT_UINT(exhaust_and_free(&b), total);
	take_snapshot(&b, &s);
	T_EXPECT(all_released(&b) && is_canonical(&b));
	T_EXPECT_UINT(add_scaled_zone(&b, a), total);	/* fresh again, all in the tail */
	p = (uintptr_t)buddy_alloc(&b, 4096);
	T_REQUIRE(p);
	T_EXPECT(in_one_zone(&b, p, 4096));
	T_EXPECT_UINT(b.free_pages, total - 4096);
	EXPECT_CONSISTENT(&b);
	rest = b.free_pages;
	T_EXPECT(buddy_alloc(&b, 4096) == NULL);
	T_EXPECT(buddy_alloc(&b, rest + 1) == NULL);
	q = (uintptr_t)buddy_alloc(&b, rest);
	T_REQUIRE(q);
	T_EXPECT(in_one_zone(&b, q, rest));
	T_EXPECT(q + rest * PAGE <= p || p + 4096 * PAGE <= q);
	T_EXPECT_UINT(b.free_pages, 0);
	T_EXPECT(buddy_alloc(&b, 1) == NULL);
	T_EXPECT_INT(buddy_free(&b, (void *)p, 4096), 0);
	T_EXPECT_INT(buddy_free(&b, (void *)q, rest), 0);
	EXPECT_CONSISTENT(&b);
	T_EXPECT(same_as_snapshot(&b, &s));
	free(s.blocks);
	unmap_memory(a);
}

/* Enough free pages but one allocated page in the way: only runs that fit succeed. */
static void run_needs_contiguous_pages(void)
{
	struct buddy b;
	size_t total = 0;
	uintptr_t a = make_scaled_zone(&b, &total), p, q, r;

	T_REQUIRE(a);
	p = (uintptr_t)buddy_alloc(&b, 4096);
	T_REQUIRE(p == a + 5 * PAGE);
	T_EXPECT_INT(buddy_free(&b, (void *)p, 2000), 0);
	T_EXPECT_INT(buddy_free(&b, (void *)(p + 2001 * PAGE), 2095), 0);
	T_EXPECT_UINT(b.free_pages, total - 1);
	T_EXPECT(buddy_alloc(&b, total - 2000) == NULL);
	q = (uintptr_t)buddy_alloc(&b, total - 2001);
	T_EXPECT_UINT(q, p + 2001 * PAGE);
	T_EXPECT(buddy_alloc(&b, 2001) == NULL);
	r = (uintptr_t)buddy_alloc(&b, 2000);
	T_EXPECT_UINT(r, p);
	T_EXPECT_UINT(b.free_pages, 0);
	EXPECT_CONSISTENT(&b);
	T_EXPECT_INT(buddy_free(&b, (void *)q, total - 2001), 0);
	T_EXPECT_INT(buddy_free(&b, (void *)r, 2001), 0);
	T_EXPECT_UINT(b.free_pages, total);
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

static void runs_stay_in_one_zone(void)
{
	uintptr_t a = map_memory(1024 * PAGE, 2048 * PAGE), p;
	struct buddy b;

	T_REQUIRE(a);
	buddy_init(&b);
	T_EXPECT_UINT(buddy_add_memory(&b, a + 1024 * PAGE, 1024 * PAGE), 1023);
	T_EXPECT_UINT(buddy_add_memory(&b, a, 1024 * PAGE), 1023);
	T_EXPECT(buddy_alloc(&b, 1024) == NULL);
	p = (uintptr_t)buddy_alloc(&b, 1023);
	T_EXPECT(p == a + PAGE || p == a + 1025 * PAGE);
	T_EXPECT(buddy_alloc(&b, 1000) != NULL);
	T_EXPECT_UINT(b.free_pages, 23);
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

/*
 * Full-size cases in reserved, untouched address space: the allocator writes only its
 * metadata and the first page of each free block, so little memory is really used.
 */
static uintptr_t reserve(size_t align, size_t len, void **map, size_t *maplen)
{
	*maplen = len + align;
	*map = mmap(NULL, *maplen, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (*map == MAP_FAILED) {
		fprintf(stderr, "    skipped: cannot reserve %zu GiB of address space\n",
			*maplen / GIB);
		return 0;
	}
	return ((uintptr_t)*map + align - 1) & ~(align - 1);
}

/* The brief's case itself: 1 GiB when [1 MiB, 2 GiB - 128 KiB) is free. */
static void one_gib_below_two_gib(void)
{
	size_t maplen, total;
	struct buddy b;
	uintptr_t a, p;
	void *map;

	a = reserve(2 * GIB, 2 * GIB, &map, &maplen);
	if (!a)
		return;
	buddy_init(&b);
	total = buddy_add_memory(&b, a + MIB, 2 * GIB - 128 * 1024 - MIB);
	T_EXPECT(total > (2 * GIB - 2 * MIB) / PAGE);
	p = (uintptr_t)buddy_alloc(&b, GIB / PAGE);
	T_EXPECT(p && in_one_zone(&b, p, GIB / PAGE));
	T_EXPECT_UINT(b.free_pages, total - GIB / PAGE);
	T_EXPECT(buddy_alloc(&b, b.free_pages + 1) == NULL);
	EXPECT_CONSISTENT(&b);
	T_EXPECT_INT(buddy_free(&b, (void *)p, GIB / PAGE), 0);
	T_EXPECT_UINT(b.free_pages, total);
	EXPECT_CONSISTENT(&b);
	munmap(map, maplen);
}

/*
 * 5 GiB: longer than the largest block, found around a 4 GiB block once the zone is all
 * released (by taking all of it at once: its tail is released as one run).
 */
static void run_longer_than_max_block(void)
{
	size_t maplen, total, n = ((size_t)1 << BUDDY_MAX_ORDER) + ((size_t)1 << 18);
	struct buddy b;
	uintptr_t a, p;
	void *map;

	a = reserve(4 * GIB, 10 * GIB, &map, &maplen);
	if (!a)
		return;
	buddy_init(&b);
	/* [a + 4 GiB - 1 MiB - 5, a + 9 GiB + 12): one 4 GiB block and 1 GiB after it */
	total = buddy_add_memory(&b, a + 4 * GIB - MIB - 5, 5 * GIB + MIB + 17);
	p = (uintptr_t)buddy_alloc(&b, total);
	T_REQUIRE(p && b.zones && all_released(&b));
	T_EXPECT_INT(buddy_free(&b, (void *)p, total), 0);
	T_REQUIRE(b.zones->free[BUDDY_MAX_ORDER] && is_canonical(&b));
	p = (uintptr_t)buddy_alloc(&b, n);
	T_EXPECT(p && in_one_zone(&b, p, n));
	T_EXPECT_UINT(b.free_pages, total - n);
	EXPECT_CONSISTENT(&b);
	T_EXPECT(buddy_alloc(&b, (size_t)1 << BUDDY_MAX_ORDER) == NULL);
	T_EXPECT_INT(buddy_free(&b, (void *)p, n), 0);
	T_EXPECT(buddy_alloc(&b, total + 1) == NULL);
	p = (uintptr_t)buddy_alloc(&b, total);
	T_EXPECT(p && b.free_pages == 0);
	T_EXPECT_INT(buddy_free(&b, (void *)p, total), 0);
	T_EXPECT_UINT(b.free_pages, total);
	EXPECT_CONSISTENT(&b);
	munmap(map, maplen);
}

/* --- Randomized traces checked against a shadow map --------------------------------------- */

#define RT_PAGES	4096	/* 16 MiB of host memory */
#define RT_STEPS	5000

struct piece {
	uintptr_t addr;
	size_t n;
	uint64_t id;
};

struct trace {
	struct buddy b;
	uintptr_t mem;
	uint64_t owner[RT_PAGES];	/* id of the live piece holding each page, or 0 */
	struct piece live[RT_PAGES];
	size_t nlive, live_pages;
	uint64_t rng, next_id;
};

static uint64_t pattern_word(uint64_t id, size_t page, size_t word)
{
	return id * 0x9e3779b97f4a7c15ull ^ (uint64_t)page << 24 ^ word;
}

/* First and last page in full, the first two words of the others. */
static size_t pattern_words(size_t page, size_t n)
{
	return page == 0 || page == n - 1 ? PAGE / 8 : 2;
}

static void fill_piece(const struct piece *pc)
{
	size_t i, w;

	for (i = 0; i < pc->n; i++)
		for (w = 0; w < pattern_words(i, pc->n); w++)
			((uint64_t *)(pc->addr + i * PAGE))[w] = pattern_word(pc->id, i, w);
}

static bool piece_intact(const struct piece *pc)
{
	size_t i, w;

	for (i = 0; i < pc->n; i++)
		for (w = 0; w < pattern_words(i, pc->n); w++)
			if (((uint64_t *)(pc->addr + i * PAGE))[w] != pattern_word(pc->id, i, w))
				return false;
	return true;
}

static void own_piece(struct trace *t, uintptr_t addr, size_t n, size_t slot)
{
	struct piece *pc = &t->live[slot];
	size_t i;

	pc->addr = addr;
	pc->n = n;
	pc->id = ++t->next_id;
	for (i = 0; i < n; i++)
		t->owner[(addr - t->mem) / PAGE + i] = pc->id;
	fill_piece(pc);
}

static size_t longest_free_run(const struct trace *t)
{
	const struct buddy_zone *z;
	size_t best = 0, run, i, first;

	for (z = t->b.zones; z; z = z->next) {
		first = ((z->start_pfn << BUDDY_PAGE_SHIFT) - t->mem) / PAGE;
		for (run = 0, i = 0; i < z->npages; i++) {
			run = t->owner[first + i] ? 0 : run + 1;
			best = run > best ? run : best;
		}
	}
	return best;
}

/* Mostly small counts, sometimes up to 600 pages. */
static size_t random_count(uint64_t *rng)
{
	uint64_t r = xorshift(rng);

	if (r % 10 < 6)
		return 1 + (r >> 8) % 8;
	if (r % 10 < 9)
		return 1 + (r >> 8) % 64;
	return 1 + (r >> 8) % 600;
}

static bool trace_alloc(struct trace *t)
{
	size_t n = random_count(&t->rng), i, first;
	uintptr_t p = (uintptr_t)buddy_alloc(&t->b, n);

	if (!p) {
		if (longest_free_run(t) < n)
			return true;
		t_fail(__FILE__, __LINE__, "%zu pages refused, a free run is that long", n);
		return false;
	}
	first = (p - t->mem) / PAGE;
	if (p % PAGE || p < t->mem || !in_one_zone(&t->b, p, n)) {
		t_fail(__FILE__, __LINE__, "%#lx + %zu pages is outside the zones", p, n);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (t->owner[first + i]) {
			t_fail(__FILE__, __LINE__, "%#lx + %zu pages overlaps a live piece", p, n);
			return false;
		}
	}
	own_piece(t, p, n, t->nlive++);
	t->live_pages += n;
	return true;
}

/* Free a random live piece: whole, its tail, or a run in the middle; keep the rest. */
static bool trace_free(struct trace *t)
{
	size_t j = xorshift(&t->rng) % t->nlive, off = 0, m, i;
	struct piece pc = t->live[j];
	uint64_t r = xorshift(&t->rng);

	if (!piece_intact(&pc)) {
		t_fail(__FILE__, __LINE__, "piece %lu at %#lx was overwritten", pc.id, pc.addr);
		return false;
	}
	m = pc.n;
	if (r % 4 == 2) {
		m = 1 + (r >> 8) % pc.n;
		off = pc.n - m;
	} else if (r % 4 == 3) {
		off = (r >> 8) % pc.n;
		m = 1 + (r >> 32) % (pc.n - off);
	}
	if (buddy_free(&t->b, (void *)(pc.addr + off * PAGE), m) != 0 ||
	    buddy_free(&t->b, (void *)(pc.addr + off * PAGE), m) != -EINVAL) {
		t_fail(__FILE__, __LINE__, "free of %zu pages at %#lx", m, pc.addr + off * PAGE);
		return false;
	}
	for (i = 0; i < m; i++)
		t->owner[(pc.addr - t->mem) / PAGE + off + i] = 0;
	t->live_pages -= m;
	t->live[j] = t->live[--t->nlive];
	if (off)
		own_piece(t, pc.addr, off, t->nlive++);
	if (off + m < pc.n)
		own_piece(t, pc.addr + (off + m) * PAGE, pc.n - off - m, t->nlive++);
	return true;
}

/* A page no live piece holds (free, in a tail, or metadata) cannot be freed. */
static bool trace_bad_free(struct trace *t)
{
	size_t i = xorshift(&t->rng) % RT_PAGES;
	uintptr_t p = t->mem + i * PAGE;

	if (t->owner[i] || buddy_free(&t->b, (void *)p, 1) == -EINVAL)
		return true;
	t_fail(__FILE__, __LINE__, "free of the unallocated page %#lx accepted", p);
	return false;
}

static bool trace_step(struct trace *t)
{
	uint64_t r = xorshift(&t->rng) % 100;
	bool ok;

	if (r < 5)
		ok = trace_bad_free(t);
	else if (!t->nlive || r < 55)
		ok = trace_alloc(t);
	else
		ok = trace_free(t);
	if (ok && t->b.free_pages != t->b.total_pages - t->live_pages) {
		t_fail(__FILE__, __LINE__, "free_pages %zu, expected %zu", t->b.free_pages,
		       t->b.total_pages - t->live_pages);
		ok = false;
	}
	return ok && EXPECT_CONSISTENT(&t->b);
}

/* Three zones, added out of order, fresh: all their pages in the tails. */
static void add_trace_zones(struct trace *t)
{
	buddy_init(&t->b);
	buddy_add_memory(&t->b, t->mem + 2900 * PAGE + 4095, 1196 * PAGE - 7095);
	buddy_add_memory(&t->b, t->mem + 777, 1100 * PAGE + 3544);
	buddy_add_memory(&t->b, t->mem + 1103 * PAGE + 17, 1797 * PAGE + 83);
}

static void run_trace(uint64_t seed)
{
	struct trace *t = calloc(1, sizeof(*t));
	struct snapshot s;
	size_t step;

	T_REQUIRE(t);
	t->mem = map_memory(1024 * PAGE, RT_PAGES * PAGE);
	T_REQUIRE(t->mem);
	t->rng = seed;
	/* The initial state: the zones after every page was allocated and freed once. */
	add_trace_zones(t);
	T_EXPECT_UINT(exhaust_and_free(&t->b), t->b.total_pages);
	take_snapshot(&t->b, &s);
	add_trace_zones(t);
	T_EXPECT(t->b.total_pages > RT_PAGES - 16);
	T_REQUIRE(zones_inside(&t->b, t->mem, t->mem + RT_PAGES * PAGE));
	for (step = 0; step < RT_STEPS; step++)
		if (!trace_step(t))
			break;
	while (t->nlive && step == RT_STEPS) {
		struct piece pc = t->live[--t->nlive];

		T_EXPECT(piece_intact(&pc));
		T_EXPECT_INT(buddy_free(&t->b, (void *)pc.addr, pc.n), 0);
	}
	T_EXPECT_UINT(t->b.free_pages, t->b.total_pages);
	T_EXPECT(is_canonical(&t->b));
	T_EXPECT_UINT(exhaust_and_free(&t->b), t->b.total_pages);
	T_EXPECT(same_as_snapshot(&t->b, &s));
	EXPECT_CONSISTENT(&t->b);
	free(s.blocks);
	unmap_memory(t->mem);
	free(t);
}

static void trace_seed_1(void) { run_trace(0x1234567887654321ull); }
static void trace_seed_2(void) { run_trace(0xdeadbeefcafef00dull); }
static void trace_seed_3(void) { run_trace(42); }
static void trace_seed_4(void) { run_trace(0x0123456789abcdefull); }

const struct t_case run_cases[] = {
	T_CASE(run_not_naturally_aligned), T_CASE(run_needs_contiguous_pages),
	T_CASE(runs_stay_in_one_zone), T_CASE(one_gib_below_two_gib),
	T_CASE(run_longer_than_max_block), T_END
};
const struct t_case trace_cases[] = {
	T_CASE(trace_seed_1), T_CASE(trace_seed_2), T_CASE(trace_seed_3), T_CASE(trace_seed_4),
	T_END
};
