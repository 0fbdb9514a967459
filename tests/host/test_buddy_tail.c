// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host tests of lib/alloc-buddy/buddy.c: exhaustion, the checker, and deferred release
 * (pages the allocator has not handed out stay untouched, checked with PROT_NONE pages).
 */
#define HOST_TEST_EXTERN	/* test_buddy.c holds main() and the shared state */
#include <errno.h>
#include <signal.h>
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

/* --- Exhaustion and the checker itself ----------------------------------------------------- */

static void single_pages_until_exhausted(void)
{
	uintptr_t a = map_memory(1024 * PAGE, 1536 * PAGE), *pages = malloc(1536 * sizeof(*pages));
	uint8_t *seen = calloc(1536, 1);
	uint64_t rng = 99;
	size_t round, n, i, j, first_count = 0;
	struct snapshot s;
	struct buddy b;
	uintptr_t p;

	T_REQUIRE(a && pages && seen);
	buddy_init(&b);
	buddy_add_memory(&b, a + 5, 700 * PAGE - 2);
	buddy_add_memory(&b, a + 701 * PAGE + 99, 799 * PAGE - 99);
	s.blocks = NULL;
	for (round = 0; round < 3; round++) {
		for (n = 0; (p = (uintptr_t)buddy_alloc(&b, 1)); n++) {
			T_REQUIRE(n < 1536 && p % PAGE == 0 && !seen[(p - a) / PAGE]);
			seen[(p - a) / PAGE] = 1;
			pages[n] = p;
		}
		T_EXPECT_UINT(n, b.total_pages);
		T_EXPECT_UINT(b.free_pages, 0);
		if (round == 0)
			first_count = n;
		T_EXPECT_UINT(n, first_count);
		for (i = n; i > 0; i--) {	/* free in a shuffled order */
			j = xorshift(&rng) % i;
			p = pages[j];
			pages[j] = pages[i - 1];
			seen[(p - a) / PAGE] = 0;
			T_EXPECT_INT(buddy_free(&b, (void *)p, 1), 0);
			if (i % 64 == 0)
				T_REQUIRE(EXPECT_CONSISTENT(&b));
		}
		T_EXPECT_UINT(b.free_pages, b.total_pages);
		T_EXPECT(all_released(&b) && is_canonical(&b));
		/* Round 0 released everything: later rounds end as it did. */
		if (round == 0)
			take_snapshot(&b, &s);
		T_EXPECT(same_as_snapshot(&b, &s));
	}
	free(s.blocks);
	free(seen);
	free(pages);
	unmap_memory(a);
}

static void check_catches_corruption(void)
{
	struct buddy b;
	size_t total = 0;
	uintptr_t a = make_zone(&b, &total), p = 0;
	struct buddy_zone *z = b.zones;
	struct buddy_free_node *n;

	T_REQUIRE(a && z && exhaust_and_free(&b) == total);	/* for a free order-9 block */
	T_REQUIRE((p = (uintptr_t)buddy_alloc(&b, 5)));
	b.free_pages++;
	EXPECT_CHECK_FAILS(&b);
	b.free_pages--;
	z->allocated[0] ^= 1;		/* a free page marked allocated, or the reverse */
	EXPECT_CHECK_FAILS(&b);
	z->allocated[0] ^= 1;
	z->heads[0][3] ^= 1ull << 7;	/* a head bit with no listed block */
	EXPECT_CHECK_FAILS(&b);
	z->heads[0][3] ^= 1ull << 7;
	n = z->free[9];
	T_REQUIRE(n);
	n->prev = n;
	EXPECT_CHECK_FAILS(&b);
	n->prev = NULL;
	EXPECT_CONSISTENT(&b);
	T_EXPECT_INT(buddy_free(&b, (void *)p, 5), 0);
	unmap_memory(a);
}

/* --- Touches of untouched pages, seen as faults on PROT_NONE pages ------------------------ */

#define MAX_TOUCHES	4096

/*
 * The pages of [guard_lo, guard_hi) start PROT_NONE. A fault on one is a touch by the
 * allocator (the tests open pages before they use them): the handler records the page and
 * opens it, and the access is retried. Any other fault is a real crash.
 */
static uintptr_t guard_lo, guard_hi;
static uintptr_t touched[MAX_TOUCHES];
static volatile size_t ntouched;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t page = (uintptr_t)si->si_addr & ~(PAGE - 1);

	(void)ctx;
	if (page < guard_lo || page >= guard_hi ||
	    mprotect((void *)page, PAGE, PROT_READ | PROT_WRITE)) {
		signal(sig, SIG_DFL);	/* the retried access crashes as it would have */
		return;
	}
	if (ntouched < MAX_TOUCHES)
		touched[ntouched] = page;
	ntouched++;
}

