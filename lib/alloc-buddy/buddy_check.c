// SPDX-License-Identifier: BSD-3-Clause
/* Buddy allocator: the invariant checker, buddy_check(), with its plain-text report. */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buddy_internal.h"

static void put_char(char *why, size_t len, size_t *at, char c)
{
	if (*at + 1 < len)
		why[(*at)++] = c;
}

/* Write "msg 0xval" to why; returns -1 for the caller to pass on. */
static int report(char *why, size_t len, const char *msg, uintptr_t val)
{
	size_t at = 0;
	int shift = (int)(sizeof(val) * CHAR_BIT) - 4;

	if (!why || !len)
		return -1;
	while (*msg)
		put_char(why, len, &at, *msg++);
	put_char(why, len, &at, ' ');
	put_char(why, len, &at, '0');
	put_char(why, len, &at, 'x');
	while (shift > 0 && !((val >> shift) & 15))
		shift -= 4;	/* no leading zeros */
	for (; shift >= 0; shift -= 4)
		put_char(why, len, &at, "0123456789abcdef"[(val >> shift) & 15]);
	why[at] = '\0';
	return -1;
}

/*
 * Is the block free, inside the zone's released pages and maximal, with nothing else
 * starting inside it?
 */
static const char *check_block(const struct buddy_zone *z, uintptr_t pfn, unsigned int k)
{
	uintptr_t n = (uintptr_t)1 << k, buddy = pfn ^ n;
	size_t i = pfn - z->start_pfn;
	unsigned int j;

	if (pfn < z->start_pfn || pfn > zone_end(z) || n > zone_end(z) - pfn)
		return "free block outside its zone at pfn";
	if (pfn + n > z->tail)
		return "free block in the unreleased tail at pfn";
	if (pfn & (n - 1))
		return "free block misaligned for its order at pfn";
	if (!is_free_head(z, pfn, k))
		return "listed free block without its head bit at pfn";
	if (find_bit(z->allocated, i, i + n, true) != i + n)
		return "free block holds allocated pages at pfn";
	if (k < z->max_order && buddy >= z->start_pfn && buddy + n <= zone_end(z) &&
	    is_free_head(z, buddy, k))
		return "free block and its buddy both free at pfn";
	for (j = 0; j < k; j++) {
		size_t h = head_index(z, pfn, j), cnt = (size_t)1 << (k - j);

		if (find_bit(z->heads[j], h, h + cnt, true) != h + cnt)
			return "free block overlaps another at pfn";
	}
	return NULL;
}

/* Walk free[k]: links, blocks, and that the head bits are exactly the listed blocks. */
static const char *check_list(const struct buddy_zone *z, unsigned int k, size_t *pages,
			      uintptr_t *where)
{
	const struct buddy_free_node *node, *prev = NULL;
	size_t count = 0, bits = 0, w;
	const char *err;

	*where = k;
	if (!z->free[k] != !(z->nonempty & (1u << k)))
		return "nonempty mask disagrees with the list of order";
	for (node = z->free[k]; node; prev = node, node = node->next) {
		*where = pfn_of(node);
		if (node->prev != prev)
			return "broken prev link at pfn";
		if (++count > (z->npages >> k))
			return "free list loops or is too long at pfn";
		err = check_block(z, pfn_of(node), k);
		if (err)
			return err;
	}
	for (w = 0; w < words_for(head_bits(z->npages, k)); w++)
		bits += (size_t)__builtin_popcountll(z->heads[k][w]);
	*where = k;
	if (bits != count)
		return "head bits and listed blocks differ in number, order";
	*pages += count << k;
	return NULL;
}

/*
 * Free blocks cover exactly the released pages not marked allocated; the tail is neither
 * listed (check_block) nor allocated, and counts as free.
 */
static int check_zone(const struct buddy_zone *z, size_t *free, char *why, size_t len)
{
	size_t listed = 0, used = 0, released, w;
	uintptr_t where;
	unsigned int k;
	const char *err;

	if (!z->npages || z->max_order != fit_order(z->npages) ||
	    (uintptr_t)z < z->region_start || z->start_pfn <= pfn_of(z) ||
	    zone_end(z) > (z->region_end >> BUDDY_PAGE_SHIFT))
		return report(why, len, "malformed zone at", (uintptr_t)z);
	if (z->tail < z->start_pfn || z->tail > zone_end(z))
		return report(why, len, "tail outside its zone at pfn", z->tail);
	released = z->tail - z->start_pfn;
	if (find_bit(z->allocated, released, z->npages, true) != z->npages)
		return report(why, len, "allocated page in the unreleased tail of zone",
			      (uintptr_t)z);
	for (k = 0; k <= BUDDY_MAX_ORDER; k++) {
		if (k > z->max_order) {
			if (z->free[k] || (z->nonempty & (1u << k)))
				return report(why, len, "free block too big for zone, order", k);
			continue;
		}
		err = check_list(z, k, &listed, &where);
		if (err)
			return report(why, len, err, where);
	}
	for (w = 0; w < words_for(z->npages); w++)
		used += (size_t)__builtin_popcountll(z->allocated[w]);
	if (used > released || listed != released - used)
		return report(why, len, "free blocks do not cover the free pages of zone",
			      (uintptr_t)z);
	*free += listed + (z->npages - released);
	return 0;
}

int buddy_check(const struct buddy *b, char *why, size_t whylen)
{
	const struct buddy_zone *z, *prev = NULL;
	size_t free = 0, total = 0;

	/* Strictly increasing, non-empty regions: a loop in the list is caught too. */
	for (z = b->zones; z; prev = z, z = z->next) {
		if (prev && prev->region_end > z->region_start)
			return report(why, whylen, "zones overlap or unsorted at", (uintptr_t)z);
		if (check_zone(z, &free, why, whylen))
			return -1;
		total += z->npages;
	}
	if (total != b->total_pages)
		return report(why, whylen, "total_pages wrong, counted", total);
	if (free != b->free_pages)
		return report(why, whylen, "free_pages wrong, counted", free);
	if (why && whylen)
		why[0] = '\0';
	return 0;
}
