// SPDX-License-Identifier: BSD-3-Clause
/* The registry of stack guard pages, for fault reports. */
#include <stddef.h>
#include <keel/arch.h>
#include <keel/guard.h>
#include <keel/spinlock.h>

static struct k_guard *guard_list;
static struct k_spinlock guard_lock = K_SPINLOCK_INIT;

void k_guard_add(struct k_guard *g)
{
	unsigned long flags = k_spin_lock_irqsave(&guard_lock);

	g->next = guard_list;
	guard_list = g;
	k_spin_unlock_irqrestore(&guard_lock, flags);
}

void k_guard_remove(struct k_guard *g)
{
	unsigned long flags = k_spin_lock_irqsave(&guard_lock);

	for (struct k_guard **p = &guard_list; *p; p = &(*p)->next) {
		if (*p == g) {
			*p = g->next;
			break;
		}
	}
	k_spin_unlock_irqrestore(&guard_lock, flags);
}

/*
 * Lock-free on purpose: a fault report must not deadlock on a lock the faulting code
 * held. Entries are linked fully initialised, so a reader sees a consistent list.
 */
const struct k_guard *k_guard_find(uintptr_t addr)
{
	for (const struct k_guard *g = guard_list; g; g = g->next)
		if (addr >= g->page && addr - g->page < K_ARCH_PAGE_SIZE)
			return g;
	return NULL;
}
