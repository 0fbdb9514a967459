/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/alloc internals shared between the heap, page and stack front ends. */
#ifndef ALLOC_PRIVATE_H
#define ALLOC_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <keel/alloc.h>

extern struct k_alloc_stats alloc_stats;

/* k_alloc_init() handed memory to the page allocator (boot stops if there was none). */
static inline bool alloc_started(void)
{
	return alloc_stats.pages_total != 0;
}

/* Count a failed allocation and log one line: what was asked, what is free. */
void alloc_report_failure(const char *call, size_t n, size_t size);
/* The heap's share of k_alloc_stats, read under the heap lock. */
void alloc_heap_stats(struct k_alloc_stats *st);

#endif /* ALLOC_PRIVATE_H */
