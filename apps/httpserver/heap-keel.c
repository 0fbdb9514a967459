// SPDX-License-Identifier: BSD-3-Clause
/* httpserver: the allocator's figures for /__stats, from Keel's lib/alloc. */
#include <keel/alloc.h>
#include "server.h"

void heap_usage(struct heap_usage *u)
{
	struct k_alloc_stats st;

	k_alloc_stats(&st);
	u->in_use = st.heap_in_use;
	u->peak = st.heap_peak;
	u->pages = st.pages_in_use;
}
