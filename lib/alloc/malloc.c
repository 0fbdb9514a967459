// SPDX-License-Identifier: BSD-3-Clause
/* klibc: the C allocation functions over Keel's allocator interface, with errno. */
#include <errno.h>
#include <stdlib.h>
#include <keel/alloc.h>

static void *malloc_result(void *p)
{
	if (!p)
		errno = ENOMEM;
	return p;
}

void *malloc(size_t size)
{
	return malloc_result(k_malloc(size));
}

void *calloc(size_t nmemb, size_t size)
{
	return malloc_result(k_calloc(nmemb, size));
}

/* realloc(p, 0) frees p and returns NULL, which is not a failure: errno stays. */
void *realloc(void *p, size_t size)
{
	return p && !size ? k_realloc(p, 0) : malloc_result(k_realloc(p, size));
}

void free(void *p)
{
	k_free(p);
}

/* C11 7.22.3.1: the alignment must be one the implementation supports (a power of two). */
void *aligned_alloc(size_t align, size_t size)
{
	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	return malloc_result(k_memalign(align, size));
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = k_memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

/* The traditional name; the alignment must be a power of two. */
void *memalign(size_t align, size_t size)
{
	return aligned_alloc(align, size);
}

size_t malloc_usable_size(void *p)
{
	return k_malloc_usable_size(p);
}
