// SPDX-License-Identifier: BSD-3-Clause
/* Condition variables over a wait queue and a k_mutex. */
#include <errno.h>
#include <keel/sched.h>
#include <keel/sync.h>

void k_condvar_init(struct k_condvar *c)
{
	k_waitq_init(&c->wq);
}

int k_condvar_wait_until(struct k_condvar *c, struct k_mutex *m, uint64_t deadline)
{
	unsigned long flags;
	int rc;

	k_sched_might_block("k_condvar_wait");
	if (!k_mutex_held(m) || m->depth != 1)
		return -EPERM;
	/*
	 * Queue on c before the mutex goes: a signal sent by whoever takes the mutex
	 * next finds us waiting, so no wake-up is lost.
	 */
	flags = k_spin_lock_irqsave(&c->wq.lock);
	k_mutex_unlock(m);
	rc = k_waitq_wait_locked(&c->wq, deadline);
	k_spin_unlock_irqrestore(&c->wq.lock, flags);
	k_mutex_lock(m);
	return rc;
}

int k_condvar_wait(struct k_condvar *c, struct k_mutex *m)
{
	return k_condvar_wait_until(c, m, 0);
}

void k_condvar_signal(struct k_condvar *c)
{
	k_waitq_wake(&c->wq, 1);
}

void k_condvar_broadcast(struct k_condvar *c)
{
	k_waitq_wake(&c->wq, 0);
}
