/* SPDX-License-Identifier: BSD-3-Clause */
/* Binary buddy page allocator: the private API, free of Keel headers so the host tests use it. */
#ifndef KEEL_BUDDY_H
#define KEEL_BUDDY_H

#include <stddef.h>
#include <stdint.h>

#define BUDDY_PAGE_SHIFT	12
#define BUDDY_PAGE_SIZE		(1ul << BUDDY_PAGE_SHIFT)

/* Blocks hold at most 2^20 pages (4 GiB); longer runs are found by the run search. */
#define BUDDY_MAX_ORDER		20

/* List links, written into the first page of every free block (released pages only). */
struct buddy_free_node {
	struct buddy_free_node *next;
	struct buddy_free_node *prev;
};

/*
 * One range given to buddy_add_memory(). The zone header and its bitmaps sit at the
 * start of that range; the pages after them are managed. Blocks are aligned on absolute
 * page frame numbers (pfn = address >> BUDDY_PAGE_SHIFT) and never leave their zone.
 */
struct buddy_zone {
	struct buddy_zone *next;	/* the next zone up in address */
	uintptr_t region_start;		/* the range as given, for overlap checks */
	uintptr_t region_end;
	uintptr_t start_pfn;		/* first managed page */
	size_t npages;			/* managed pages, >= 1 */
	/*
	 * [tail, start_pfn + npages) was never released to the free lists: never written,
	 * on no list and not allocated, yet counted in free_pages (see buddy.c).
	 */
	uintptr_t tail;
	unsigned int max_order;		/* largest order that fits in npages */
	uint32_t nonempty;		/* bit k set <=> free[k] != NULL */
	uint64_t *allocated;		/* bit i: page start_pfn + i is allocated */
	/* heads[k] bit (pfn >> k) - (start_pfn >> k): a free block of order k starts at pfn */
	uint64_t *heads[BUDDY_MAX_ORDER + 1];
	struct buddy_free_node *free[BUDDY_MAX_ORDER + 1];
};

struct buddy {
	struct buddy_zone *zones;	/* zones sorted by address */
	size_t free_pages;
	size_t total_pages;		/* pages managed (excludes metadata) */
};

void buddy_init(struct buddy *b);

/*
 * Hand [base, base + len) to the allocator. base and len need not be page aligned: the
 * page-aligned interior is used, and the zone's metadata is carved from the start of the
 * range. A range too small for its metadata plus one page is ignored, as is one that
 * overlaps a range already added. Returns the pages made available. Only the metadata is
 * written: the allocator writes to other pages only once it hands them out, give or take
 * a few (buddy.c, "Deferred release").
 */
size_t buddy_add_memory(struct buddy *b, uintptr_t base, size_t len);

/* npages >= 1 physically contiguous, page-aligned pages; NULL when there is no such run. */
void *buddy_alloc(struct buddy *b, size_t npages);

/*
 * Free [p, p + npages pages), any sub-run of allocated memory. 0, or -EINVAL (and nothing
 * changed) when p is unaligned, outside every zone, npages is 0, or a page of the run is
 * not allocated (free, or in a zone's tail, never handed out).
 */
int buddy_free(struct buddy *b, void *p, size_t npages);

/* Check every invariant: 0 when consistent, else -1 with the reason written to why. */
int buddy_check(const struct buddy *b, char *why, size_t whylen);

#endif /* KEEL_BUDDY_H */
