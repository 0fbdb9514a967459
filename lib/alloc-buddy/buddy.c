// SPDX-License-Identifier: BSD-3-Clause
/*
 * Binary buddy page allocator over absolute page frame numbers.
 *
 * A block of order k is 2^k pages starting at a pfn that is a multiple of 2^k, wholly
 * inside one zone. Free blocks sit on per-order, per-zone doubly linked lists whose links
 * live in the block's first page. The invariant that makes everything else work: no free
 * block's buddy is a free block of the same order. Then every free block is the largest
 * aligned block (up to BUDDY_MAX_ORDER) that lies in free released memory, so the block
 * structure is a function of the set of free released pages alone: freeing everything
 * restores exactly the structure of releasing everything (below).
 *
 * Deferred release. The list links live in the free pages, so listing a whole zone at
 * add_memory would write to the first page of each of its blocks. In a VM the first
 * touch of a guest page makes the host fault it in and back it (milliseconds per fresh
 * 2 MiB under nested virtualization), for memory the guest may never use. So a zone
 * starts as one tail, [tail, end): on no list, not allocated, but counted free. When the
 * lists cannot serve n pages (order k: 2^k >= n), buddy_alloc() releases part of a tail,
 * always from its low end, through the normal free path (merging with free buddies):
 *  - From the lowest zone whose tail holds n pages at a 2^k boundary a, it releases
 *    [tail, a + n) as its maximal aligned blocks and hands out [a, a + n): aligned as
 *    a block would be, and exactly n pages, so none is split off and written. If a block
 *    of the alignment prefix [tail, a) merges with free pages below into an order-k
 *    block, the release stops there and that block is used instead.
 *  - Else (no tail fits n at a 2^k boundary) a run is searched among released pages, and
 *    failing that a run of the free pages just below a tail and as much of the tail as
 *    needed, released to exactly the run's end. Large non-aligned runs, such as 1 GiB
 *    out of [1 MiB, 2 GiB - 128 KiB), are found this way.
 * A release writes the first page of each block it releases: pages handed out at once,
 * except for the prefix, at most k blocks of less than 2^k pages in all right below them,
 * which later small requests take. Splitting a prefix block later, or the block a merge
 * ended the release with, writes a few more pages inside that block. So the pages written
 * but not handed out are O(k) per request, all within 2^k pages of those handed out, and
 * a boot that uses little memory touches little. A zone whose tail is all released
 * behaves exactly as if it had been listed at add_memory.
 *
 * Metadata, carved from the start of each zone's range: the zone header (about 0.4 KiB),
 * then an "allocated" bitmap of 1 bit per page, then one "free block head" bitmap per
 * order k <= max_order of npages / 2^k + 2 bits. In all about 3 bits per page
 * (1 + 1 + 1/2 + 1/4 + ...), 96 KiB per GiB managed, plus two words per order.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "buddy_internal.h"

#define PAGE_MASK	((uintptr_t)BUDDY_PAGE_SIZE - 1)

_Static_assert(BUDDY_MAX_ORDER < 32, "zone->nonempty holds one bit per order");
_Static_assert(BUDDY_MAX_ORDER >= 20, "blocks must reach 4 GiB");

/* Smallest k with 2^k >= n, for n >= 1. */
static unsigned int ceil_log2(size_t n)
{
	return n <= 1 ? 0 : floor_log2(n - 1) + 1;
}

static uintptr_t align_up(uintptr_t x, uintptr_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* The lowest i >= lim such that no bit in [i, from) is set. */
static size_t find_clear_start(const uint64_t *map, size_t from, size_t lim)
{
	size_t i = from;

	while (i > lim) {
		unsigned int top = (unsigned int)((i - 1) % WORD_BITS);
		uint64_t w = map[(i - 1) / WORD_BITS] << (WORD_BITS - 1 - top);

		if (w) {
			size_t hit = i - 1 - (size_t)__builtin_clzll(w);

			return hit >= lim ? hit + 1 : lim;
		}
		i -= top + 1;
	}
	return lim;
}

static void assign_bits(uint64_t *map, size_t from, size_t to, bool set)
{
	while (from < to) {
		unsigned int bit = (unsigned int)(from % WORD_BITS);
		size_t n = to - from < WORD_BITS - bit ? to - from : WORD_BITS - bit;
		uint64_t mask = n == WORD_BITS ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1) << bit;

		if (set)
			map[from / WORD_BITS] |= mask;
		else
			map[from / WORD_BITS] &= ~mask;
		from += n;
	}
}

static struct buddy_free_node *node_at(uintptr_t pfn)
{
	return (struct buddy_free_node *)(pfn << BUDDY_PAGE_SHIFT);
}

