// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/alloc-tlsf/tlsf.c: the shared fixtures, the API on fixed heaps, main(). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "host_test.h"
#include "tlsf.h"
#include "tlsf_test_util.h"

/* --- Helpers --------------------------------------------------------------------------- */

void expect_heap_ok(int line, const struct tlsf *t)
{
	char why[128];

	if (tlsf_check(t, why, sizeof(why)))
		t_fail(__FILE__, line, "tlsf_check: %s", why);
}

bool is_aligned(const void *p, size_t align)
{
	return ((uintptr_t)p & (align - 1)) == 0;
}

void fixed_setup(struct fixed *f, size_t len)
{
	f->arena = aligned_alloc(64, (len + 63) & ~(size_t)63);
	tlsf_init(&f->t, NULL, NULL, NULL);
	T_EXPECT_INT(tlsf_add_pool(&f->t, f->arena, len), 0);
	f->initial_free = tlsf_free_bytes(&f->t);
}

void fixed_teardown(struct fixed *f)
{
	free(f->arena);
}

/* The state of a heap with nothing allocated: one free block per pool, all listed. */
void expect_all_free(int line, const struct tlsf *t, size_t initial_free)
{
	struct tlsf_stats st;

	expect_heap_ok(line, t);
	tlsf_get_stats(t, &st);
	if (st.used_blocks || st.free_blocks != st.pools)
		t_fail(__FILE__, line, "%zu used and %zu free blocks in %zu pools",
		       st.used_blocks, st.free_blocks, st.pools);
	if (tlsf_free_bytes(t) != initial_free)
		t_fail(__FILE__, line, "free_bytes %zu, expected %zu", tlsf_free_bytes(t),
		       initial_free);
}

/* --- Host pages for grow/shrink -------------------------------------------------------- */

static void *host_grow(size_t min_bytes, size_t *got, void *ctx)
{
	struct host_pages *hp = ctx;
	size_t len;
	void *mem;

	hp->grows++;
	hp->last_min = min_bytes;
	if (hp->fail || hp->nlive == MAX_GROWN || min_bytes > SIZE_MAX / 2)
		return NULL;
	len = (min_bytes + PAGE - 1) & ~(PAGE - 1);
	if (len < hp->chunk)
		len = hp->chunk;
	mem = aligned_alloc(PAGE, len);
	if (!mem)
		return NULL;
	hp->live[hp->nlive].mem = mem;
	hp->live[hp->nlive].len = len;
	hp->nlive++;
	*got = len;
	return mem;
}

/* Only memory that grow handed out may come back, with the same length. */
static void host_shrink(void *mem, size_t len, void *ctx)
{
	struct host_pages *hp = ctx;

	hp->shrinks++;
	for (int i = 0; i < hp->nlive; i++) {
		if (hp->live[i].mem != mem)
			continue;
		T_EXPECT_UINT(len, hp->live[i].len);
		hp->live[i] = hp->live[--hp->nlive];
		free(mem);
		return;
	}
	t_fail(__FILE__, __LINE__, "shrink(%p, %zu) of memory grow never gave", mem, len);
}

void growing_setup(struct tlsf *t, struct host_pages *hp, size_t chunk)
{
	memset(hp, 0, sizeof(*hp));
	hp->chunk = chunk;
	tlsf_init(t, host_grow, host_shrink, hp);
	tlsf_set_reserve_max(t, chunk);
}

void growing_teardown(struct host_pages *hp)
{
	while (hp->nlive)
		free(hp->live[--hp->nlive].mem);
}

/* --- Suite basic ----------------------------------------------------------------------- */

static void add_pool_limits(void)
{
	struct tlsf t;
	unsigned char *mem = aligned_alloc(64, 4096);
	size_t min = TLSF_POOL_OVERHEAD + 16;

	tlsf_init(&t, NULL, NULL, NULL);
	T_EXPECT_INT(tlsf_add_pool(&t, mem, min - 1), -EINVAL);
	T_EXPECT_INT(tlsf_add_pool(&t, mem + 1, min), -EINVAL);	/* too small once trimmed */
	T_EXPECT_INT(tlsf_add_pool(&t, mem + 8, 2000), 0);
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 2000);
	/* Start trimmed by 8 to 16, end by 8 to 2008: 1984 bytes are used. */
	T_EXPECT_UINT(tlsf_free_bytes(&t), 1984 - TLSF_POOL_OVERHEAD);
	T_EXPECT_INT(tlsf_add_pool(&t, mem + 1000, 3000), -EINVAL);	/* overlaps */
	T_EXPECT_INT(tlsf_add_pool(&t, mem + 2048, 2048), 0);
	T_EXPECT_UINT(tlsf_pool_bytes(&t), 4048);
	EXPECT_HEAP_OK(&t);
	expect_all_free(__LINE__, &t, tlsf_free_bytes(&t));
	free(mem);
}