static bool guard(uintptr_t lo, uintptr_t hi)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	guard_lo = lo;
	guard_hi = hi;
	ntouched = 0;
	return sigaction(SIGSEGV, &sa, NULL) == 0 &&
	       mprotect((void *)lo, hi - lo, PROT_NONE) == 0;
}

static void unguard(void)
{
	signal(SIGSEGV, SIG_DFL);
	mprotect((void *)guard_lo, guard_hi - guard_lo, PROT_READ | PROT_WRITE);
	guard_lo = guard_hi = 0;
}

/* Open pages handed out before the test writes to them. */
static void open_pages(uintptr_t p, size_t n)
{
	T_REQUIRE(mprotect((void *)p, n * PAGE, PROT_READ | PROT_WRITE) == 0);
}

/* Fresh anonymous memory: len bytes at an address equal to off modulo align. */
static uintptr_t map_fresh(size_t align, size_t off, size_t len, void **map, size_t *maplen)
{
	uintptr_t up;

	*maplen = len + align;
	*map = mmap(NULL, *maplen, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (*map == MAP_FAILED) {
		fprintf(stderr, "    skipped: cannot map %zu MiB\n", *maplen / MIB);
		return 0;
	}
	/* The lowest a >= map with a + up aligned, where up = align - off. */
	up = align - off;
	return (((uintptr_t)*map + up + align - 1) & ~(align - 1)) - up;
}

/*
 * 2048 pages whose metadata takes the first page, so that the managed pages start at a
 * 1024-page boundary: listing, or splitting, a large block there would write to pages
 * 1, 2, 4, ... 512 after it.
 */
#define GUARDED_PAGES	2048

static uintptr_t add_guarded_zone(struct buddy *b, void **map, size_t *maplen)
{
	uintptr_t a = map_fresh(1024 * PAGE, 1023 * PAGE, GUARDED_PAGES * PAGE, map, maplen);

	buddy_init(b);
	if (!a || buddy_add_memory(b, a, GUARDED_PAGES * PAGE) != GUARDED_PAGES - 1 ||
	    (b->zones->start_pfn << BUDDY_PAGE_SHIFT) != a + PAGE)
		return 0;
	return a;
}

/* add_memory, then a first 1-page alloc: no page touched but the one handed out. */
static void untouched_until_handed_out(void)
{
	struct buddy b;
	size_t maplen;
	void *map;
	uintptr_t a = add_guarded_zone(&b, &map, &maplen), first, end, p;

	T_REQUIRE(a);
	first = b.zones->start_pfn << BUDDY_PAGE_SHIFT;
	end = a + GUARDED_PAGES * PAGE;
	/* Every page after the first allocatable one, before the zone is added again. */
	T_REQUIRE(guard(first + PAGE, end));
	buddy_init(&b);
	T_EXPECT_UINT(buddy_add_memory(&b, a, GUARDED_PAGES * PAGE), GUARDED_PAGES - 1);
	T_EXPECT_UINT(ntouched, 0);
	p = (uintptr_t)buddy_alloc(&b, 1);
	T_EXPECT_UINT(p, first);
	T_EXPECT_UINT(ntouched, 0);
	T_EXPECT_UINT(b.free_pages, GUARDED_PAGES - 2);
	EXPECT_CONSISTENT(&b);
	T_EXPECT_UINT(ntouched, 0);
	memset((void *)p, 0x5a, PAGE);
	/* The next page is handed out next, again with nothing else touched. */
	p = (uintptr_t)buddy_alloc(&b, 1);
	T_EXPECT_UINT(p, first + PAGE);
	T_EXPECT_UINT(ntouched, 1);	/* the list links, in the page handed out */
	unguard();
	munmap(map, maplen);
}

/* The order of the block n pages need: the smallest k with 2^k >= n. */
static size_t ceil_order(size_t n)
{
	size_t k = 0;

	while (((size_t)1 << k) < n)
		k++;
	return k;
}

/* Is page q inside a run handed out, [runs[i], runs[i] + sizes[i] pages)? */
static bool handed_out(uintptr_t q, const uintptr_t *runs, const size_t *sizes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (q >= runs[i] && q < runs[i] + sizes[i] * PAGE)
			return true;
	return false;
}

/*
 * Mixed requests, then frees and the same requests again. The allocator touches pages it
 * has not handed out only in alignment prefixes and where it splits their blocks (a few
 * per request), never above the highest page handed out; freed pages serve the second
 * round without any tail page released or touched.
 */
static void touches_follow_handouts(void)
{
	static const size_t sizes[] = { 1, 3, 8, 1, 2, 100, 1, 600, 5, 64, 1, 17 };
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	uintptr_t runs[N], top = 0, first, tail;
	size_t maplen, i, j, extra = 0, bound = 0;
	struct buddy b;
	void *map;
	uintptr_t a = add_guarded_zone(&b, &map, &maplen);

	T_REQUIRE(a);
	first = b.zones->start_pfn << BUDDY_PAGE_SHIFT;
	T_REQUIRE(guard(first, a + GUARDED_PAGES * PAGE));
	for (i = 0; i < N; i++) {
		runs[i] = (uintptr_t)buddy_alloc(&b, sizes[i]);
		T_REQUIRE(runs[i]);
		top = runs[i] + sizes[i] * PAGE > top ? runs[i] + sizes[i] * PAGE : top;
		bound += ceil_order(sizes[i]) + 1;
		open_pages(runs[i], sizes[i]);
		memset((void *)runs[i], (int)i, sizes[i] * PAGE);
	}
	T_REQUIRE(ntouched <= MAX_TOUCHES);
	for (j = 0; j < ntouched; j++) {
		if (touched[j] >= top)
			t_fail(__FILE__, __LINE__, "page %#lx touched above the pages handed out",
			       touched[j]);
		extra += !handed_out(touched[j], runs, sizes, N);
	}
	T_EXPECT(extra <= bound);
	fprintf(stderr, "    %zu pages touched, %zu of them not handed out\n", ntouched, extra);
	EXPECT_CONSISTENT(&b);
	for (i = 0; i < N; i++)
		T_EXPECT_INT(buddy_free(&b, (void *)runs[i], sizes[i]), 0);
	T_EXPECT(is_canonical(&b));
	tail = b.zones->tail;
	for (i = 0; i < N; i++) {
		runs[i] = (uintptr_t)buddy_alloc(&b, sizes[i]);
		T_EXPECT(runs[i] && runs[i] + sizes[i] * PAGE <= top);
	}
	T_EXPECT_UINT(b.zones->tail, tail);
	for (j = 0; j < ntouched && j < MAX_TOUCHES; j++)
		T_EXPECT(touched[j] < top);
	EXPECT_CONSISTENT(&b);
	unguard();
	munmap(map, maplen);
}

/* 1 GiB out of [1 MiB, 2 GiB - 128 KiB), all in the tail: only pages of the run written. */
static void big_run_touches_only_the_run(void)
{
	size_t maplen, total, n = GIB / PAGE, j;
	uintptr_t a, p, first;
	struct buddy b;
	void *map;

	a = map_fresh(2 * GIB, 0, 2 * GIB, &map, &maplen);
	if (!a)
		return;
	buddy_init(&b);
	total = buddy_add_memory(&b, a + MIB, 2 * GIB - 128 * 1024 - MIB);
	T_REQUIRE(total && b.zones);
	first = b.zones->start_pfn << BUDDY_PAGE_SHIFT;
	T_REQUIRE(guard(first, a + 2 * GIB));
	p = (uintptr_t)buddy_alloc(&b, n);
	T_REQUIRE(p && in_one_zone(&b, p, n));
	T_EXPECT(ntouched > 0 && ntouched <= 2 * BUDDY_MAX_ORDER);
	for (j = 0; j < ntouched && j < MAX_TOUCHES; j++)
		T_EXPECT(touched[j] >= p && touched[j] < p + GIB);
	T_EXPECT_UINT(b.free_pages, total - n);
	EXPECT_CONSISTENT(&b);
	T_EXPECT_INT(buddy_free(&b, (void *)p, n), 0);
	EXPECT_CONSISTENT(&b);
	unguard();
	munmap(map, maplen);
}

/* --- The tail: frees, the release order, the checker ----------------------------------- */

static void tail_frees_are_rejected(void)
{
	struct buddy b;
	struct snapshot s;
	size_t total = 0;
	uintptr_t a = make_zone(&b, &total), p;

	T_REQUIRE(a);
	p = (uintptr_t)buddy_alloc(&b, 1);
	T_REQUIRE(p == a + PAGE && b.zones->tail == ((a + 2 * PAGE) >> BUDDY_PAGE_SHIFT));
	take_snapshot(&b, &s);
	EXPECT_FREE_REJECTED(&b, a + 2 * PAGE, 1);	/* the first page of the tail */
	EXPECT_FREE_REJECTED(&b, a + 1023 * PAGE, 1);	/* the zone's last page */
	EXPECT_FREE_REJECTED(&b, a + 512 * PAGE, 4);
	EXPECT_FREE_REJECTED(&b, a + 2 * PAGE, total - 1);
	EXPECT_FREE_REJECTED(&b, p, 2);			/* runs into the tail */
	EXPECT_FREE_REJECTED(&b, p, total);
	T_EXPECT(same_as_snapshot(&b, &s));
	T_EXPECT_UINT(b.free_pages, total - 1);
	T_EXPECT_INT(buddy_free(&b, (void *)p, 1), 0);
	EXPECT_FREE_REJECTED(&b, p, 1);			/* released, free: a double free */
	T_EXPECT_UINT(b.free_pages, total);
	T_EXPECT(is_canonical(&b));
	free(s.blocks);
	unmap_memory(a);
}

static uintptr_t tail_of(const struct buddy *b)
{
	return b->zones->tail << BUDDY_PAGE_SHIFT;
}

/* The zone starts at page a + 1 of a 1024-page boundary a (make_zone). */
static void release_order(void)
{
	struct buddy b;
	size_t total = 0;
	uintptr_t a = make_zone(&b, &total);

	T_REQUIRE(a);
	T_EXPECT_UINT(tail_of(&b), a + PAGE);
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 1), a + PAGE);
	T_EXPECT_UINT(tail_of(&b), a + 2 * PAGE);
	/* Aligned to 4 pages: the prefix page a + 2 (one block of 2 pages) is released. */
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 4), a + 4 * PAGE);
	T_EXPECT_UINT(tail_of(&b), a + 8 * PAGE);
	T_EXPECT(b.zones->free[1] && !b.zones->free[1]->next);
	/* The prefix serves small requests; the tail does not move. */
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 1), a + 2 * PAGE);
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 1), a + 3 * PAGE);
	T_EXPECT_UINT(tail_of(&b), a + 8 * PAGE);
	/* Exactly n pages leave the tail: nothing split off behind them. */
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 3), a + 8 * PAGE);
	T_EXPECT_UINT(tail_of(&b), a + 11 * PAGE);
	T_EXPECT(b.zones->nonempty == 0);
	/* A released free page next to the tail merges with it: the release stops there. */
	T_EXPECT_INT(buddy_free(&b, (void *)(a + 10 * PAGE), 1), 0);
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 2), a + 10 * PAGE);
	T_EXPECT_UINT(tail_of(&b), a + 12 * PAGE);
	T_EXPECT_UINT(b.free_pages, total - 12 + 1);
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