static void flip_head(struct buddy_zone *z, uintptr_t pfn, unsigned int k)
{
	size_t i = head_index(z, pfn, k);

	z->heads[k][i / WORD_BITS] ^= (uint64_t)1 << (i % WORD_BITS);
}

static void insert_block(struct buddy_zone *z, uintptr_t pfn, unsigned int k)
{
	struct buddy_free_node *n = node_at(pfn);

	n->prev = NULL;
	n->next = z->free[k];
	if (n->next)
		n->next->prev = n;
	z->free[k] = n;
	z->nonempty |= 1u << k;
	flip_head(z, pfn, k);
}

static void remove_block(struct buddy_zone *z, uintptr_t pfn, unsigned int k)
{
	struct buddy_free_node *n = node_at(pfn);

	if (n->prev)
		n->prev->next = n->next;
	else
		z->free[k] = n->next;
	if (n->next)
		n->next->prev = n->prev;
	if (!z->free[k])
		z->nonempty &= ~(1u << k);
	flip_head(z, pfn, k);
}

/*
 * Free one aligned block, merging it with its buddy while the buddy is free too. Returns
 * the order of the block it ended in. A buddy in the tail has no head bit: no merge.
 */
static unsigned int free_block(struct buddy_zone *z, uintptr_t pfn, unsigned int k)
{
	while (k < z->max_order) {
		uintptr_t buddy = pfn ^ ((uintptr_t)1 << k);

		if (buddy < z->start_pfn || buddy + ((uintptr_t)1 << k) > zone_end(z) ||
		    !is_free_head(z, buddy, k))
			break;
		remove_block(z, buddy, k);
		pfn &= ~((uintptr_t)1 << k);
		k++;
	}
	insert_block(z, pfn, k);
	return k;
}

/* The order of the largest aligned block at pfn that fits in n >= 1 pages. */
static unsigned int piece_order(uintptr_t pfn, size_t n)
{
	unsigned int k = fit_order(n);

	if (pfn && (unsigned int)__builtin_ctzl((unsigned long)pfn) < k)
		k = (unsigned int)__builtin_ctzl((unsigned long)pfn);
	return k;
}

/* Free any run of pages inside z: as its maximal aligned blocks, each merged up. */
static void free_range(struct buddy_zone *z, uintptr_t pfn, size_t n)
{
	while (n) {
		unsigned int k = piece_order(pfn, n);

		free_block(z, pfn, k);
		pfn += (uintptr_t)1 << k;
		n -= (size_t)1 << k;
	}
}

/* The order of the free block starting at pfn (inside z), or -1 when none starts there. */
static int free_order_at(const struct buddy_zone *z, uintptr_t pfn)
{
	unsigned int k;

	for (k = 0; k <= z->max_order && !(pfn & (((uintptr_t)1 << k) - 1)); k++)
		if (is_free_head(z, pfn, k))
			return (int)k;
	return -1;
}

/*
 * Mark the free pages [pfn, pfn + n) allocated. pfn starts a free block (a free run
 * starts where its first block does) and each block of the run ends where the next one
 * starts. The last block's pages past the run go back; they can only merge among
 * themselves, as every buddy they have lies inside that block.
 */
static void carve(struct buddy_zone *z, uintptr_t pfn, size_t n)
{
	uintptr_t end = pfn + n, p = pfn, block_end;
	int k;

	while (p < end && (k = free_order_at(z, p)) >= 0) {
		remove_block(z, p, (unsigned int)k);
		block_end = p + ((uintptr_t)1 << k);
		if (block_end > end)
			free_range(z, end, block_end - end);
		p = block_end;
	}
	assign_bits(z->allocated, pfn - z->start_pfn, end - z->start_pfn, true);
}

/* The zone whose smallest free block of order >= k is smallest (best fit). */
static struct buddy_zone *pick_block(const struct buddy *b, unsigned int k, unsigned int *order)
{
	struct buddy_zone *z, *best = NULL;
	unsigned int best_k = BUDDY_MAX_ORDER + 1;

	if (k > BUDDY_MAX_ORDER)
		return NULL;
	for (z = b->zones; z; z = z->next) {
		uint32_t avail = z->nonempty >> k;

		if (avail && k + (unsigned int)__builtin_ctz(avail) < best_k) {
			best = z;
			best_k = k + (unsigned int)__builtin_ctz(avail);
		}
	}
	*order = best_k;
	return best;
}

/*
 * Release the tail up to stop: [tail, stop) as its maximal aligned blocks, each freed as
 * if it had been allocated, so that it merges with free pages below. Returns the first
 * page of the block that a release made of order >= want, stopping there, or 0 (page 0 is
 * never managed).
 */
