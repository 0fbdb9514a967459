/* SPDX-License-Identifier: BSD-3-Clause */
/* TLSF heap internals shared by tlsf.c and tlsf_check.c: block layout, flags, size classes. */
#ifndef KEEL_TLSF_INTERNAL_H
#define KEEL_TLSF_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "tlsf.h"

/*
 * A pool is [struct tlsf_pool, TLSF_POOL_HDR bytes][block]...[block][sentinel]. A block
 * is a BLOCK_HDR-byte header and then its payload:
 *
 *   word 0  while the previous block is free: prev_phys, a pointer to it;
 *           otherwise tag, which is block_tag() of the block's own address
 *   word 1  payload size | F_FREE | F_PREV_FREE | F_FIRST
 *   payload while free: struct tlsf_links; otherwise the caller's bytes
 *
 * Invariants: free blocks are never adjacent (free coalesces at once), so a free block's
 * word 0 is always its tag; F_PREV_FREE equals the predecessor's F_FREE; only a pool's
 * first block has F_FIRST; the sentinel ends the pool with size 0 and is never free.
 * A free block is on exactly the list map_size(its size) names.
 */
struct tlsf_block {
	union {
		struct tlsf_block *prev_phys;
		uintptr_t tag;
	};
	size_t size;
};

struct tlsf_links {
	struct tlsf_block *next;
	struct tlsf_block *prev;
};

struct tlsf_pool {
	struct tlsf_pool *next;
	struct tlsf_pool *prev;
	void *mem;			/* as added or grown: what shrink gets back */
	size_t len;
	bool grown;
};

#define BLOCK_HDR	((size_t)TLSF_BLOCK_OVERHEAD)
#define MIN_PAYLOAD	((size_t)16)
#define MIN_BLOCK	(BLOCK_HDR + MIN_PAYLOAD)
#define MAX_PAYLOAD	(((size_t)1 << TLSF_MAX_LOG2) - TLSF_ALIGN)
#define SMALL_LIMIT	((size_t)TLSF_SL_COUNT * TLSF_ALIGN)
#define FL_SHIFT	(TLSF_SL_LOG2 + 4)	/* log2(SMALL_LIMIT) */

#define F_FREE		((size_t)1)
#define F_PREV_FREE	((size_t)2)
#define F_FIRST		((size_t)4)
#define F_ALL		(F_FREE | F_PREV_FREE | F_FIRST)
#define F_MASK		((size_t)TLSF_ALIGN - 1)

#define TLSF_MAGIC	((uintptr_t)0x6b65656c544c5346ull)	/* "keelTLSF" */

_Static_assert(sizeof(struct tlsf_block) <= TLSF_BLOCK_OVERHEAD, "block header");
_Static_assert(TLSF_BLOCK_OVERHEAD % TLSF_ALIGN == 0, "block header alignment");
_Static_assert(sizeof(struct tlsf_links) <= 16, "links fit the minimum payload");
_Static_assert(sizeof(struct tlsf_pool) <= TLSF_POOL_HDR, "pool header");
_Static_assert(TLSF_POOL_HDR % TLSF_ALIGN == 0, "pool header alignment");
_Static_assert(TLSF_SL_COUNT <= 32 && TLSF_FL_COUNT <= 32, "bitmaps are 32 bits");
_Static_assert(1 << (FL_SHIFT - TLSF_SL_LOG2) == TLSF_ALIGN, "small classes are ALIGN apart");

/* --- Blocks -------------------------------------------------------------------------- */

static inline size_t block_size(const struct tlsf_block *b)
{
	return b->size & ~F_MASK;
}

static inline bool block_has(const struct tlsf_block *b, size_t flag)
{
	return (b->size & flag) != 0;
}

static inline void *block_payload(const struct tlsf_block *b)
{
	return (char *)(uintptr_t)b + BLOCK_HDR;
}

static inline struct tlsf_block *block_next(const struct tlsf_block *b)
{
	return (struct tlsf_block *)((char *)block_payload(b) + block_size(b));
}

static inline struct tlsf_links *block_links(const struct tlsf_block *b)
{
	return block_payload(b);
}

/* Binds a header to its address and its heap: a copy elsewhere or a foreign block fails. */
static inline uintptr_t block_tag(const struct tlsf *t, const struct tlsf_block *b)
{
	return (uintptr_t)b ^ (uintptr_t)t ^ TLSF_MAGIC;
}

/* --- Size classes -------------------------------------------------------------------- */

static inline unsigned int floor_log2(size_t x)
{
	return (unsigned int)(sizeof(unsigned long) * CHAR_BIT - 1) -
	       (unsigned int)__builtin_clzl(x);
}

/* The list that holds free blocks of exactly size bytes. */
static inline void map_size(size_t size, unsigned int *fl, unsigned int *sl)
{
	unsigned int log;

	if (size < SMALL_LIMIT) {
		*fl = 0;
		*sl = (unsigned int)(size / TLSF_ALIGN);
		return;
	}
	log = floor_log2(size);
	*fl = log - FL_SHIFT + 1;
	*sl = (unsigned int)(size >> (log - TLSF_SL_LOG2)) - TLSF_SL_COUNT;
}

/* --- Pools ---------------------------------------------------------------------------- */

static inline struct tlsf_block *pool_first_block(const struct tlsf_pool *pool)
{
	return (struct tlsf_block *)((uintptr_t)pool + TLSF_POOL_HDR);
}

/* The aligned [*lo, *hi) inside [mem, mem + len) a pool uses; false when too small. */
static inline bool pool_span(void *mem, size_t len, uintptr_t *lo, uintptr_t *hi)
{
	uintptr_t start = (uintptr_t)mem;

	if (len < TLSF_POOL_OVERHEAD + MIN_PAYLOAD || len > UINTPTR_MAX - start)
		return false;
	*lo = (start + TLSF_ALIGN - 1) & ~(uintptr_t)(TLSF_ALIGN - 1);
	*hi = (start + len) & ~(uintptr_t)(TLSF_ALIGN - 1);
	if (*hi < *lo || *hi - *lo < TLSF_POOL_OVERHEAD + MIN_PAYLOAD)
		return false;
	if (*hi - *lo > TLSF_POOL_OVERHEAD + MAX_PAYLOAD)
		*hi = *lo + TLSF_POOL_OVERHEAD + MAX_PAYLOAD;
	return true;
}

#endif /* KEEL_TLSF_INTERNAL_H */
