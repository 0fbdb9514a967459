// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/alloc-tlsf/tlsf.c under load: growth, random traces, fragmentation. */
#define HOST_TEST_EXTERN	/* test_tlsf.c holds main() and the shared state */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "host_test.h"
#include "tlsf.h"
#include "tlsf_test_util.h"

/* --- Suite growth ---------------------------------------------------------------------- */

static void huge_request_grows_then_shrinks(void)
{
	struct host_pages hp;
	struct tlsf t;
	unsigned char *p;

	growing_setup(&t, &hp, 256 * KIB);
	p = tlsf_malloc(&t, 1024 * MIB);
	T_REQUIRE(p);
	T_EXPECT_INT(hp.grows, 1);
	T_EXPECT(hp.last_min >= 1024 * MIB);
	T_EXPECT(hp.last_min < 1024 * MIB + PAGE);	/* a pool of its own, not rounded up */
	p[0] = 1;
	p[1024 * MIB - 1] = 2;
	EXPECT_HEAP_OK(&t);
	T_EXPECT_INT(tlsf_free(&t, p), 0);
	T_EXPECT_INT(hp.shrinks, 1);
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 0);
	T_EXPECT_UINT(tlsf_free_bytes(&t), 0);
	T_EXPECT_INT(hp.nlive, 0);
	EXPECT_HEAP_OK(&t);
	growing_teardown(&hp);
}

static void reserve_pool_stops_thrashing(void)
{
	struct host_pages hp;
	struct tlsf t;
	void *p[3];

	growing_setup(&t, &hp, 64 * KIB);
	for (int i = 0; i < 1000; i++) {
		p[0] = tlsf_malloc(&t, 64);
		T_REQUIRE(p[0]);
		T_EXPECT_INT(tlsf_free(&t, p[0]), 0);
	}
	T_EXPECT_INT(hp.grows, 1);
	T_EXPECT_INT(hp.shrinks, 0);
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 64 * KIB);
	/* Three half-chunk blocks need three pools; once free, one stays as the reserve. */
	for (int i = 0; i < 3; i++)
		p[i] = tlsf_malloc(&t, 32 * KIB);
	T_REQUIRE(p[0] && p[1] && p[2]);
	T_EXPECT_INT(hp.grows, 3);
	EXPECT_HEAP_OK(&t);
	for (int i = 0; i < 3; i++)
		T_EXPECT_INT(tlsf_free(&t, p[i]), 0);
	T_EXPECT_INT(hp.shrinks, 2);
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 64 * KIB);
	expect_all_free(__LINE__, &t, 64 * KIB - TLSF_POOL_OVERHEAD);
	growing_teardown(&hp);
}

/* Of two empty pools within reserve_max, the larger one is kept. */
static void reserve_keeps_the_larger_pool(void)
{
	struct host_pages hp;
	struct tlsf t;
	void *small, *big;

	growing_setup(&t, &hp, 16 * KIB);
	tlsf_set_reserve_max(&t, 64 * KIB);
	small = tlsf_malloc(&t, 100);
	hp.chunk = 64 * KIB;
	big = tlsf_malloc(&t, 20 * KIB);
	T_REQUIRE(small && big);
	T_EXPECT_INT(hp.grows, 2);
	T_EXPECT_INT(tlsf_free(&t, small), 0);
	T_EXPECT_INT(hp.shrinks, 0);			/* the 16 KiB pool is the reserve */
	T_EXPECT_INT(tlsf_free(&t, big), 0);
	T_EXPECT_INT(hp.shrinks, 1);			/* replaced by the 64 KiB one */
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 64 * KIB);
	T_EXPECT(tlsf_malloc(&t, 40 * KIB) != NULL);	/* served by the reserve */
	T_EXPECT_INT(hp.grows, 2);
	EXPECT_HEAP_OK(&t);
	growing_teardown(&hp);
}

static void added_pools_never_shrink(void)
{
	struct host_pages hp;
	struct tlsf t;
	unsigned char *arena = aligned_alloc(64, 128 * KIB);
	void *p;

	growing_setup(&t, &hp, 64 * KIB);
	tlsf_set_reserve_max(&t, 0);			/* no reserve: empty grown pools go */
	T_EXPECT_INT(tlsf_add_pool(&t, arena, 128 * KIB), 0);
	p = tlsf_malloc(&t, 1000);
	T_REQUIRE(p);
	T_EXPECT_INT(tlsf_free(&t, p), 0);
	p = tlsf_malloc(&t, 200 * KIB);			/* does not fit the arena */
	T_REQUIRE(p);
	T_EXPECT_INT(hp.grows, 1);
	T_EXPECT_INT(tlsf_free(&t, p), 0);
	T_EXPECT_INT(hp.shrinks, 1);
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 128 * KIB);
	expect_all_free(__LINE__, &t, 128 * KIB - TLSF_POOL_OVERHEAD);
	growing_teardown(&hp);
	free(arena);
}

