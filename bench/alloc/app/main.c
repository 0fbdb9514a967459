// SPDX-License-Identifier: BSD-3-Clause
/* The allocation benchmark in the image: the fixed trace through k_malloc/k_free. */
#include <stdio.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/plat.h>
#include "../trace.h"

static void *slots[TRACE_SLOTS];

int main(void)
{
	struct k_alloc_stats st;
	uint64_t t0, t1, hz = plat_counter_hz();
	unsigned long ops;

	/* The first run grows the heap; the second is timed. */
	if (!trace_run(k_malloc, k_free, slots))
		return 1;
	t0 = k_arch_counter();
	ops = trace_run(k_malloc, k_free, slots);
	t1 = k_arch_counter();
	if (!ops || !hz)
		return 1;
	k_alloc_stats(&st);
	printf("alloc-bench: %s heap on %s pages: %lu ops in %lu ns\n", st.heap,
	       st.page_allocator, ops, (unsigned long)((t1 - t0) * 1000000000 / hz));
	return 0;
}
