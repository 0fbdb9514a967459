// SPDX-License-Identifier: BSD-3-Clause
/* Keel glue: the TLSF heap (tlsf.c) as k_malloc's heap, growing in chunks of pages. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <keel/alloc.h>
#include <keel/alloc_impl.h>
#include <keel/arch.h>
#include "tlsf.h"

_Static_assert(TLSF_ALIGN == K_MALLOC_ALIGN, "TLSF pointers meet K_MALLOC_ALIGN");

#define TLSF_CHUNK_PAGES \
	((size_t)CONFIG_ALLOC_TLSF_CHUNK_KB * 1024 / K_ARCH_PAGE_SIZE)

static struct tlsf heap;
static bool heap_ready;

/*
 * min_bytes already counts the pool's own overhead. Take a whole chunk when that is
 * enough, so small allocations rarely reach the page allocator; a bigger request gets a
 * pool of its own size, which tlsf.c gives back as soon as it is free again.
 */
static void *heap_grow(size_t min_bytes, size_t *got, void *ctx)
{
	size_t pages;
	void *mem;

	(void)ctx;
	if (min_bytes > SIZE_MAX - K_ARCH_PAGE_SIZE)
		return NULL;
	pages = (min_bytes + K_ARCH_PAGE_SIZE - 1) / K_ARCH_PAGE_SIZE;
	if (pages < TLSF_CHUNK_PAGES) {
		mem = k_alloc_heap_pages(TLSF_CHUNK_PAGES);
		if (mem) {
			*got = TLSF_CHUNK_PAGES * K_ARCH_PAGE_SIZE;
			return mem;
		}
		/* Short of a whole chunk: a pool just big enough still serves the request. */
	}
	mem = k_alloc_heap_pages(pages);
	if (mem)
		*got = pages * K_ARCH_PAGE_SIZE;
	return mem;
}

/* len is what heap_grow reported, a whole number of pages. */
static void heap_shrink(void *mem, size_t len, void *ctx)
{
	(void)ctx;
	k_alloc_heap_pages_free(mem, len / K_ARCH_PAGE_SIZE);
}

/* lib/alloc has no start hook for the heap: set it up on first use. */
static struct tlsf *heap_get(void)
{
	if (!heap_ready) {
		tlsf_init(&heap, heap_grow, heap_shrink, NULL);
		tlsf_set_reserve_max(&heap, TLSF_CHUNK_PAGES * K_ARCH_PAGE_SIZE);
		heap_ready = true;
	}
	return &heap;
}

static void *tlsf_glue_malloc(size_t size)
{
	return tlsf_malloc(heap_get(), size);
}

static void *tlsf_glue_memalign(size_t align, size_t size)
{
	return tlsf_memalign(heap_get(), align, size);
}

static void *tlsf_glue_realloc(void *p, size_t size)
{
	return tlsf_realloc(heap_get(), p, size);
}

static int tlsf_glue_free(void *p)
{
	return tlsf_free(heap_get(), p);
}

static bool tlsf_glue_is_live(const void *p)
{
	return tlsf_is_live(heap_get(), p);
}

static size_t tlsf_glue_usable_size(const void *p)
{
	return tlsf_usable_size(p);
}

static size_t tlsf_glue_free_bytes(void)
{
	return tlsf_free_bytes(heap_get());
}

static const struct k_heap_allocator tlsf_heap_allocator = {
	.name = "tlsf",
	.malloc = tlsf_glue_malloc,
	.memalign = tlsf_glue_memalign,
	.realloc = tlsf_glue_realloc,
	.free = tlsf_glue_free,
	.is_live = tlsf_glue_is_live,
	.usable_size = tlsf_glue_usable_size,
	.free_bytes = tlsf_glue_free_bytes,
};

K_HEAP_ALLOCATOR(tlsf_heap_allocator);
