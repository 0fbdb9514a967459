// SPDX-License-Identifier: BSD-3-Clause
/* The region heap: each block carved after the previous one in chunks of pages. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/alloc_impl.h>
#include <keel/arch.h>

#define REGION_MAGIC_LIVE	0x6b65656c6c697665ull	/* "keellive" */
#define REGION_MAGIC_FREED	0x6b65656c66726565ull	/* "keelfree" */

/* Sits right before every block; 16 bytes keeps blocks K_MALLOC_ALIGN aligned. */
struct region_block {
	size_t size;
	uint64_t magic;
};

static uintptr_t region_next, region_end;	/* free space left in the current chunk */

static uintptr_t region_align_up(uintptr_t v, size_t a)
{
	return (v + a - 1) & ~(uintptr_t)(a - 1);
}

/* A new chunk for a block of size bytes at alignment align; the old chunk's rest is lost. */
static bool region_grow(size_t size, size_t align)
{
	size_t chunk = (size_t)CONFIG_ALLOC_REGION_CHUNK_KB * 1024, need;
	void *p;

	if (align > SIZE_MAX / 4 || size > SIZE_MAX / 4)
		return false;
	need = region_align_up(size + align + sizeof(struct region_block), K_ARCH_PAGE_SIZE);
	chunk = need > chunk ? need : chunk;
	p = k_alloc_heap_pages(chunk / K_ARCH_PAGE_SIZE);
	if (!p && chunk > need) {	/* memory is short: just what this block needs */
		chunk = need;
		p = k_alloc_heap_pages(chunk / K_ARCH_PAGE_SIZE);
	}
	if (!p)
		return false;
	region_next = (uintptr_t)p;
	region_end = region_next + chunk;
	return true;
}

static void *region_carve(size_t align, size_t size)
{
	uintptr_t p;

	if (size > SIZE_MAX / 2)
		return NULL;
	size = region_align_up(size ? size : 1, K_MALLOC_ALIGN);
	p = region_align_up(region_next + sizeof(struct region_block), align);
	if (!region_end || p > region_end || size > region_end - p) {
		if (!region_grow(size, align))
			return NULL;
		p = region_align_up(region_next + sizeof(struct region_block), align);
		if (p > region_end || size > region_end - p)
			return NULL;
	}
	((struct region_block *)p)[-1] = (struct region_block){ size, REGION_MAGIC_LIVE };
	region_next = p + size;
	return (void *)p;
}

static void *region_malloc(size_t size)
{
	return region_carve(K_MALLOC_ALIGN, size);
}

static void *region_memalign(size_t align, size_t size)
{
	return region_carve(align, size);
}

static struct region_block *region_block_of(const void *p)
{
	struct region_block *b = (struct region_block *)p - 1;

	return ((uintptr_t)p & (K_MALLOC_ALIGN - 1)) || b->magic != REGION_MAGIC_LIVE ? NULL : b;
}

/* Whether p's block is the last one carved in the current chunk. */
static bool region_is_last(const struct region_block *b)
{
	return (uintptr_t)(b + 1) + b->size == region_next;
}

/* Blocks freed in reverse order of allocation are reused; others are leaked. */
static int region_free(void *p)
{
	struct region_block *b = region_block_of(p);

	if (!b)
		return -EINVAL;
	b->magic = REGION_MAGIC_FREED;
	if (region_is_last(b))
		region_next = (uintptr_t)b;
	return 0;
}

static void *region_realloc(void *p, size_t size)
{
	struct region_block *b = region_block_of(p);
	size_t want = region_align_up(size, K_MALLOC_ALIGN);
	void *q;

	if (!b || size > SIZE_MAX / 2)
		return NULL;
	if (want <= b->size)
		return p;
	if (region_is_last(b) && want <= region_end - (uintptr_t)p) {
		b->size = want;
		region_next = (uintptr_t)p + want;
		return p;
	}
	q = region_malloc(size);
	if (!q)
		return NULL;
	memcpy(q, p, b->size);
	region_free(p);
	return q;
}

static bool region_is_live(const void *p)
{
	return region_block_of(p) != NULL;
}

static size_t region_usable_size(const void *p)
{
	return ((const struct region_block *)p - 1)->size;
}

static size_t region_free_bytes(void)
{
	return region_end - region_next;
}

static const struct k_heap_allocator region_heap = {
	.name = "region",
	.malloc = region_malloc,
	.memalign = region_memalign,
	.realloc = region_realloc,
	.free = region_free,
	.is_live = region_is_live,
	.usable_size = region_usable_size,
	.free_bytes = region_free_bytes,
};
K_HEAP_ALLOCATOR(region_heap);
