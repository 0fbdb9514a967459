// SPDX-License-Identifier: BSD-3-Clause
/*
 * k_palloc/k_pfree over the configured page allocator, and its start from boot memory.
 * An IRQ-saving spinlock serialises the page allocator; the heap lock may be held when
 * it is taken (heap growth), never the other way round.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/alloc_impl.h>
#include <keel/arch.h>
#include <keel/bootmem.h>
#include <keel/fmt.h>
#include <keel/panic.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include "alloc_private.h"

/* Free ranges handed over at boot; more are dropped (smallest first) with a warning. */
#define PAGES_RANGES_MAX	64

struct k_alloc_stats alloc_stats;
static struct k_spinlock page_lock = K_SPINLOCK_INIT;

void alloc_report_failure(const char *call, size_t n, size_t size)
{
	const struct k_heap_allocator *h = k_heap_allocator_impl;
	const struct k_page_allocator *pa = k_page_allocator_impl;

	__atomic_fetch_add(&alloc_stats.failures, 1, __ATOMIC_RELAXED);
	if (!alloc_started()) {
		k_err("alloc: %s(%lu) before the allocators started\n", call, (unsigned long)n);
		return;
	}
	char args[48];

	if (size)
		k_snprintf(args, sizeof(args), "%lu, %lu", (unsigned long)n, (unsigned long)size);
	else
		k_snprintf(args, sizeof(args), "%lu", (unsigned long)n);
	/* Racy reads of the free counts, for a log line only. */
	k_warn("alloc: out of memory: %s(%s) failed; free: %lu KiB of pages, %lu KiB in "
	       "the heap\n", call, args,
	       (unsigned long)(pa->free_pages() * K_ARCH_PAGE_SIZE >> 10),
	       (unsigned long)(h->free_bytes() >> 10));
}

void *k_alloc_heap_pages(size_t npages)
{
	unsigned long flags;
	void *p = NULL;

	if (!alloc_started() || !npages || npages > SIZE_MAX / K_ARCH_PAGE_SIZE)
		return NULL;
	flags = k_spin_lock_irqsave(&page_lock);
	p = k_page_allocator_impl->alloc(npages);
	if (p)
		alloc_stats.pages_in_use += npages * K_ARCH_PAGE_SIZE;
	k_spin_unlock_irqrestore(&page_lock, flags);
	return p;
}

void k_alloc_heap_pages_free(void *p, size_t npages)
{
	k_pfree(p, npages);
}

void *k_palloc(size_t npages)
{
	void *p = k_alloc_heap_pages(npages);

	if (!p)
		alloc_report_failure("k_palloc", npages, 0);
	return p;
}

void k_pfree(void *p, size_t npages)
{
	unsigned long flags;

	if (!p || !npages)
		return;
	flags = k_spin_lock_irqsave(&page_lock);
	if (!alloc_started() || k_page_allocator_impl->free(p, npages))
		k_panic("k_pfree(%p, %lu): those pages are not allocated (double free or "
			"bad pointer)", p, (unsigned long)npages);
	alloc_stats.pages_in_use -= npages * K_ARCH_PAGE_SIZE;
	k_spin_unlock_irqrestore(&page_lock, flags);
}

size_t k_alloc_add_memory(uintptr_t base, size_t len)
{
	unsigned long flags;
	size_t got;

	if (!alloc_started() || !len || (base | len) & (K_ARCH_PAGE_SIZE - 1) ||
	    base + len < base)
		return 0;
	flags = k_spin_lock_irqsave(&page_lock);
	got = k_page_allocator_impl->add_memory(base, len);
	alloc_stats.pages_total += got * K_ARCH_PAGE_SIZE;
	k_spin_unlock_irqrestore(&page_lock, flags);
	return got;
}

void k_alloc_stats(struct k_alloc_stats *st)
{
	unsigned long flags;

	alloc_heap_stats(st);
	flags = k_spin_lock_irqsave(&page_lock);
	st->pages_total = alloc_stats.pages_total;
	st->pages_in_use = alloc_stats.pages_in_use;
	st->pages_free = alloc_started() ?
			 k_page_allocator_impl->free_pages() * K_ARCH_PAGE_SIZE : 0;
	k_spin_unlock_irqrestore(&page_lock, flags);
	st->failures = __atomic_load_n(&alloc_stats.failures, __ATOMIC_RELAXED);
	st->page_allocator = k_page_allocator_impl->name;
	st->heap = k_heap_allocator_impl->name;
}

int k_alloc_init(struct k_bootinfo *bi)
{
	static struct k_mem_range ranges[PAGES_RANGES_MAX];
	unsigned int n = k_bootmem_free_ranges(bi, ranges, PAGES_RANGES_MAX);
	size_t pages = 0;

	if (n > PAGES_RANGES_MAX) {
		k_warn("alloc: %u free memory ranges, using the %u largest\n", n,
		       PAGES_RANGES_MAX);
		n = PAGES_RANGES_MAX;
	}
	for (unsigned int i = 0; i < n; i++) {
		size_t got = k_page_allocator_impl->add_memory(ranges[i].base,
							       ranges[i].end - ranges[i].base);

		k_debug("alloc: 0x%012lx-0x%012lx free, %lu pages usable\n",
			(unsigned long)ranges[i].base, (unsigned long)ranges[i].end,
			(unsigned long)got);
		pages += got;
	}
	alloc_stats.pages_total = pages * K_ARCH_PAGE_SIZE;
	k_debug("alloc: %lu KiB for %s pages and the %s heap\n",
		(unsigned long)(pages * K_ARCH_PAGE_SIZE >> 10), k_page_allocator_impl->name,
		k_heap_allocator_impl->name);
	return pages ? 0 : -ENOMEM;
}