static void grow_failure_is_null(void)
{
	struct host_pages hp;
	struct tlsf t;

	growing_setup(&t, &hp, 64 * KIB);
	hp.fail = true;
	T_EXPECT(!tlsf_malloc(&t, 100));
	T_EXPECT(!tlsf_memalign(&t, 4096, 100));
	T_EXPECT_INT(hp.grows, 2);
	hp.grows = 0;
	T_EXPECT(!tlsf_malloc(&t, SIZE_MAX));		/* never asks for the impossible */
	T_EXPECT(!tlsf_memalign(&t, (size_t)1 << 40, 1));
	T_EXPECT_INT(hp.grows, 0);
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 0);
	EXPECT_HEAP_OK(&t);
	growing_teardown(&hp);
}

static void memalign_grows_with_slack(void)
{
	struct host_pages hp;
	struct tlsf t;
	void *p;

	growing_setup(&t, &hp, 64 * KIB);
	p = tlsf_memalign(&t, 64 * KIB, 100 * KIB);
	T_REQUIRE(p);
	T_EXPECT(is_aligned(p, 64 * KIB));
	T_EXPECT_INT(hp.grows, 1);
	memset(p, 1, 100 * KIB);
	EXPECT_HEAP_OK(&t);
	T_EXPECT_INT(tlsf_free(&t, p), 0);
	T_EXPECT_INT(hp.shrinks, 1);			/* bigger than a chunk: no reserve */
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 0);
	growing_teardown(&hp);
}

const struct t_case growth_cases[] = {
	T_CASE(huge_request_grows_then_shrinks),
	T_CASE(reserve_pool_stops_thrashing),
	T_CASE(reserve_keeps_the_larger_pool),
	T_CASE(added_pools_never_shrink),
	T_CASE(grow_failure_is_null),
	T_CASE(memalign_grows_with_slack),
	T_END
};

/* --- Random traces --------------------------------------------------------------------- */

#define SLOTS		512
#define FULL_CHECKS	3000	/* tlsf_check after every op this long, then every 64th */

struct live {
	unsigned char *p;
	size_t size;
	size_t align;
	unsigned int id;
};

struct trace {
	struct tlsf *t;
	uint64_t rng;
	unsigned int next_id;
	unsigned long ops;
	unsigned long failed_allocs;
	struct live slot[SLOTS];
};

static uint64_t rng_next(struct trace *tr)
{
	uint64_t x = tr->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	tr->rng = x;
	return x;
}

static size_t rng_below(struct trace *tr, size_t n)
{
	return (size_t)(rng_next(tr) % n);
}

/* Mostly 8..512 bytes, some up to 4 KiB, a few up to 64 KiB, now and then 0. */
static size_t random_size(struct trace *tr)
{
	size_t r = rng_below(tr, 1000);

	if (r < 5)
		return 0;
	if (r < 850)
		return 8 + rng_below(tr, 505);
	if (r < 970)
		return 1 + rng_below(tr, 4096);
	return 1 + rng_below(tr, 64 * KIB);
}

static void trace_check_new(struct trace *tr, struct live *l)
{
	if (!is_aligned(l->p, l->align))
		t_fail(__FILE__, __LINE__, "op %lu: %p not aligned to %zu", tr->ops,
		       (void *)l->p, l->align);
	if (tlsf_usable_size(l->p) < l->size)
		t_fail(__FILE__, __LINE__, "op %lu: usable %zu < size %zu", tr->ops,
		       tlsf_usable_size(l->p), l->size);
	fill(l->p, l->size, l->id);
}

static void trace_alloc(struct trace *tr, struct live *l)
{
	l->size = random_size(tr);
	l->align = TLSF_ALIGN;
	if (rng_below(tr, 100) < 8) {
		l->align = (size_t)32 << rng_below(tr, rng_below(tr, 50) ? 8 : 12);
		l->p = tlsf_memalign(tr->t, l->align, l->size);
	} else {
		l->p = tlsf_malloc(tr->t, l->size);
	}
	if (!l->p) {
		tr->failed_allocs++;
		return;
	}
	l->id = tr->next_id++;
	trace_check_new(tr, l);
}

