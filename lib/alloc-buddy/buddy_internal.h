/* SPDX-License-Identifier: BSD-3-Clause */
/* Buddy allocator internals shared by buddy.c and buddy_check.c: bitmap and pfn helpers. */
#ifndef KEEL_BUDDY_INTERNAL_H
#define KEEL_BUDDY_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buddy.h"

#define WORD_BITS	64

static inline unsigned int floor_log2(size_t n)
{
	return (unsigned int)(sizeof(unsigned long) * CHAR_BIT - 1) -
	       (unsigned int)__builtin_clzl((unsigned long)n);
}

/* The largest block order a zone of npages >= 1 pages can hold. */
static inline unsigned int fit_order(size_t npages)
{
	unsigned int k = floor_log2(npages);

	return k > BUDDY_MAX_ORDER ? BUDDY_MAX_ORDER : k;
}

static inline size_t words_for(size_t bits)
{
	return bits / WORD_BITS + (bits % WORD_BITS != 0);
}

/* The first index in [from, lim) whose bit is `want`, or lim. */
static inline size_t find_bit(const uint64_t *map, size_t from, size_t lim, bool want)
{
	uint64_t flip = want ? 0 : ~(uint64_t)0;
	size_t i = from;

	while (i < lim) {
		uint64_t w = (map[i / WORD_BITS] ^ flip) >> (i % WORD_BITS);

		if (w) {
			i += (size_t)__builtin_ctzll(w);
			return i < lim ? i : lim;
		}
		i = (i | (WORD_BITS - 1)) + 1;
	}
	return lim;
}

static inline uintptr_t zone_end(const struct buddy_zone *z)
{
	return z->start_pfn + z->npages;
}

static inline uintptr_t pfn_of(const void *p)
{
	return (uintptr_t)p >> BUDDY_PAGE_SHIFT;
}

/* Bits needed by heads[k] for any zone of npages pages, wherever it starts. */
static inline size_t head_bits(size_t npages, unsigned int k)
{
	return (npages >> k) + 2;
}

static inline size_t head_index(const struct buddy_zone *z, uintptr_t pfn, unsigned int k)
{
	return (pfn >> k) - (z->start_pfn >> k);
}

static inline bool is_free_head(const struct buddy_zone *z, uintptr_t pfn, unsigned int k)
{
	size_t i = head_index(z, pfn, k);

	return (z->heads[k][i / WORD_BITS] >> (i % WORD_BITS)) & 1;
}

#endif /* KEEL_BUDDY_INTERNAL_H */
