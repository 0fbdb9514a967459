// SPDX-License-Identifier: BSD-3-Clause
/*
 * newlib's own calls into the allocator (stdio buffers, strdup, dtoa...) go through
 * these reentrant names; they and the application's malloc() all land in lib/alloc
 * (lib/alloc/malloc.c). newlib's allocator is not built (-DMALLOC_PROVIDED).
 */
#include <malloc.h>
#include <reent.h>
#include <stdlib.h>

void *_malloc_r(struct _reent *r, size_t size)
{
	(void)r;
	return malloc(size);
}

void *_calloc_r(struct _reent *r, size_t nmemb, size_t size)
{
	(void)r;
	return calloc(nmemb, size);
}

void *_realloc_r(struct _reent *r, void *p, size_t size)
{
	(void)r;
	return realloc(p, size);
}

void _free_r(struct _reent *r, void *p)
{
	(void)r;
	free(p);
}

void *_memalign_r(struct _reent *r, size_t align, size_t size)
{
	(void)r;
	return memalign(align, size);
}
