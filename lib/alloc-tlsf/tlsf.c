// SPDX-License-Identifier: BSD-3-Clause
/* TLSF heap: two-level segregated free lists, boundary tags, pools that grow and shrink. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "tlsf_internal.h"

/* --- Blocks -------------------------------------------------------------------------- */

static struct tlsf_block *block_from_payload(const void *p)
{
	return (struct tlsf_block *)((uintptr_t)p - BLOCK_HDR);
}

static void block_mark_free(struct tlsf_block *b)
{
	struct tlsf_block *next = block_next(b);

	b->size |= F_FREE;
	next->size |= F_PREV_FREE;
	next->prev_phys = b;
}

static void block_mark_used(const struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_block *next = block_next(b);

	b->size &= ~F_FREE;
	next->size &= ~F_PREV_FREE;
	next->tag = block_tag(t, next);
}

/* A header swallowed by a merge must never pass for a block again (double free). */
static void block_scrub(struct tlsf_block *b)
{
	b->tag = 0;
	b->size = 0;
}

/*
 * Cut b down to size bytes when the rest can be a block of its own. Returns the rest,
 * neither free nor listed (the caller releases it), or NULL when nothing was cut.
 */
static struct tlsf_block *block_split(const struct tlsf *t, struct tlsf_block *b, size_t size)
{
	size_t total = block_size(b);
	struct tlsf_block *rest;

	if (total < size + MIN_BLOCK)
		return NULL;
	rest = (struct tlsf_block *)((char *)block_payload(b) + size);
	rest->size = total - size - BLOCK_HDR;
	rest->tag = block_tag(t, rest);
	b->size = size | (b->size & F_MASK);
	return rest;
}

/* --- Size classes and free lists ------------------------------------------------------ */

/* Up to the next list boundary, so that every block of that list is large enough. */
static size_t round_to_list(size_t size)
{
	size_t step;

	if (size < SMALL_LIMIT)
		return size;
	step = (size_t)1 << (floor_log2(size) - TLSF_SL_LOG2);
	return (size + step - 1) & ~(step - 1);
}

static void list_insert(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_links *l = block_links(b);
	unsigned int fl, sl;

	map_size(block_size(b), &fl, &sl);
	l->prev = NULL;
	l->next = t->lists[fl][sl];
	if (l->next)
		block_links(l->next)->prev = b;
	t->lists[fl][sl] = b;
	t->sl_map[fl] |= 1u << sl;
	t->fl_map |= 1u << fl;
	t->free_bytes += block_size(b);
}

static void list_remove(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_links *l = block_links(b);
	unsigned int fl, sl;

	map_size(block_size(b), &fl, &sl);
	if (l->next)
		block_links(l->next)->prev = l->prev;
	if (l->prev)
		block_links(l->prev)->next = l->next;
	else
		t->lists[fl][sl] = l->next;
	if (!t->lists[fl][sl]) {
		t->sl_map[fl] &= ~(1u << sl);
		if (!t->sl_map[fl])
			t->fl_map &= ~(1u << fl);
	}
	t->free_bytes -= block_size(b);
	/* Taking the reserve's only block means the reserve is in use again. */
	if (t->reserve && b == pool_first_block(t->reserve))
		t->reserve = NULL;
}

/* Good fit in O(1): the head of the first non-empty list whose blocks all hold need. */
static struct tlsf_block *list_search(const struct tlsf *t, size_t need)
{
	unsigned int fl, sl;
	uint32_t map;

	map_size(round_to_list(need), &fl, &sl);
	if (fl >= TLSF_FL_COUNT)
		return NULL;
	map = t->sl_map[fl] & (~0u << sl);
	if (!map) {
		map = fl + 1 < TLSF_FL_COUNT ? t->fl_map & (~0u << (fl + 1)) : 0;
		if (!map)
			return NULL;
		fl = (unsigned int)__builtin_ctz(map);
		map = t->sl_map[fl];
	}
	return t->lists[fl][__builtin_ctz(map)];
}