static uintptr_t release_tail(struct buddy_zone *z, uintptr_t stop, unsigned int want)
{
	while (z->tail < stop) {
		uintptr_t pfn = z->tail;
		unsigned int k = piece_order(pfn, stop - pfn);

		z->tail += (uintptr_t)1 << k;
		k = free_block(z, pfn, k);
		if (k >= want)
			return pfn & ~(((uintptr_t)1 << k) - 1);
	}
	return 0;
}

/*
 * n pages from the lowest zone whose tail holds them at a 2^k boundary a. Called when no
 * free block has order >= k, so no block below the tail merges past order k.
 */
static struct buddy_zone *take_tail(struct buddy *b, size_t n, unsigned int k,
				    uintptr_t *pfn)
{
	struct buddy_zone *z;
	uintptr_t a;

	for (z = b->zones; z; z = z->next) {
		if (k > z->max_order)
			continue;
		a = align_up(z->tail, (uintptr_t)1 << k);
		if (a >= zone_end(z) || n > zone_end(z) - a)
			continue;
		*pfn = release_tail(z, a + n, k);
		if (!*pfn)
			*pfn = a;	/* [a, a + n) is free, in blocks that end at a + n */
		return z;
	}
	return NULL;
}

/*
 * Is the free block (pfn, k) inside a free run of at least n released pages? If so
 * *start is the run's first page: taking the run's head leaves its tail in one piece. A
 * run shorter than n holds at most three blocks of the orders searched, so rescanning it
 * is cheap. Tail pages are clear in the allocated bitmap but on no list: runs stop there.
 */
static bool run_around(const struct buddy_zone *z, uintptr_t pfn, unsigned int k, size_t n,
		       uintptr_t *start)
{
	size_t i = pfn - z->start_pfn;
	size_t left = find_clear_start(z->allocated, i, 0);

	if (n > (z->tail - z->start_pfn) - left)
		return false;
	if (find_bit(z->allocated, i + ((size_t)1 << k), left + n, true) != left + n)
		return false;
	*start = z->start_pfn + left;
	return true;
}

/*
 * The lowest order of free block any free run of n >= 1 pages must contain. The first
 * multiple m of 2^j at or after the run's start a is at most a + 2^j - 1, so when
 * n >= 2^(j+1) - 1 the aligned [m, m + 2^j) lies inside the run. Free blocks are maximal,
 * so the block holding page m has order >= j. Hence j = floor(log2(n + 1)) - 1; it is
 * tight (n = 2^(j+1) - 2 pages from a = 2^j + 1 hold no aligned 2^j block).
 */
static unsigned int run_min_order(size_t n)
{
	unsigned int j = floor_log2(n + 1) - 1;

	return j > BUDDY_MAX_ORDER ? BUDDY_MAX_ORDER : j;
}

/* Find n free contiguous released pages in z when no single block is big enough. */
static bool find_run(const struct buddy_zone *z, size_t n, uintptr_t *start)
{
	const struct buddy_free_node *node;
	unsigned int k;

	if (n > z->npages)
		return false;
	for (k = run_min_order(n); k <= z->max_order; k++)
		for (node = z->free[k]; node; node = node->next)
			if (run_around(z, pfn_of(node), k, n, start))
				return true;
	return false;
}

/*
 * A run of n pages that reaches into z's tail: the free pages just below the tail, then
 * the tail released up to exactly the run's end.
 */
static bool tail_run(struct buddy_zone *z, size_t n, uintptr_t *start)
{
	size_t t = z->tail - z->start_pfn;
	size_t left = find_clear_start(z->allocated, t, 0);

	if (t == z->npages || n > z->npages - left)
		return false;
	release_tail(z, z->start_pfn + left + n, BUDDY_MAX_ORDER + 1);
	*start = z->start_pfn + left;
	return true;
}

/*
 * n contiguous pages when no block and no tail at a 2^k boundary holds them: released
 * pages first, as they cost no new writes. Runs stay inside one zone: zones that happen
 * to touch are not merged.
 */
static struct buddy_zone *find_any_run(struct buddy *b, size_t n, uintptr_t *start)
{
	struct buddy_zone *z;

	for (z = b->zones; z; z = z->next)
		if (find_run(z, n, start))
			return z;
	for (z = b->zones; z; z = z->next)
		if (tail_run(z, n, start))
			return z;
	return NULL;
}

