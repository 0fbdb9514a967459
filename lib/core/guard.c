// SPDX-License-Identifier: BSD-3-Clause
/* The registry of stack guard pages, for fault reports. */
#include <stddef.h>
#include <keel/arch.h>
#include <keel/guard.h>

/* A short list: one entry per stack. SMP will need a lock around add/remove. */
static struct k_guard *guard_list;

void k_guard_add(struct k_guard *g)
{
	g->next = guard_list;
	guard_list = g;
}

void k_guard_remove(struct k_guard *g)
{
	for (struct k_guard **p = &guard_list; *p; p = &(*p)->next) {
		if (*p == g) {
			*p = g->next;
			return;
		}
	}
}

const struct k_guard *k_guard_find(uintptr_t addr)
{
	for (const struct k_guard *g = guard_list; g; g = g->next)
		if (addr >= g->page && addr - g->page < K_ARCH_PAGE_SIZE)
			return g;
	return NULL;
}
