// SPDX-License-Identifier: BSD-3-Clause
/*
 * k_malloc and friends over the configured heap, with statistics and failure reports.
 * One IRQ-saving spinlock serialises the heap: callable from threads and interrupt
 * handlers alike; the heap implementations need no locking of their own.
 */
#include <string.h>
#include <keel/alloc.h>
#include <keel/alloc_impl.h>
#include <keel/compiler.h>
#include <keel/panic.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include "alloc_private.h"

static struct k_spinlock heap_lock = K_SPINLOCK_INIT;

static void heap_count_alloc(void *p)
{
	alloc_stats.heap_in_use += k_heap_allocator_impl->usable_size(p);
	if (alloc_stats.heap_in_use > alloc_stats.heap_peak)
		alloc_stats.heap_peak = alloc_stats.heap_in_use;
}

void *k_malloc(size_t size)
{
	unsigned long flags = k_spin_lock_irqsave(&heap_lock);
	void *p = alloc_started() ? k_heap_allocator_impl->malloc(size) : NULL;

	if (p)
		heap_count_alloc(p);
	k_spin_unlock_irqrestore(&heap_lock, flags);
	if (!p)
		alloc_report_failure("k_malloc", size, 0);
	return p;
}

void *k_calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size) {
		alloc_report_failure("k_calloc", nmemb, size);
		return NULL;
	}
	p = k_malloc(nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

void *k_memalign(size_t align, size_t size)
{
	unsigned long flags;
	void *p = NULL;

	/* Alignments beyond a quarter of the address space cannot be met anyway. */
	if (!align || (align & (align - 1)) || align > SIZE_MAX / 4) {
		__atomic_fetch_add(&alloc_stats.failures, 1, __ATOMIC_RELAXED);
		k_err("alloc: k_memalign(%lu, %lu): the alignment is not a power of two "
		      "(or is absurdly large)\n",
		      (unsigned long)align, (unsigned long)size);
		return NULL;
	}
	flags = k_spin_lock_irqsave(&heap_lock);
	if (alloc_started())
		p = k_heap_allocator_impl->memalign(K_MAX(align, (size_t)K_MALLOC_ALIGN), size);
	if (p)
		heap_count_alloc(p);
	k_spin_unlock_irqrestore(&heap_lock, flags);
	if (!p)
		alloc_report_failure("k_memalign", align, size);
	return p;
}

static void heap_bad_free(const char *call, const void *p)
{
	k_panic("%s(%p): not a live heap allocation (freed already, or not from k_malloc)",
		call, p);
}

void k_free(void *p)
{
	unsigned long flags;
	size_t size;

	if (!p)
		return;
	flags = k_spin_lock_irqsave(&heap_lock);
	if (!alloc_started() || !k_heap_allocator_impl->is_live(p))
		heap_bad_free("k_free", p);
	size = k_heap_allocator_impl->usable_size(p);
	if (k_heap_allocator_impl->free(p))
		heap_bad_free("k_free", p);
	alloc_stats.heap_in_use -= size;
	k_spin_unlock_irqrestore(&heap_lock, flags);
}

void *k_realloc(void *p, size_t size)
{
	unsigned long flags;
	size_t old;
	void *q;

	if (!p)
		return k_malloc(size);
	if (!size) {
		k_free(p);
		return NULL;
	}
	flags = k_spin_lock_irqsave(&heap_lock);
	if (!alloc_started() || !k_heap_allocator_impl->is_live(p))
		heap_bad_free("k_realloc", p);
	old = k_heap_allocator_impl->usable_size(p);
	q = k_heap_allocator_impl->realloc(p, size);
	if (q) {
		alloc_stats.heap_in_use -= old;
		heap_count_alloc(q);
	}
	k_spin_unlock_irqrestore(&heap_lock, flags);
	if (!q)
		alloc_report_failure("k_realloc", size, 0);
	return q;
}

size_t k_malloc_usable_size(const void *p)
{
	unsigned long flags;
	size_t size;

	if (!p)
		return 0;
	flags = k_spin_lock_irqsave(&heap_lock);
	size = k_heap_allocator_impl->usable_size(p);
	k_spin_unlock_irqrestore(&heap_lock, flags);
	return size;
}

void alloc_heap_stats(struct k_alloc_stats *st)
{
	unsigned long flags = k_spin_lock_irqsave(&heap_lock);

	st->heap_in_use = alloc_stats.heap_in_use;
	st->heap_peak = alloc_stats.heap_peak;
	st->heap_free = alloc_started() ? k_heap_allocator_impl->free_bytes() : 0;
	k_spin_unlock_irqrestore(&heap_lock, flags);
}
