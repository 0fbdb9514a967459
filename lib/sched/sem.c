// SPDX-License-Identifier: BSD-3-Clause
/* Counting semaphores; a post hands its unit straight to the longest waiter. */
#include <errno.h>
#include <keel/sched.h>
#include <keel/sync.h>

void k_sem_init(struct k_sem *s, unsigned int count)
{
	k_waitq_init(&s->wq);
	s->count = count;
}

int k_sem_wait_until(struct k_sem *s, uint64_t deadline)
{
	unsigned long flags;
	int rc = 0;

	k_sched_might_block("k_sem_wait");
	flags = k_spin_lock_irqsave(&s->wq.lock);
	if (s->count)
		s->count--;
	else
		rc = k_waitq_wait_locked(&s->wq, deadline);	/* 0: a post gave us one */
	k_spin_unlock_irqrestore(&s->wq.lock, flags);
	return rc;
}

void k_sem_wait(struct k_sem *s)
{
	k_sem_wait_until(s, 0);
}

int k_sem_trywait(struct k_sem *s)
{
	unsigned long flags = k_spin_lock_irqsave(&s->wq.lock);
	int rc = -EAGAIN;

	if (s->count) {
		s->count--;
		rc = 0;
	}
	k_spin_unlock_irqrestore(&s->wq.lock, flags);
	return rc;
}

void k_sem_post(struct k_sem *s)
{
	unsigned long flags = k_spin_lock_irqsave(&s->wq.lock);
	unsigned int woken = k_waitq_wake_locked(&s->wq, 1);

	if (!woken)
		s->count++;
	k_spin_unlock_irqrestore(&s->wq.lock, flags);
}

unsigned int k_sem_count(const struct k_sem *s)
{
	return s->count;
}