static void trace_verify(struct trace *tr, const struct live *l)
{
	if (!holds(l->p, l->size, l->id))
		t_fail(__FILE__, __LINE__, "op %lu: block %u (%zu bytes at %p) corrupted",
		       tr->ops, l->id, l->size, (void *)l->p);
}

static void trace_realloc(struct trace *tr, struct live *l)
{
	size_t size = random_size(tr);
	unsigned char *q;

	if (!size)
		size = 1;
	q = tlsf_realloc(tr->t, l->p, size);
	if (!q) {
		tr->failed_allocs++;
		trace_verify(tr, l);			/* untouched on failure */
		return;
	}
	if (!holds(q, size < l->size ? size : l->size, l->id))
		t_fail(__FILE__, __LINE__, "op %lu: realloc lost block %u's prefix", tr->ops,
		       l->id);
	l->p = q;
	l->size = size;
	l->align = TLSF_ALIGN;
	trace_check_new(tr, l);
}

static void trace_free(struct trace *tr, struct live *l)
{
	int rc;

	trace_verify(tr, l);
	rc = tlsf_free(tr->t, l->p);
	if (rc)
		t_fail(__FILE__, __LINE__, "op %lu: free(%p) returned %d", tr->ops,
		       (void *)l->p, rc);
	l->p = NULL;
}

static int compare_live(const void *a, const void *b)
{
	const struct live *x = *(const struct live *const *)a;
	const struct live *y = *(const struct live *const *)b;

	return (x->p > y->p) - (x->p < y->p);
}

/* Sorted by address, every live block's usable bytes end before the next one starts. */
static void trace_check_overlaps(struct trace *tr)
{
	static const struct live *sorted[SLOTS];
	size_t n = 0;

	for (size_t i = 0; i < SLOTS; i++)
		if (tr->slot[i].p)
			sorted[n++] = &tr->slot[i];
	qsort(sorted, n, sizeof(sorted[0]), compare_live);
	for (size_t i = 0; i + 1 < n; i++)
		if (sorted[i]->p + tlsf_usable_size(sorted[i]->p) > sorted[i + 1]->p)
			t_fail(__FILE__, __LINE__, "op %lu: blocks %u and %u overlap", tr->ops,
			       sorted[i]->id, sorted[i + 1]->id);
	for (size_t i = 0; i < n; i++)
		trace_verify(tr, sorted[i]);
}

static void trace_step(struct trace *tr)
{
	struct live *l = &tr->slot[rng_below(tr, SLOTS)];

	if (!l->p)
		trace_alloc(tr, l);
	else if (rng_below(tr, 100) < 70)
		trace_free(tr, l);
	else
		trace_realloc(tr, l);
	tr->ops++;
	if (tr->ops <= FULL_CHECKS || tr->ops % 64 == 0)
		expect_heap_ok(__LINE__, tr->t);
	if (tr->ops % 1024 == 0)
		trace_check_overlaps(tr);
}

static void trace_run(struct trace *tr, struct tlsf *t, uint64_t seed, unsigned long ops)
{
	memset(tr, 0, sizeof(*tr));
	tr->t = t;
	tr->rng = seed * 0x9e3779b97f4a7c15ull + 1;
	while (tr->ops < ops && t_case_failures == 0)
		trace_step(tr);
	trace_check_overlaps(tr);
}

static void trace_free_all(struct trace *tr)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (tr->slot[i].p)
			trace_free(tr, &tr->slot[i]);
}

/* --- Suite random ---------------------------------------------------------------------- */

/* Two pools, the second one misaligned at both ends. */
static void two_pool_setup(struct fixed *f, unsigned char **extra)
{
	fixed_setup(f, 6 * MIB);
	*extra = malloc(1 * MIB + 64);
	T_EXPECT_INT(tlsf_add_pool(&f->t, *extra + 8, 1 * MIB + 50), 0);
	f->initial_free = tlsf_free_bytes(&f->t);
}