static void alignment_and_usable_size(void)
{
	static void *p[600];
	struct fixed f;
	size_t n = 0;

	fixed_setup(&f, 4 * MIB);
	for (size_t size = 0; size <= 520; size++)
		p[n++] = tlsf_malloc(&f.t, size);
	for (size_t size = 1000; size <= 70000; size = size * 5 / 4 + 3)
		p[n++] = tlsf_malloc(&f.t, size);
	for (size_t i = 0; i < n; i++) {
		size_t want = i <= 520 ? i : 1;

		T_REQUIRE(p[i]);
		T_EXPECT(is_aligned(p[i], TLSF_ALIGN));
		T_EXPECT(tlsf_usable_size(p[i]) >= want);
		memset(p[i], 0x5a, tlsf_usable_size(p[i]));	/* ASan: all inside the arena */
	}
	EXPECT_HEAP_OK(&f.t);
	for (size_t i = 0; i < n; i++)
		T_EXPECT_INT(tlsf_free(&f.t, p[i]), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

static void size_zero_is_a_block(void)
{
	struct fixed f;
	void *a, *b;

	fixed_setup(&f, 64 * KIB);
	a = tlsf_malloc(&f.t, 0);
	b = tlsf_malloc(&f.t, 0);
	T_REQUIRE(a && b);
	T_EXPECT(a != b);
	T_EXPECT(tlsf_usable_size(a) >= 1);
	T_EXPECT_INT(tlsf_free(&f.t, a), 0);
	T_EXPECT_INT(tlsf_free(&f.t, b), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

static void impossible_sizes_fail(void)
{
	struct fixed f;
	unsigned char *p;

	fixed_setup(&f, 256 * KIB);
	T_EXPECT(!tlsf_malloc(&f.t, SIZE_MAX));
	T_EXPECT(!tlsf_malloc(&f.t, SIZE_MAX - 15));
	T_EXPECT(!tlsf_malloc(&f.t, SIZE_MAX / 2 + 1));
	T_EXPECT(!tlsf_malloc(&f.t, 256 * KIB));	/* more than the pool */
	T_EXPECT(!tlsf_memalign(&f.t, 16, SIZE_MAX));
	T_EXPECT(!tlsf_memalign(&f.t, 4096, SIZE_MAX - 8192));
	T_EXPECT(!tlsf_memalign(&f.t, (SIZE_MAX >> 1) + 1, 16));
	T_EXPECT(!tlsf_memalign(&f.t, (size_t)1 << 30, 16));
	T_EXPECT(!tlsf_memalign(&f.t, 0, 16));
	T_EXPECT(!tlsf_memalign(&f.t, 48, 16));		/* not a power of two */
	T_EXPECT_UINT(tlsf_free_bytes(&f.t), f.initial_free);
	p = tlsf_malloc(&f.t, 100);
	T_REQUIRE(p);
	memset(p, 0x77, 100);
	T_EXPECT(!tlsf_realloc(&f.t, p, SIZE_MAX));
	T_EXPECT(!tlsf_realloc(&f.t, p, 256 * KIB));
	T_EXPECT(p[0] == 0x77 && p[99] == 0x77);
	T_EXPECT_INT(tlsf_free(&f.t, p), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

/* Every attempt must fail with -EINVAL and change nothing. */
static void expect_bad_free(int line, struct tlsf *t, void *p)
{
	size_t before = tlsf_free_bytes(t);
	int rc = tlsf_free(t, p);

	if (rc != -EINVAL)
		t_fail(__FILE__, line, "tlsf_free(%p) returned %d, expected -EINVAL", p, rc);
	if (tlsf_free_bytes(t) != before)
		t_fail(__FILE__, line, "free_bytes changed from %zu to %zu", before,
		       tlsf_free_bytes(t));
	expect_heap_ok(line, t);
}

static void double_free_rejected(void)
{
	struct fixed f;
	void *a, *b, *c;

	fixed_setup(&f, 64 * KIB);
	a = tlsf_malloc(&f.t, 64);
	b = tlsf_malloc(&f.t, 64);
	c = tlsf_malloc(&f.t, 64);
	T_REQUIRE(a && b && c);
	T_EXPECT_INT(tlsf_free(&f.t, b), 0);
	expect_bad_free(__LINE__, &f.t, b);		/* still a free block */
	T_EXPECT_INT(tlsf_free(&f.t, a), 0);		/* a absorbs b */
	expect_bad_free(__LINE__, &f.t, b);		/* header scrubbed by the merge */
	expect_bad_free(__LINE__, &f.t, a);
	T_EXPECT_INT(tlsf_free(&f.t, c), 0);		/* merges with a and the tail */
	expect_bad_free(__LINE__, &f.t, c);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

static void foreign_pointers_rejected(void)
{
	static _Alignas(64) unsigned char outside[256];
	struct fixed f, g;
	unsigned char *p, *q;
	size_t *w, saved;

	fixed_setup(&f, 64 * KIB);
	fixed_setup(&g, 64 * KIB);
	p = tlsf_malloc(&f.t, 256);
	q = tlsf_malloc(&g.t, 256);
	T_REQUIRE(p && q);
	memset(p, 0xab, 256);
	expect_bad_free(__LINE__, &f.t, NULL);
	expect_bad_free(__LINE__, &f.t, p + 1);		/* misaligned */
	expect_bad_free(__LINE__, &f.t, p + 16);	/* middle: 0xab.. has F_FREE */
	expect_bad_free(__LINE__, &f.t, outside + 64);	/* zeroes: size 0 */
	expect_bad_free(__LINE__, &f.t, q);		/* another heap's live block */
	/* A forged header in the payload: plausible size, but no tag... */
	w = (size_t *)(p + 64);
	w[0] = 12345;
	w[1] = 64;
	expect_bad_free(__LINE__, &f.t, p + 80);
	/* ...or claiming a free predecessor, which is p's own (used) block. */
	w[0] = (size_t)(uintptr_t)(p - TLSF_BLOCK_OVERHEAD);
	w[1] = 64 | 2;
	expect_bad_free(__LINE__, &f.t, p + 80);
	/* p's real header (tag intact) with its size word, word 1, overwritten. */
	w = (size_t *)(p - TLSF_BLOCK_OVERHEAD + sizeof(void *));
	saved = *w;
	*w = 32;
	T_EXPECT_INT(tlsf_free(&f.t, p), -EINVAL);	/* the successor is not a header */
	*w = saved;
	EXPECT_HEAP_OK(&f.t);
	T_EXPECT(!tlsf_realloc(&f.t, p + 80, 10));
	T_EXPECT(!tlsf_realloc(&f.t, q, 10));
	T_EXPECT_INT(tlsf_free(&f.t, p), 0);
	T_EXPECT_INT(tlsf_free(&g.t, q), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	expect_all_free(__LINE__, &g.t, g.initial_free);
	fixed_teardown(&f);
	fixed_teardown(&g);
}

/* The exact-size list is searched too: a request for the whole pool succeeds. */
static void whole_pool_request(void)
{
	struct fixed f;
	void *p;

	fixed_setup(&f, 100000);
	p = tlsf_malloc(&f.t, f.initial_free);
	T_REQUIRE(p);
	T_EXPECT_UINT(tlsf_usable_size(p), f.initial_free);
	T_EXPECT_UINT(tlsf_free_bytes(&f.t), 0);
	T_EXPECT(!tlsf_malloc(&f.t, 0));
	EXPECT_HEAP_OK(&f.t);
	T_EXPECT_INT(tlsf_free(&f.t, p), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

static const struct t_case basic_cases[] = {
	T_CASE(add_pool_limits),
	T_CASE(alignment_and_usable_size),
	T_CASE(size_zero_is_a_block),
	T_CASE(impossible_sizes_fail),
	T_CASE(double_free_rejected),
	T_CASE(foreign_pointers_rejected),
	T_CASE(whole_pool_request),
	T_END
};

/* --- Suite memalign_realloc ---------------------------------------------------------- */

static void memalign_all_alignments(void)
{
	static const size_t sizes[] = { 1, 24, 100, 4096, 20000 };
	static void *p[13 * 5 * 2];
	struct fixed f;
	size_t n = 0;

	fixed_setup(&f, 8 * MIB);
	for (size_t align = 16; align <= 64 * KIB; align *= 2) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			p[n] = tlsf_memalign(&f.t, align, sizes[i]);
			T_REQUIRE(p[n]);
			T_EXPECT(is_aligned(p[n], align));
			T_EXPECT(tlsf_usable_size(p[n]) >= sizes[i]);
			memset(p[n], 0x3c, sizes[i]);
			p[n + 1] = tlsf_malloc(&f.t, 40);	/* vary the next start */
			n += 2;
			EXPECT_HEAP_OK(&f.t);
		}
	}
	for (size_t i = 0; i < n; i++)
		T_EXPECT_INT(tlsf_free(&f.t, p[i]), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

/* Payloads 16 or 32 bytes short of alignment: the leading gap must still be a block. */
static void memalign_small_gaps(void)
{
	struct fixed f;
	void *pad, *p;

	fixed_setup(&f, 256 * KIB);
	for (size_t padsize = 0; padsize <= 96; padsize += 16) {
		for (size_t align = 32; align <= 256; align *= 2) {
			pad = tlsf_malloc(&f.t, padsize);
			p = tlsf_memalign(&f.t, align, 16);
			T_REQUIRE(pad && p);
			T_EXPECT(is_aligned(p, align));
			EXPECT_HEAP_OK(&f.t);
			T_EXPECT_INT(tlsf_free(&f.t, pad), 0);
			T_EXPECT_INT(tlsf_free(&f.t, p), 0);
			expect_all_free(__LINE__, &f.t, f.initial_free);
		}
	}
	fixed_teardown(&f);
}

void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131u + i * 7u + (i >> 8));
}

bool holds(const unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed * 131u + i * 7u + (i >> 8)))
			return false;
	return true;
}

static void realloc_in_place(void)
{
	struct fixed f;
	unsigned char *p, *q;
	size_t before;

	fixed_setup(&f, 256 * KIB);
	p = tlsf_malloc(&f.t, 1000);
	T_REQUIRE(p);
	fill(p, 1000, 1);
	before = tlsf_free_bytes(&f.t);
	q = tlsf_realloc(&f.t, p, 100);			/* shrink: the tail goes back */
	T_EXPECT(q == p);
	T_EXPECT(holds(p, 100, 1));
	T_EXPECT(tlsf_free_bytes(&f.t) > before);
	T_EXPECT(tlsf_usable_size(p) < 1000);
	q = tlsf_realloc(&f.t, p, 50000);		/* grow into the free successor */
	T_EXPECT(q == p);
	T_EXPECT(holds(p, 100, 1));
	T_EXPECT(tlsf_usable_size(p) >= 50000);
	EXPECT_HEAP_OK(&f.t);
	T_EXPECT_INT(tlsf_free(&f.t, p), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

static void realloc_into_freed_neighbour(void)
{
	struct fixed f;
	unsigned char *a, *b, *c;

	fixed_setup(&f, 256 * KIB);
	a = tlsf_malloc(&f.t, 100);
	b = tlsf_malloc(&f.t, 100);
	c = tlsf_malloc(&f.t, 100);
	T_REQUIRE(a && b && c);
	fill(a, 100, 2);
	fill(c, 100, 3);
	T_EXPECT_INT(tlsf_free(&f.t, b), 0);
	T_EXPECT(tlsf_realloc(&f.t, a, 200) == a);
	T_EXPECT(holds(a, 100, 2));
	T_EXPECT(holds(c, 100, 3));
	EXPECT_HEAP_OK(&f.t);
	T_EXPECT_INT(tlsf_free(&f.t, a), 0);
	T_EXPECT_INT(tlsf_free(&f.t, c), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

static void realloc_moves_and_keeps(void)
{
	struct fixed f;
	unsigned char *a, *b, *q;

	fixed_setup(&f, 256 * KIB);
	a = tlsf_malloc(&f.t, 100);
	b = tlsf_malloc(&f.t, 100);			/* a cannot grow in place */
	T_REQUIRE(a && b);
	fill(a, 100, 4);
	fill(b, 100, 5);
	q = tlsf_realloc(&f.t, a, 3000);
	T_REQUIRE(q);
	T_EXPECT(q != a);
	T_EXPECT(holds(q, 100, 4));
	T_EXPECT(holds(b, 100, 5));
	expect_bad_free(__LINE__, &f.t, a);		/* the old block was freed */
	T_EXPECT_INT(tlsf_free(&f.t, q), 0);
	T_EXPECT_INT(tlsf_free(&f.t, b), 0);
	expect_all_free(__LINE__, &f.t, f.initial_free);
	fixed_teardown(&f);
}

static const struct t_case memalign_realloc_cases[] = {
	T_CASE(memalign_all_alignments),
	T_CASE(memalign_small_gaps),
	T_CASE(realloc_in_place),
	T_CASE(realloc_into_freed_neighbour),
	T_CASE(realloc_moves_and_keeps),
	T_END
};

static const struct t_suite suites[] = {
	{ "tlsf.basic", basic_cases },
	{ "tlsf.memalign_realloc", memalign_realloc_cases },
	{ "tlsf.growth", growth_cases },
	{ "tlsf.random", random_cases },
	{ "tlsf.fragmentation", fragmentation_cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
