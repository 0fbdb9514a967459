/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Deferred work: an interrupt handler does the minimum and submits a k_work; the
 * thread "kworker" (highest priority) runs its function soon after, in thread
 * context, where it may block, take mutexes and allocate.
 *
 *	static void rx_work(struct k_work *w) { ... }
 *	static struct k_work rx = K_WORK_INIT(rx, rx_work);
 *	...in the IRQ handler: k_work_submit(&rx);
 */
#ifndef KEEL_WORK_H
#define KEEL_WORK_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/list.h>

struct k_work {
	struct k_list node;
	void (*fn)(struct k_work *w);
	bool pending;
};

#define K_WORK_INIT(w, f)	{ K_LIST_INIT((w).node), (f), false }

void k_work_init(struct k_work *w, void (*fn)(struct k_work *w));
/*
 * Queue w unless it is already queued (then the one run covers both). Any context.
 * Returns whether it was queued by this call.
 */
bool k_work_submit(struct k_work *w);
/* Works run so far, for tests. */
uint64_t k_work_completed(void);

#endif /* KEEL_WORK_H */