/*
 * The search above skips need's own list, whose blocks may be smaller than need. Before
 * failing or growing, look through that one list: the only place a fit may remain.
 */
static struct tlsf_block *list_scan(const struct tlsf *t, size_t need)
{
	struct tlsf_block *b;
	unsigned int fl, sl;

	map_size(need, &fl, &sl);
	for (b = t->lists[fl][sl]; b; b = block_links(b)->next)
		if (block_size(b) >= need)
			return b;
	return NULL;
}

/* --- Pools ---------------------------------------------------------------------------- */

static struct tlsf_pool *pool_of_first(const struct tlsf_block *b)
{
	return (struct tlsf_pool *)((uintptr_t)b - TLSF_POOL_HDR);
}

static void pool_unlink(struct tlsf *t, struct tlsf_pool *pool)
{
	if (pool->next)
		pool->next->prev = pool->prev;
	if (pool->prev)
		pool->prev->next = pool->next;
	else
		t->pools = pool->next;
	if (t->reserve == pool)
		t->reserve = NULL;
	t->pool_bytes -= pool->len;
}

static void pool_give_back(struct tlsf *t, struct tlsf_pool *pool)
{
	void *mem = pool->mem;
	size_t len = pool->len;

	pool_unlink(t, pool);
	t->shrink(mem, len, t->ctx);
}

/* Lay out a pool; returns its one block, free but on no list, or NULL when too small. */
static struct tlsf_block *pool_create(struct tlsf *t, void *mem, size_t len, bool grown)
{
	struct tlsf_pool *pool;
	struct tlsf_block *b, *sentinel;
	uintptr_t lo, hi;

	if (!pool_span(mem, len, &lo, &hi))
		return NULL;
	pool = (struct tlsf_pool *)lo;
	pool->mem = mem;
	pool->len = len;
	pool->grown = grown;
	pool->prev = NULL;
	pool->next = t->pools;
	if (t->pools)
		t->pools->prev = pool;
	t->pools = pool;
	t->pool_bytes += len;

	b = pool_first_block(pool);
	b->size = (hi - lo - TLSF_POOL_OVERHEAD) | F_FIRST;
	b->tag = block_tag(t, b);
	sentinel = block_next(b);
	sentinel->size = 0;
	block_mark_free(b);
	return b;
}

/* A new pool whose block holds need bytes, taken off no list; NULL when grow fails. */
static struct tlsf_block *pool_grow(struct tlsf *t, size_t need)
{
	size_t got = 0;
	struct tlsf_block *b;
	void *mem;

	if (!t->grow)
		return NULL;
	/* need <= MAX_PAYLOAD + a memalign slack far below SIZE_MAX: no overflow. */
	mem = t->grow(need + TLSF_POOL_OVERHEAD + TLSF_ALIGN - 1, &got, t->ctx);
	if (!mem)
		return NULL;
	b = pool_create(t, mem, got, true);
	if (b && block_size(b) >= need)
		return b;
	/* grow broke its contract: hand the memory back, or at least keep it as a pool. */
	if (b && t->shrink)
		pool_give_back(t, pool_of_first(b));
	else if (b)
		list_insert(t, b);
	else if (t->shrink)
		t->shrink(mem, got, t->ctx);
	return NULL;
}

/*
 * b, free and unlisted, spans its whole grown pool. Keep one such pool of at most
 * reserve_max bytes (the largest) so that a malloc/free loop does not reach grow and
 * shrink each time; give the others back. Returns true when b's pool is gone.
 */
static bool pool_release(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_pool *pool = pool_of_first(b), *old = t->reserve;

	if (!pool->grown || !t->shrink)
		return false;
	if (pool->len <= t->reserve_max && (!old || old->len < pool->len)) {
		if (old) {
			list_remove(t, pool_first_block(old));
			pool_give_back(t, old);
		}
		t->reserve = pool;
		return false;
	}
	pool_give_back(t, pool);
	return true;
}

