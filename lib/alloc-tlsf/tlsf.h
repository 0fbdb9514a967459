/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TLSF (two-level segregated fit) heap: O(1) malloc and free over pools of memory.
 * Pure code with no Keel dependencies, so it is also built and tested on the host.
 * Not thread-safe: the caller serialises every call on one struct tlsf.
 *
 * Sizes are payload bytes. Every block costs TLSF_BLOCK_OVERHEAD bytes of header and
 * every pool TLSF_POOL_OVERHEAD bytes (pool header, first block header, end sentinel).
 */
#ifndef KEEL_TLSF_H
#define KEEL_TLSF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLSF_ALIGN		16	/* every returned pointer is 16-byte aligned */
#define TLSF_BLOCK_OVERHEAD	16
#define TLSF_POOL_HDR		48
#define TLSF_POOL_OVERHEAD	(TLSF_POOL_HDR + 2 * TLSF_BLOCK_OVERHEAD)

/*
 * Second level: each power-of-two range is split into TLSF_SL_COUNT lists. Sizes below
 * TLSF_SL_COUNT * TLSF_ALIGN (512) sit in first-level list 0, one list per 16 bytes.
 */
#define TLSF_SL_LOG2		5
#define TLSF_SL_COUNT		(1 << TLSF_SL_LOG2)

/* A block's payload is below 2^TLSF_MAX_LOG2; bigger pools are trimmed to that. */
#if SIZE_MAX > 0xffffffffu
#define TLSF_MAX_LOG2		40
#else
#define TLSF_MAX_LOG2		31
#endif
#define TLSF_FL_COUNT		(TLSF_MAX_LOG2 - TLSF_SL_LOG2 - 4 + 1)

/* An empty grown pool up to this size is kept (one at most) instead of shrunk. */
#define TLSF_RESERVE_DEFAULT	((size_t)256 * 1024)

/*
 * grow: called when no free block fits; return memory of at least min_bytes (set *got
 * to its real size) or NULL. shrink: called with a grown pool that became entirely free,
 * to give it back (mem and len as grow returned them). Either may be NULL (a fixed heap).
 */
typedef void *(*tlsf_grow_fn)(size_t min_bytes, size_t *got, void *ctx);
typedef void (*tlsf_shrink_fn)(void *mem, size_t len, void *ctx);

struct tlsf_block;
struct tlsf_pool;

struct tlsf {
	uint32_t fl_map;			/* bit f: sl_map[f] != 0 */
	uint32_t sl_map[TLSF_FL_COUNT];		/* bit s: lists[f][s] is not empty */
	struct tlsf_block *lists[TLSF_FL_COUNT][TLSF_SL_COUNT];
	struct tlsf_pool *pools;		/* every pool, doubly linked */
	struct tlsf_pool *reserve;		/* the empty grown pool kept back, or NULL */
	size_t reserve_max;
	size_t free_bytes;			/* payload bytes of free blocks */
	size_t pool_bytes;			/* sum of the pools' lengths as added */
	tlsf_grow_fn grow;
	tlsf_shrink_fn shrink;
	void *ctx;
};

/* Walk results for tests and diagnostics (O(number of blocks)). */
struct tlsf_stats {
	size_t pools;
	size_t free_blocks;
	size_t used_blocks;
	size_t largest_free;			/* payload of the largest free block */
};

void tlsf_init(struct tlsf *t, tlsf_grow_fn grow, tlsf_shrink_fn shrink, void *ctx);

/*
 * One entirely free grown pool of at most bytes (the largest such) is kept instead of
 * shrunk, so that a malloc/free loop does not call grow and shrink every time. Default
 * TLSF_RESERVE_DEFAULT; 0 gives every empty grown pool back.
 */
void tlsf_set_reserve_max(struct tlsf *t, size_t bytes);

/*
 * Add [mem, mem + len) as a pool (mem need not be aligned; trims inward). Such a pool is
 * never given to shrink. Returns 0, or -EINVAL if too small or overlapping another pool.
 */
int tlsf_add_pool(struct tlsf *t, void *mem, size_t len);

/* size 0 gives a valid minimum block. NULL when nothing fits and grow cannot help. */
void *tlsf_malloc(struct tlsf *t, size_t size);

/* align is a power of two (NULL otherwise). */
void *tlsf_memalign(struct tlsf *t, size_t align, size_t size);

/*
 * p != NULL, size != 0. In place when it can (shrink, or grow into a following free
 * block); on failure returns NULL and p is untouched.
 */
void *tlsf_realloc(struct tlsf *t, void *p, size_t size);

/*
 * 0, or -EINVAL if p is not a live block (double free, a pointer into a block or not from
 * a heap, as far as header tags and neighbour links can tell) and then nothing changes.
 */
/* Whether p is a live allocation of t (the checks tlsf_free makes before freeing). */
bool tlsf_is_live(const struct tlsf *t, const void *p);
int tlsf_free(struct tlsf *t, void *p);

/* p is a live block. */
size_t tlsf_usable_size(const void *p);

/* Payload bytes of the free blocks (the reserve pool's included), in O(1). */
size_t tlsf_free_bytes(const struct tlsf *t);
/* Memory held in pools: the lengths given to tlsf_add_pool or returned by grow. */
size_t tlsf_pool_bytes(const struct tlsf *t);

/* Verify every invariant: 0, or -1 with the first broken one in why. */
int tlsf_check(const struct tlsf *t, char *why, size_t whylen);

void tlsf_get_stats(const struct tlsf *t, struct tlsf_stats *st);

#endif /* KEEL_TLSF_H */
