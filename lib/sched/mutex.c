// SPDX-License-Identifier: BSD-3-Clause
/* Mutexes with direct hand-off to the longest waiter (keel/sync.h). */
#include <errno.h>
#include <keel/panic.h>
#include <keel/sched.h>
#include <keel/sync.h>

void k_mutex_init(struct k_mutex *m, unsigned int flags)
{
	k_waitq_init(&m->wq);
	m->owner = NULL;
	m->depth = 0;
	m->flags = flags;
}

static struct k_thread *mutex_caller(const char *what)
{
	struct k_thread *self = k_thread_current();

	if (!self)
		k_panic("%s before the scheduler started", what);
	if (k_in_irq())
		k_panic("%s in interrupt context (thread %s)", what, self->name);
	return self;
}

/* Take m if it is free or ours; wq.lock held. 1 taken, 0 busy, -EDEADLK. */
static int mutex_try(struct k_mutex *m, struct k_thread *self)
{
	if (!m->owner) {
		m->owner = self;
		m->depth = 1;
		return 1;
	}
	if (m->owner != self)
		return 0;
	if (!(m->flags & K_MUTEX_RECURSIVE))
		return -EDEADLK;
	m->depth++;
	return 1;
}

int k_mutex_lock_until(struct k_mutex *m, uint64_t deadline)
{
	struct k_thread *self = mutex_caller("k_mutex_lock");
	unsigned long flags = k_spin_lock_irqsave(&m->wq.lock);
	int rc = mutex_try(m, self);

	/* Unlock hands the mutex over: waking up as its owner is success. */
	while (rc == 0) {
		int woke = k_waitq_wait_locked(&m->wq, deadline);

		if (m->owner == self)
			rc = 1;
		else if (woke == -ETIMEDOUT)
			rc = -ETIMEDOUT;
	}
	k_spin_unlock_irqrestore(&m->wq.lock, flags);
	return rc < 0 ? rc : 0;
}

int k_mutex_lock(struct k_mutex *m)
{
	return k_mutex_lock_until(m, 0);
}

int k_mutex_trylock(struct k_mutex *m)
{
	struct k_thread *self = mutex_caller("k_mutex_trylock");
	unsigned long flags = k_spin_lock_irqsave(&m->wq.lock);
	int rc = mutex_try(m, self);

	k_spin_unlock_irqrestore(&m->wq.lock, flags);
	return rc == 1 ? 0 : -EBUSY;
}

int k_mutex_unlock(struct k_mutex *m)
{
	struct k_thread *self = mutex_caller("k_mutex_unlock");
	unsigned long flags = k_spin_lock_irqsave(&m->wq.lock);
	struct k_thread *next = NULL;

	if (m->owner != self) {
		k_spin_unlock_irqrestore(&m->wq.lock, flags);
		return -EPERM;
	}
	if (--m->depth == 0) {
		next = k_list_first(&m->wq.waiters, struct k_thread, wait_node);
		m->owner = next;
		if (next) {
			m->depth = 1;
			k_waitq_wake_locked(&m->wq, 1);
		}
	}
	k_spin_unlock_irqrestore(&m->wq.lock, flags);
	if (next)
		k_sched_preempt_check();
	return 0;
}

bool k_mutex_held(const struct k_mutex *m)
{
	return m->owner && m->owner == k_thread_current();
}
