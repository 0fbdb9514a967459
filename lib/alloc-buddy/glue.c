// SPDX-License-Identifier: BSD-3-Clause
/* Keel glue: the buddy allocator (buddy.c) as the image's page allocator. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <keel/alloc_impl.h>
#include <keel/arch.h>
#include "buddy.h"

_Static_assert(BUDDY_PAGE_SIZE == K_ARCH_PAGE_SIZE, "buddy pages are the arch's pages");

static struct buddy buddy;
static bool buddy_ready;

/* lib/alloc hands memory over before anything allocates; an empty buddy fails cleanly. */
static size_t buddy_glue_add_memory(uintptr_t base, size_t len)
{
	if (!buddy_ready) {
		buddy_init(&buddy);
		buddy_ready = true;
	}
	return buddy_add_memory(&buddy, base, len);
}

static void *buddy_glue_alloc(size_t npages)
{
	return buddy_alloc(&buddy, npages);
}

static int buddy_glue_free(void *p, size_t npages)
{
	return buddy_free(&buddy, p, npages);
}

static size_t buddy_glue_free_pages(void)
{
	return buddy.free_pages;
}

static const struct k_page_allocator buddy_page_allocator = {
	.name = "buddy",
	.add_memory = buddy_glue_add_memory,
	.alloc = buddy_glue_alloc,
	.free = buddy_glue_free,
	.free_pages = buddy_glue_free_pages,
};

K_PAGE_ALLOCATOR(buddy_page_allocator);
