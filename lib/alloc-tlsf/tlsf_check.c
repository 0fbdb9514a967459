// SPDX-License-Identifier: BSD-3-Clause
/* TLSF heap: the invariant checker (tlsf_check) and block statistics (tlsf_get_stats). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "tlsf_internal.h"

/* What the pool walk counts, for the free lists to be checked against. */
struct check_sums {
	size_t free_blocks;
	size_t free_bytes;
};

static const char *check_block(const struct tlsf *t, const struct tlsf_block *b,
			       const struct tlsf_block *prev)
{
	bool prev_free = prev && block_has(prev, F_FREE);

	if (b->size & F_MASK & ~F_ALL)
		return "unknown flag bits in a block header";
	if (block_has(b, F_PREV_FREE) != prev_free)
		return "F_PREV_FREE disagrees with the previous block";
	if (prev_free && b->prev_phys != prev)
		return "prev_phys does not point to the free previous block";
	if (!prev_free && b->tag != block_tag(t, b))
		return "bad block header tag";
	if (block_has(b, F_FIRST) != !prev)
		return "F_FIRST is not exactly on the first block";
	if (prev_free && block_has(b, F_FREE))
		return "two adjacent free blocks";
	return NULL;
}

/* Walk one pool's blocks up to the sentinel, which must sit at the pool's end. */
static const char *check_pool(const struct tlsf *t, const struct tlsf_pool *pool,
			      struct check_sums *sums)
{
	const struct tlsf_block *b = pool_first_block(pool), *prev = NULL;
	uintptr_t lo, hi;
	const char *why;

	if (!pool_span(pool->mem, pool->len, &lo, &hi) || lo != (uintptr_t)pool)
		return "a pool header is not where its memory starts";
	for (;;) {
		why = check_block(t, b, prev);
		if (why)
			return why;
		if (block_size(b) == 0)
			break;
		if (block_size(b) < MIN_PAYLOAD)
			return "a block below the minimum size";
		if (block_size(b) > hi - BLOCK_HDR - (uintptr_t)block_payload(b))
			return "a block runs past its pool";
		if (block_has(b, F_FREE)) {
			sums->free_blocks++;
			sums->free_bytes += block_size(b);
		}
		prev = b;
		b = block_next(b);
	}
	if ((uintptr_t)b != hi - BLOCK_HDR)
		return "a pool's sentinel is not at its end";
	if (block_has(b, F_FREE))
		return "a sentinel is marked free";
	return NULL;
}

static bool pool_is_empty(const struct tlsf_pool *pool)
{
	const struct tlsf_block *b = pool_first_block(pool);

	return block_has(b, F_FREE) && block_size(block_next(b)) == 0;
}

static const char *check_pools(const struct tlsf *t, struct check_sums *sums)
{
	const struct tlsf_pool *p, *q, *prev = NULL;
	bool reserve_seen = !t->reserve;
	size_t bytes = 0;
	const char *why;

	for (p = t->pools; p; prev = p, p = p->next) {
		if (p->prev != prev)
			return "a broken pool list back link (or a cycle)";
		for (q = p->next; q; q = q->next)
			if ((uintptr_t)p->mem < (uintptr_t)q->mem + q->len &&
			    (uintptr_t)q->mem < (uintptr_t)p->mem + p->len)
				return "two pools overlap";
		why = check_pool(t, p, sums);
		if (why)
			return why;
		bytes += p->len;
		reserve_seen |= p == t->reserve;
	}
	if (bytes != t->pool_bytes)
		return "pool_bytes disagrees with the pools";
	if (!reserve_seen)
		return "the reserve is not one of the heap's pools";
	if (t->reserve && (!t->reserve->grown || !pool_is_empty(t->reserve)))
		return "the reserve pool is not an empty grown pool";
	return NULL;
}

/* One list: bitmap bit, membership, links; *left counts down the free blocks seen. */
static const char *check_list(const struct tlsf *t, unsigned int fl, unsigned int sl,
			      size_t *left, size_t *bytes)
{
	const struct tlsf_block *b, *prev = NULL;
	unsigned int f, s;

	if (!(t->sl_map[fl] & (1u << sl)) != !t->lists[fl][sl])
		return "a second-level bitmap bit disagrees with its list";
	for (b = t->lists[fl][sl]; b; prev = b, b = block_links(b)->next) {
		if (!*left)
			return "more blocks on the free lists than free in the pools";
		(*left)--;
		if (!block_has(b, F_FREE))
			return "a used block on a free list";
		map_size(block_size(b), &f, &s);
		if (f != fl || s != sl)
			return "a free block on the wrong list";
		if (block_links(b)->prev != prev)
			return "a broken free list back link";
		*bytes += block_size(b);
	}
	return NULL;
}

static const char *check_lists(const struct tlsf *t, const struct check_sums *sums)
{
	size_t left = sums->free_blocks, bytes = 0;
	const char *why;

	if (t->fl_map & ~(uint32_t)(((uint64_t)1 << TLSF_FL_COUNT) - 1))
		return "first-level bitmap bits beyond the last list";
	for (unsigned int fl = 0; fl < TLSF_FL_COUNT; fl++) {
		if (!(t->fl_map & (1u << fl)) != !t->sl_map[fl])
			return "a first-level bitmap bit disagrees with its lists";
		for (unsigned int sl = 0; sl < TLSF_SL_COUNT; sl++) {
			why = check_list(t, fl, sl, &left, &bytes);
			if (why)
				return why;
		}
	}
	if (left)
		return "a free block is on no free list";
	if (bytes != sums->free_bytes || t->free_bytes != bytes)
		return "free_bytes disagrees with the free blocks";
	return NULL;
}

int tlsf_check(const struct tlsf *t, char *why, size_t whylen)
{
	struct check_sums sums = { 0, 0 };
	const char *msg = check_pools(t, &sums);
	size_t i;

	if (!msg)
		msg = check_lists(t, &sums);
	if (!msg)
		return 0;
	for (i = 0; why && i + 1 < whylen && msg[i]; i++)
		why[i] = msg[i];
	if (why && whylen)
		why[i] = '\0';
	return -1;
}

void tlsf_get_stats(const struct tlsf *t, struct tlsf_stats *st)
{
	const struct tlsf_pool *p;
	const struct tlsf_block *b;

	memset(st, 0, sizeof(*st));
	for (p = t->pools; p; p = p->next) {
		st->pools++;
		for (b = pool_first_block(p); block_size(b); b = block_next(b)) {
			if (!block_has(b, F_FREE)) {
				st->used_blocks++;
				continue;
			}
			st->free_blocks++;
			if (block_size(b) > st->largest_free)
				st->largest_free = block_size(b);
		}
	}
}