/* The lowest zone whose tail holds the request at its alignment, whatever the add order. */
static void lowest_zone_first(void)
{
	uintptr_t a = map_memory(1024 * PAGE, 2048 * PAGE);
	struct buddy b;

	T_REQUIRE(a);
	buddy_init(&b);
	T_EXPECT_UINT(buddy_add_memory(&b, a + 1024 * PAGE, 1024 * PAGE), 1023);
	T_EXPECT_UINT(buddy_add_memory(&b, a, 1024 * PAGE), 1023);
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 1), a + PAGE);
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 512), a + 512 * PAGE);
	/* No 512-page boundary with room left below: the upper zone's tail. */
	T_EXPECT_UINT((uintptr_t)buddy_alloc(&b, 300), a + 1536 * PAGE);
	T_EXPECT_UINT(b.zones->next->tail, ((a + 1836 * PAGE) >> BUDDY_PAGE_SHIFT));
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

static void check_catches_tail_corruption(void)
{
	struct buddy b;
	size_t total = 0;
	uintptr_t a = make_zone(&b, &total), tail;
	struct buddy_zone *z = b.zones;

	T_REQUIRE(a && buddy_alloc(&b, 1) == (void *)(a + PAGE));
	T_REQUIRE(buddy_alloc(&b, 4) == (void *)(a + 4 * PAGE));
	tail = z->tail;			/* a + 8 pages */
	EXPECT_CONSISTENT(&b);
	z->tail = z->start_pfn - 1;
	EXPECT_CHECK_FAILS(&b);
	z->tail = z->start_pfn + z->npages + 1;
	EXPECT_CHECK_FAILS(&b);
	z->tail = tail - 1;		/* an allocated page in the tail */
	EXPECT_CHECK_FAILS(&b);
	T_EXPECT_INT(buddy_free(&b, (void *)(a + 4 * PAGE), 4), 0);
	z->tail = tail - 2;		/* the free block at a + 4 pages reaches into it */
	EXPECT_CHECK_FAILS(&b);
	z->tail = tail;
	z->allocated[0] |= 1ull << 40;	/* a tail page marked allocated */
	b.free_pages--;
	EXPECT_CHECK_FAILS(&b);
	z->allocated[0] &= ~(1ull << 40);
	b.free_pages++;
	EXPECT_CONSISTENT(&b);
	unmap_memory(a);
}

const struct t_case exhaust_cases[] = {
	T_CASE(single_pages_until_exhausted), T_CASE(check_catches_corruption), T_END
};
const struct t_case tail_cases[] = {
	T_CASE(untouched_until_handed_out), T_CASE(touches_follow_handouts),
	T_CASE(big_run_touches_only_the_run), T_CASE(tail_frees_are_rejected),
	T_CASE(release_order), T_CASE(lowest_zone_first),
	T_CASE(check_catches_tail_corruption), T_END
};
