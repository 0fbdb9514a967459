/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory allocation for Keel and applications: a heap (k_malloc and friends), physically
 * contiguous pages (k_palloc), and stacks with a guard page. Which allocators implement
 * them is a Kconfig choice (keel/alloc_impl.h); callers never name one.
 *
 * Allocation failures return NULL and log one line saying what was asked and what is
 * free. Freeing memory that is not allocated (a double free, a wild pointer) is a bug
 * that stops Keel with a report. Thread-safe and callable from interrupt handlers:
 * the heap and the page allocator each sit behind an IRQ-saving spinlock.
 */
#ifndef KEEL_ALLOC_H
#define KEEL_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <keel/guard.h>

#define K_MALLOC_ALIGN	16	/* every k_malloc pointer is aligned to this */

void *k_malloc(size_t size);
void *k_calloc(size_t nmemb, size_t size);
/* k_realloc(NULL, n) is k_malloc(n); k_realloc(p, 0) frees p and returns NULL. On
 * failure p is left untouched. */
void *k_realloc(void *p, size_t size);
/* align: a power of two (smaller values than K_MALLOC_ALIGN are raised to it). */
void *k_memalign(size_t align, size_t size);
void k_free(void *p);
size_t k_malloc_usable_size(const void *p);

/* npages physically contiguous, page-aligned pages (K_ARCH_PAGE_SIZE each). */
void *k_palloc(size_t npages);
/* Free npages at p: all of a k_palloc() run or any part of one. */
void k_pfree(void *p, size_t npages);

/*
 * Hand [base, base + len) to the page allocator after boot: memory that boot kept
 * reserved and nothing uses any more (a consumed initrd). base and len are page
 * aligned. Returns the pages made available (pages_total grows by as much); 0 when
 * the range is malformed or the allocator has no room to track another range.
 */
size_t k_alloc_add_memory(uintptr_t base, size_t len);

struct k_alloc_stats {
	size_t heap_in_use;	/* bytes in live k_malloc allocations (usable sizes) */
	size_t heap_peak;	/* highest heap_in_use so far */
	size_t heap_free;	/* bytes free inside memory the heap holds */
	size_t pages_in_use;	/* bytes in live k_palloc runs, the heap's pools included */
	size_t pages_free;	/* bytes the page allocator can still hand out */
	size_t pages_total;	/* bytes the page allocator manages */
	size_t failures;	/* allocations that returned NULL */
	const char *page_allocator;	/* implementation names, for reports */
	const char *heap;
};

void k_alloc_stats(struct k_alloc_stats *st);

/* A stack with an unmapped guard page under it. */
struct k_stack {
	void *base;		/* lowest usable byte, just above the guard page */
	size_t size;		/* usable bytes */
	struct k_guard guard;
};

/*
 * Allocate a stack of at least size bytes (rounded up to pages) whose overflow faults
 * with "stack overflow in <owner>". 0, -ENOMEM, or -EINVAL for size 0.
 */
int k_stack_alloc(struct k_stack *s, size_t size, const char *owner);
void k_stack_free(struct k_stack *s);

static inline void *k_stack_top(const struct k_stack *s)
{
	return (char *)s->base + s->size;
}

struct k_bootinfo;

/* Hand the boot memory's free ranges to the page allocator; lib/boot calls it once. */
int k_alloc_init(struct k_bootinfo *bi);

#endif /* KEEL_ALLOC_H */
