// SPDX-License-Identifier: BSD-3-Clause
/* Wait queues (keel/waitq.h) over the scheduler's block and wake. */
#include <errno.h>
#include <keel/sched.h>
#include <keel/waitq.h>

void k_waitq_init(struct k_waitq *wq)
{
	wq->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	k_list_init(&wq->waiters);
}

int k_waitq_wait_locked(struct k_waitq *wq, uint64_t deadline)
{
	struct k_thread *self = k_thread_current();

	k_sched_might_block("waiting on a wait queue");
	self->state = K_THREAD_BLOCKED;
	self->waitq = wq;
	k_list_add_tail(&wq->waiters, &self->wait_node);
	return k_sched_block(&wq->lock, deadline);
}

unsigned int k_waitq_wake_locked(struct k_waitq *wq, unsigned int n)
{
	unsigned int woken = 0;

	while (!k_list_empty(&wq->waiters) && (n == 0 || woken < n)) {
		struct k_thread *t = k_list_entry(wq->waiters.next, struct k_thread, wait_node);

		k_list_del(&t->wait_node);
		t->waitq = NULL;
		k_thread_wake(t, 0);
		woken++;
	}
	return woken;
}

unsigned int k_waitq_wake(struct k_waitq *wq, unsigned int n)
{
	unsigned long flags = k_spin_lock_irqsave(&wq->lock);
	unsigned int woken = k_waitq_wake_locked(wq, n);

	k_spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}