static bool pools_overlap(const struct tlsf *t, void *mem, size_t len)
{
	uintptr_t lo = (uintptr_t)mem, hi = lo + len;
	const struct tlsf_pool *p;

	for (p = t->pools; p; p = p->next)
		if (lo < (uintptr_t)p->mem + p->len && (uintptr_t)p->mem < hi)
			return true;
	return false;
}

/* --- Allocation ----------------------------------------------------------------------- */

/* The payload size that serves a request, or 0 when none can. */
static size_t request_size(size_t size)
{
	if (size > MAX_PAYLOAD)
		return 0;
	if (size < MIN_PAYLOAD)
		return MIN_PAYLOAD;
	return (size + TLSF_ALIGN - 1) & ~(size_t)(TLSF_ALIGN - 1);
}

/* A free block of at least need bytes, off its list, or NULL. */
static struct tlsf_block *take_free_block(struct tlsf *t, size_t need)
{
	struct tlsf_block *b = list_search(t, need);

	if (!b)
		b = list_scan(t, need);
	if (!b)
		return pool_grow(t, need);
	list_remove(t, b);
	return b;
}

/*
 * Make b (not free, or free but unlisted) free: merge it with free neighbours, then list
 * the result or give its pool back.
 */
static void block_release(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_block *next;
	size_t add;

	if (block_has(b, F_PREV_FREE)) {
		struct tlsf_block *prev = b->prev_phys;

		list_remove(t, prev);
		prev->size += BLOCK_HDR + block_size(b);
		block_scrub(b);
		b = prev;
	}
	next = block_next(b);
	if (block_has(next, F_FREE)) {
		add = BLOCK_HDR + block_size(next);
		list_remove(t, next);
		block_scrub(next);
		b->size += add;
	}
	if (block_has(b, F_FIRST) && block_size(block_next(b)) == 0 && pool_release(t, b))
		return;
	block_mark_free(b);
	list_insert(t, b);
}

/* Hand out b (taken off the free lists) for need bytes, freeing what is left over. */
static void *block_use(struct tlsf *t, struct tlsf_block *b, size_t need)
{
	struct tlsf_block *rest = block_split(t, b, need);

	block_mark_used(t, b);
	if (rest)
		block_release(t, rest);
	return block_payload(b);
}

/*
 * b is taken and holds align + MIN_BLOCK more than needed. Split off a leading free block
 * so the payload is aligned; the gap is 0 or a valid block, so it is at most align + 16.
 */
static struct tlsf_block *block_align(struct tlsf *t, struct tlsf_block *b, size_t align)
{
	uintptr_t p = (uintptr_t)block_payload(b);
	uintptr_t a = (p + align - 1) & ~(uintptr_t)(align - 1);
	struct tlsf_block *nb;
	size_t gap;

	if (a == p)
		return b;
	if (a - p < MIN_BLOCK)
		a = (p + MIN_BLOCK + align - 1) & ~(uintptr_t)(align - 1);
	gap = a - p;
	nb = (struct tlsf_block *)(a - BLOCK_HDR);
	nb->size = block_size(b) - gap;
	b->size = (gap - BLOCK_HDR) | (b->size & F_MASK);
	block_mark_free(b);		/* nb records b as its free predecessor */
	nb->size |= F_FREE;
	block_mark_free(nb);		/* and nb's successor points back to nb */
	list_insert(t, b);
	return nb;
}

/*
 * Whether p is a live block of t, judged from its header tag and its neighbours' links
 * (a free predecessor must end at p's header; the successor must see p as used).
 */
static bool block_is_live(const struct tlsf *t, const void *p)
{
	const struct tlsf_block *b = block_from_payload(p), *prev, *next;
	uintptr_t a = (uintptr_t)p;

	if (a % TLSF_ALIGN || a < TLSF_POOL_HDR + BLOCK_HDR)
		return false;
	if (block_has(b, F_FREE | (F_MASK & ~F_ALL)) || block_size(b) < MIN_PAYLOAD ||
	    block_size(b) > UINTPTR_MAX - a)
		return false;
	if (block_has(b, F_PREV_FREE)) {
		prev = b->prev_phys;
		if ((uintptr_t)prev % TLSF_ALIGN || (uintptr_t)prev >= (uintptr_t)b ||
		    prev->tag != block_tag(t, prev) || !block_has(prev, F_FREE) ||
		    block_next(prev) != b)
			return false;
	} else if (b->tag != block_tag(t, b)) {
		return false;
	}
	next = block_next(b);
	return !block_has(next, F_PREV_FREE) && next->tag == block_tag(t, next);
}