static void random_traces_fixed_heap(void)
{
	static struct trace tr;
	struct tlsf_stats st;
	unsigned char *extra;
	struct fixed f;

	for (uint64_t seed = 1; seed <= 4 && t_case_failures == 0; seed++) {
		two_pool_setup(&f, &extra);
		trace_run(&tr, &f.t, seed, 25000);
		T_EXPECT(tr.failed_allocs < tr.ops / 100);
		trace_free_all(&tr);
		expect_all_free(__LINE__, &f.t, f.initial_free);
		tlsf_get_stats(&f.t, &st);
		T_EXPECT_INT(st.pools, 2);
		/* Fully merged again: the largest pool's whole block can be had. */
		T_EXPECT(tlsf_malloc(&f.t, st.largest_free) != NULL);
		EXPECT_HEAP_OK(&f.t);
		fixed_teardown(&f);
		free(extra);
	}
}

static void random_traces_growing_heap(void)
{
	static struct trace tr;
	struct host_pages hp;
	struct tlsf_stats st;
	struct tlsf t;

	for (uint64_t seed = 11; seed <= 12 && t_case_failures == 0; seed++) {
		growing_setup(&t, &hp, 32 * KIB);
		trace_run(&tr, &t, seed, 20000);
		T_EXPECT_INT(tr.failed_allocs, 0);
		T_EXPECT(hp.grows > 1);
		T_EXPECT(hp.shrinks > 0);
		trace_free_all(&tr);
		tlsf_get_stats(&t, &st);
		/* Only the reserve remains: one chunk, or none when the last pool was big. */
		T_EXPECT(st.pools <= 1);
		T_EXPECT_INT(hp.grows - hp.shrinks, st.pools);
		T_EXPECT_INT(hp.nlive, st.pools);
		T_EXPECT_UINT(tlsf_pool_bytes(&t), st.pools * 32 * KIB);
		expect_all_free(__LINE__, &t, st.pools * (32 * KIB - TLSF_POOL_OVERHEAD));
		growing_teardown(&hp);
	}
}

const struct t_case random_cases[] = {
	T_CASE(random_traces_fixed_heap),
	T_CASE(random_traces_growing_heap),
	T_END
};

/* --- Suite fragmentation --------------------------------------------------------------- */

static void largest_free_block_is_usable(void)
{
	static struct trace tr;
	struct tlsf_stats st;
	unsigned char *extra;
	struct fixed f;
	void *p;

	for (uint64_t seed = 21; seed <= 24 && t_case_failures == 0; seed++) {
		two_pool_setup(&f, &extra);
		trace_run(&tr, &f.t, seed, 6000);
		for (size_t i = 0; i < SLOTS; i += 2)
			if (tr.slot[i].p)
				trace_free(&tr, &tr.slot[i]);
		EXPECT_HEAP_OK(&f.t);
		tlsf_get_stats(&f.t, &st);
		T_EXPECT(st.free_blocks > 2);
		p = tlsf_malloc(&f.t, st.largest_free);
		T_EXPECT(p != NULL);
		if (p)
			T_EXPECT_UINT(tlsf_usable_size(p), st.largest_free);
		EXPECT_HEAP_OK(&f.t);
		trace_check_overlaps(&tr);
		T_EXPECT(!p || tlsf_free(&f.t, p) == 0);
		trace_free_all(&tr);
		expect_all_free(__LINE__, &f.t, f.initial_free);
		fixed_teardown(&f);
		free(extra);
	}
}

/* Freeing every other small block leaves holes; they must all be found again. */
static void holes_are_reused(void)
{
	static void *p[2000];
	struct fixed f;
	size_t before;

	fixed_setup(&f, 1 * MIB);
	for (int i = 0; i < 2000; i++)
		p[i] = tlsf_malloc(&f.t, 24 + (size_t)(i % 7) * 40);
	for (int i = 0; i < 2000; i += 2)
		T_EXPECT_INT(tlsf_free(&f.t, p[i]), 0);
	before = tlsf_free_bytes(&f.t);
	for (int i = 0; i < 2000; i += 2) {
		void *q = tlsf_malloc(&f.t, 24 + (size_t)(i % 7) * 40);

		T_REQUIRE(q);
		T_EXPECT((unsigned char *)q < (unsigned char *)p[1999]); /* a hole, not the tail */
		p[i] = q;
	}
	T_EXPECT(tlsf_free_bytes(&f.t) < before);
	EXPECT_HEAP_OK(&f.t);
	for (int i = 0; i < 2000; i++)
		T_EXPECT_INT(tlsf_free(&f.t, p[i]), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

const struct t_case fragmentation_cases[] = {
	T_CASE(largest_free_block_is_usable),
	T_CASE(holes_are_reused),
	T_END
};