void *buddy_alloc(struct buddy *b, size_t npages)
{
	struct buddy_zone *z;
	unsigned int k = ceil_log2(npages), order;
	uintptr_t pfn = 0;

	if (npages == 0 || npages > b->free_pages)
		return NULL;
	z = pick_block(b, k, &order);
	if (z)
		pfn = pfn_of(z->free[order]);
	else if (!(z = take_tail(b, npages, k, &pfn)) && !(z = find_any_run(b, npages, &pfn)))
		return NULL;
	carve(z, pfn, npages);
	b->free_pages -= npages;
	return (void *)(pfn << BUDDY_PAGE_SHIFT);
}

static struct buddy_zone *zone_of(const struct buddy *b, uintptr_t pfn)
{
	struct buddy_zone *z;

	for (z = b->zones; z; z = z->next)
		if (pfn >= z->start_pfn && pfn < zone_end(z))
			return z;
	return NULL;
}

int buddy_free(struct buddy *b, void *p, size_t npages)
{
	uintptr_t pfn = pfn_of(p);
	struct buddy_zone *z = zone_of(b, pfn);
	size_t i;

	if (!z || npages == 0 || ((uintptr_t)p & PAGE_MASK))
		return -EINVAL;
	i = pfn - z->start_pfn;
	/* Tail pages are clear in the bitmap: a free reaching into the tail fails here too. */
	if (npages > z->npages - i || find_bit(z->allocated, i, i + npages, false) != i + npages)
		return -EINVAL;
	assign_bits(z->allocated, i, i + npages, false);
	free_range(z, pfn, npages);
	b->free_pages += npages;
	return 0;
}

void buddy_init(struct buddy *b)
{
	*b = (struct buddy){ .zones = NULL };
}

/* Header and bitmaps for a zone of at most npages pages. */
static size_t meta_bytes(size_t npages)
{
	size_t words = words_for(npages);
	unsigned int k;

	for (k = 0; k <= fit_order(npages); k++)
		words += words_for(head_bits(npages, k));
	return sizeof(struct buddy_zone) + words * sizeof(uint64_t);
}

/* Lay out z for the pages [first, last), its bitmaps sized for bound >= their count. */
static void init_zone(struct buddy_zone *z, uintptr_t first, uintptr_t last, size_t bound)
{
	uint64_t *words = (uint64_t *)(z + 1);
	unsigned int k;

	memset(z, 0, sizeof(*z));
	z->start_pfn = first >> BUDDY_PAGE_SHIFT;
	z->npages = (last - first) >> BUDDY_PAGE_SHIFT;
	z->max_order = fit_order(z->npages);
	z->tail = z->start_pfn;		/* nothing released: the pages stay untouched */
	z->allocated = words;
	words += words_for(bound);
	for (k = 0; k <= z->max_order; k++) {
		z->heads[k] = words;
		words += words_for(head_bits(bound, k));
	}
	memset(z->allocated, 0, (size_t)((char *)words - (char *)z->allocated));
}

static bool overlaps_zone(const struct buddy *b, uintptr_t start, uintptr_t end)
{
	const struct buddy_zone *z;

	for (z = b->zones; z; z = z->next)
		if (start < z->region_end && z->region_start < end)
			return true;
	return false;
}

static void link_zone(struct buddy *b, struct buddy_zone *z)
{
	struct buddy_zone **pos = &b->zones;

	while (*pos && (*pos)->region_start < z->region_start)
		pos = &(*pos)->next;
	z->next = *pos;
	*pos = z;
}

/*
 * Every bound below is checked before it is used, so no sum wraps: last is page aligned
 * and everything rounded up is below it. Page 0 is never used: its address is NULL.
 */
size_t buddy_add_memory(struct buddy *b, uintptr_t base, size_t len)
{
	uintptr_t end = len > UINTPTR_MAX - base ? UINTPTR_MAX : base + len;
	uintptr_t last = end & ~PAGE_MASK;
	uintptr_t meta = base < BUDDY_PAGE_SIZE ? BUDDY_PAGE_SIZE : base;
	uintptr_t first;
	struct buddy_zone *z;
	size_t bound, bytes;

	if (len == 0 || meta >= last || overlaps_zone(b, base, end))
		return 0;
	meta = align_up(meta, _Alignof(struct buddy_zone));
	bound = (last - meta) >> BUDDY_PAGE_SHIFT;
	if (bound == 0)
		return 0;
	bytes = meta_bytes(bound);	/* far less than the bound pages it describes */
	first = align_up(meta + bytes, BUDDY_PAGE_SIZE);
	if (first >= last)
		return 0;
	z = (struct buddy_zone *)meta;
	init_zone(z, first, last, bound);
	z->region_start = base;
	z->region_end = end;
	link_zone(b, z);
	b->total_pages += z->npages;
	b->free_pages += z->npages;
	return z->npages;
}
