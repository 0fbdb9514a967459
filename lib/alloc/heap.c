// SPDX-License-Identifier: BSD-3-Clause
/* k_malloc and friends over the configured heap, with statistics and failure reports. */
#include <string.h>
#include <keel/alloc.h>
#include <keel/alloc_impl.h>
#include <keel/compiler.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "alloc_private.h"

static void heap_count_alloc(void *p)
{
	alloc_stats.heap_in_use += k_heap_allocator_impl->usable_size(p);
	if (alloc_stats.heap_in_use > alloc_stats.heap_peak)
		alloc_stats.heap_peak = alloc_stats.heap_in_use;
}

void *k_malloc(size_t size)
{
	void *p = alloc_started() ? k_heap_allocator_impl->malloc(size) : NULL;

	if (!p) {
		alloc_report_failure("k_malloc", size, 0);
		return NULL;
	}
	heap_count_alloc(p);
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
	void *p = NULL;

	/* Alignments beyond a quarter of the address space cannot be met anyway. */
	if (!align || (align & (align - 1)) || align > SIZE_MAX / 4) {
		alloc_stats.failures++;
		k_err("alloc: k_memalign(%lu, %lu): the alignment is not a power of two "
		      "(or is absurdly large)\n",
		      (unsigned long)align, (unsigned long)size);
		return NULL;
	}
	if (alloc_started())
		p = k_heap_allocator_impl->memalign(K_MAX(align, (size_t)K_MALLOC_ALIGN), size);
	if (!p) {
		alloc_report_failure("k_memalign", align, size);
		return NULL;
	}
	heap_count_alloc(p);
	return p;
}

static void heap_bad_free(const char *call, const void *p)
{
	k_panic("%s(%p): not a live heap allocation (freed already, or not from k_malloc)",
		call, p);
}

void k_free(void *p)
{
	size_t size;

	if (!p)
		return;
	if (!alloc_started() || !k_heap_allocator_impl->is_live(p))
		heap_bad_free("k_free", p);
	size = k_heap_allocator_impl->usable_size(p);
	if (k_heap_allocator_impl->free(p))
		heap_bad_free("k_free", p);
	alloc_stats.heap_in_use -= size;
}

void *k_realloc(void *p, size_t size)
{
	size_t old;
	void *q;

	if (!p)
		return k_malloc(size);
	if (!size) {
		k_free(p);
		return NULL;
	}
	if (!alloc_started() || !k_heap_allocator_impl->is_live(p))
		heap_bad_free("k_realloc", p);
	old = k_heap_allocator_impl->usable_size(p);
	q = k_heap_allocator_impl->realloc(p, size);
	if (!q) {
		alloc_report_failure("k_realloc", size, 0);
		return NULL;
	}
	alloc_stats.heap_in_use -= old;
	heap_count_alloc(q);
	return q;
}

size_t k_malloc_usable_size(const void *p)
{
	return p ? k_heap_allocator_impl->usable_size(p) : 0;
}
