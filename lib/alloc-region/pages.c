// SPDX-License-Identifier: BSD-3-Clause
/* The region page allocator: pages in address order from each free range, no reuse. */
#include <errno.h>
#include <keel/alloc_impl.h>
#include <keel/arch.h>

#define REGION_RANGES_MAX	64

struct region_range {
	uintptr_t next;		/* first free byte; [base, next) is handed out */
	uintptr_t end;
	uintptr_t base;
};

static struct region_range region_ranges[REGION_RANGES_MAX];
static unsigned int region_nranges;

static size_t region_add_memory(uintptr_t base, size_t len)
{
	if (region_nranges == REGION_RANGES_MAX)
		return 0;
	region_ranges[region_nranges++] = (struct region_range){ base, base + len, base };
	return len / K_ARCH_PAGE_SIZE;
}

static void *region_alloc_pages(size_t npages)
{
	size_t len = npages * K_ARCH_PAGE_SIZE;

	if (npages > SIZE_MAX / K_ARCH_PAGE_SIZE)
		return NULL;
	for (unsigned int i = 0; i < region_nranges; i++) {
		struct region_range *r = &region_ranges[i];

		if (r->end - r->next >= len) {
			r->next += len;
			return (void *)(r->next - len);
		}
	}
	return NULL;
}

/*
 * Only the most recent run of a range (or its tail) comes back; anything else was
 * handed out and stays so: it is leaked, which is this allocator's trade-off.
 */
static int region_free_pages(void *p, size_t npages)
{
	uintptr_t a = (uintptr_t)p, len = npages * K_ARCH_PAGE_SIZE;

	if (npages > SIZE_MAX / K_ARCH_PAGE_SIZE)
		return -EINVAL;
	for (unsigned int i = 0; i < region_nranges; i++) {
		struct region_range *r = &region_ranges[i];

		if (a < r->base || a >= r->end)
			continue;
		/* Pages past next were never handed out. */
		if (a & (K_ARCH_PAGE_SIZE - 1) || a >= r->next || len > r->next - a)
			return -EINVAL;
		if (a + len == r->next)
			r->next = a;
		return 0;
	}
	return -EINVAL;
}

static size_t region_free_page_count(void)
{
	size_t n = 0;

	for (unsigned int i = 0; i < region_nranges; i++)
		n += (region_ranges[i].end - region_ranges[i].next) / K_ARCH_PAGE_SIZE;
	return n;
}

static const struct k_page_allocator region_pages = {
	.name = "region",
	.add_memory = region_add_memory,
	.alloc = region_alloc_pages,
	.free = region_free_pages,
	.free_pages = region_free_page_count,
};
K_PAGE_ALLOCATOR(region_pages);
