/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The allocator implementation interface: what a page allocator and a heap provide so
 * that lib/alloc can call them. Applications and libraries never include this; they use
 * keel/alloc.h. Exactly one page allocator and one heap are linked into an image (a
 * Kconfig choice each); each names itself with K_PAGE_ALLOCATOR()/K_HEAP_ALLOCATOR().
 */
#ifndef KEEL_ALLOC_IMPL_H
#define KEEL_ALLOC_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Page-granular physical memory (K_ARCH_PAGE_SIZE pages; addresses are identity-mapped,
 * so a physical address is also a pointer). Not thread-safe: lib/alloc serialises calls.
 */
struct k_page_allocator {
	const char *name;
	/*
	 * Take [base, base + len) as free memory. base and len are page aligned and the
	 * range is not empty; the implementation may keep its metadata inside it.
	 * Returns the number of pages it made available for allocation.
	 */
	size_t (*add_memory)(uintptr_t base, size_t len);
	/* npages >= 1 physically contiguous pages, page aligned; NULL when none. */
	void *(*alloc)(size_t npages);
	/* Give back a run that alloc returned, or part of one. 0, or -EINVAL when
	 * [p, p + npages pages) is not allocated memory (nothing is changed then). */
	int (*free)(void *p, size_t npages);
	size_t (*free_pages)(void);
};

/*
 * A heap for byte-granular allocations, on top of the page allocator (k_palloc).
 * Returned memory is aligned to K_MALLOC_ALIGN (keel/alloc.h).
 */
struct k_heap_allocator {
	const char *name;
	void *(*malloc)(size_t size);
	/* align is a power of two >= K_MALLOC_ALIGN. */
	void *(*memalign)(size_t align, size_t size);
	/* p is live (is_live) and size != 0: lib/alloc handles the other cases. NULL when
	 * there is no memory; p is then untouched. */
	void *(*realloc)(void *p, size_t size);
	/* 0, or -EINVAL when p is not a live allocation of this heap (nothing changed). */
	int (*free)(void *p);
	/* Whether p is a live allocation of this heap: checked before realloc and free. */
	bool (*is_live)(const void *p);
	/* Bytes usable at p (>= the size asked for); p is a live allocation. */
	size_t (*usable_size)(const void *p);
	/* Bytes free inside memory the heap holds (not counting the page allocator's). */
	size_t (*free_bytes)(void);
};

/*
 * Pages for a heap's own pools: k_palloc()/k_pfree() without the out-of-memory report,
 * because the k_malloc() that needed them reports the failure once.
 */
void *k_alloc_heap_pages(size_t npages);
void k_alloc_heap_pages_free(void *p, size_t npages);

#define K_PAGE_ALLOCATOR(ops)						\
	const struct k_page_allocator *const k_page_allocator_impl = &(ops)
#define K_HEAP_ALLOCATOR(ops)						\
	const struct k_heap_allocator *const k_heap_allocator_impl = &(ops)

extern const struct k_page_allocator *const k_page_allocator_impl;
extern const struct k_heap_allocator *const k_heap_allocator_impl;

#endif /* KEEL_ALLOC_IMPL_H */