/* --- Public interface ---------------------------------------------------------------- */

void tlsf_init(struct tlsf *t, tlsf_grow_fn grow, tlsf_shrink_fn shrink, void *ctx)
{
	memset(t, 0, sizeof(*t));
	t->grow = grow;
	t->shrink = shrink;
	t->ctx = ctx;
	t->reserve_max = TLSF_RESERVE_DEFAULT;
}

void tlsf_set_reserve_max(struct tlsf *t, size_t bytes)
{
	t->reserve_max = bytes;
}

int tlsf_add_pool(struct tlsf *t, void *mem, size_t len)
{
	struct tlsf_block *b;
	uintptr_t lo, hi;

	if (!pool_span(mem, len, &lo, &hi) || pools_overlap(t, mem, len))
		return -EINVAL;
	b = pool_create(t, mem, len, false);
	list_insert(t, b);
	return 0;
}

void *tlsf_malloc(struct tlsf *t, size_t size)
{
	size_t need = request_size(size);
	struct tlsf_block *b;

	if (!need)
		return NULL;
	b = take_free_block(t, need);
	return b ? block_use(t, b, need) : NULL;
}

void *tlsf_memalign(struct tlsf *t, size_t align, size_t size)
{
	size_t need = request_size(size);
	struct tlsf_block *b;

	if (!align || (align & (align - 1)))
		return NULL;
	if (align <= TLSF_ALIGN)
		return tlsf_malloc(t, size);
	if (!need || need > MAX_PAYLOAD - MIN_BLOCK || align > MAX_PAYLOAD - MIN_BLOCK - need)
		return NULL;
	b = take_free_block(t, need + align + MIN_BLOCK);
	if (!b)
		return NULL;
	return block_use(t, block_align(t, b, align), need);
}

/* Resize b where it lies, taking in a free successor if that helps; false if it cannot. */
static bool block_resize(struct tlsf *t, struct tlsf_block *b, size_t need)
{
	struct tlsf_block *next = block_next(b), *rest;
	size_t add;

	if (block_size(b) < need) {
		add = BLOCK_HDR + block_size(next);
		if (!block_has(next, F_FREE) || block_size(b) + add < need)
			return false;
		list_remove(t, next);
		block_scrub(next);
		b->size += add;
		block_mark_used(t, b);
	}
	rest = block_split(t, b, need);
	if (rest)
		block_release(t, rest);
	return true;
}

void *tlsf_realloc(struct tlsf *t, void *p, size_t size)
{
	size_t need = request_size(size);
	struct tlsf_block *b = block_from_payload(p);
	void *q;

	if (!need || !block_is_live(t, p))
		return NULL;
	if (block_resize(t, b, need))
		return p;
	q = tlsf_malloc(t, size);
	if (!q)
		return NULL;
	memcpy(q, p, block_size(b));	/* b is smaller than need: it all fits */
	block_release(t, b);
	return q;
}

bool tlsf_is_live(const struct tlsf *t, const void *p)
{
	return p && block_is_live(t, p);
}

int tlsf_free(struct tlsf *t, void *p)
{
	if (!p || !block_is_live(t, p))
		return -EINVAL;
	block_release(t, block_from_payload(p));
	return 0;
}

size_t tlsf_usable_size(const void *p)
{
	return block_size(block_from_payload(p));
}

size_t tlsf_free_bytes(const struct tlsf *t)
{
	return t->free_bytes;
}

size_t tlsf_pool_bytes(const struct tlsf *t)
{
	return t->pool_bytes;
}
