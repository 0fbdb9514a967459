/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wait queues: the one blocking primitive the others (mutex, semaphore, condition
 * variable, event) are built on, and what drivers use to sleep until an interrupt:
 *
 *	flags = k_spin_lock_irqsave(&wq.lock);
 *	while (!done)
 *		k_waitq_wait_locked(&wq, 0);
 *	k_spin_unlock_irqrestore(&wq.lock, flags);
 *
 * and in the interrupt handler, under the same lock so that no CPU misses it:
 *
 *	flags = k_spin_lock_irqsave(&wq.lock);
 *	done = true;
 *	k_waitq_wake_locked(&wq, 1);
 *	k_spin_unlock_irqrestore(&wq.lock, flags);
 */
#ifndef KEEL_WAITQ_H
#define KEEL_WAITQ_H

#include <stdint.h>
#include <keel/list.h>
#include <keel/spinlock.h>

struct k_waitq {
	struct k_spinlock lock;		/* guards waiters and the condition waited for */
	struct k_list waiters;		/* FIFO */
};

#define K_WAITQ_INIT(wq)	{ K_SPINLOCK_INIT, K_LIST_INIT((wq).waiters) }

void k_waitq_init(struct k_waitq *wq);

/*
 * With wq->lock held (irqsave), sleep until woken or until the monotonic deadline
 * (0: no deadline). The lock is released while asleep and held again on return.
 * 0 when woken, -ETIMEDOUT. Thread context only.
 */
int k_waitq_wait_locked(struct k_waitq *wq, uint64_t deadline);

/* Wake up to n waiters (0: all), oldest first. Any context. Returns how many woke. */
unsigned int k_waitq_wake(struct k_waitq *wq, unsigned int n);
/* The same with wq->lock already held. */
unsigned int k_waitq_wake_locked(struct k_waitq *wq, unsigned int n);

#endif /* KEEL_WAITQ_H */
