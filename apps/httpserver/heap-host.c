// SPDX-License-Identifier: BSD-3-Clause
/* httpserver: the allocator's figures for /__stats in a host build (glibc). */
#include <malloc.h>
#include "server.h"

void heap_usage(struct heap_usage *u)
{
	struct mallinfo2 mi = mallinfo2();

	u->in_use = mi.uordblks + mi.hblkhd;
	u->peak = 0;
	u->pages = mi.arena + mi.hblkhd;
}
