// SPDX-License-Identifier: BSD-3-Clause
/*
 * Mutexes (keel/sync.h). The owner word holds the owning thread and a "contended" bit.
 * Uncontended, lock and unlock are one compare-and-swap each and never touch the wait
 * queue. A locker that must wait sets the bit under the wait queue's lock and queues;
 * an unlock that finds the bit takes the slow path and hands the mutex directly to the
 * longest waiter, so waiters are served in order and a late arrival cannot barge in.
 */
#include <errno.h>
#include <keel/sched.h>
#include <keel/sync.h>

void k_mutex_init(struct k_mutex *m, unsigned int flags)
{
	m->owner = 0;
	m->depth = 0;
	m->flags = flags;
	k_waitq_init(&m->wq);
}

static struct k_thread *mutex_caller(const char *what)
{
	k_sched_might_block(what);
	return k_thread_current();
}

static inline struct k_thread *mutex_owner(uintptr_t word)
{
	return (struct k_thread *)(word & ~(uintptr_t)K_MUTEX_CONTENDED);
}

static inline bool mutex_cas(struct k_mutex *m, uintptr_t *expect, uintptr_t desired)
{
	return __atomic_compare_exchange_n(&m->owner, expect, desired, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* The owner locks again: one more level, or -EDEADLK. */
static int mutex_relock(struct k_mutex *m)
{
	if (!(m->flags & K_MUTEX_RECURSIVE))
		return -EDEADLK;
	m->depth++;
	return 0;
}

/*
 * Wait for the mutex: under the wait queue's lock, either take it (free), find it
 * handed to us, or mark it contended and queue. 0 or -ETIMEDOUT.
 */
static int mutex_lock_slow(struct k_mutex *m, struct k_thread *self, uint64_t deadline)
{
	unsigned long flags = k_spin_lock_irqsave(&m->wq.lock);
	int rc = 0;

	for (;;) {
		uintptr_t w = __atomic_load_n(&m->owner, __ATOMIC_ACQUIRE);

		if (mutex_owner(w) == self)
			break;			/* handed over by the unlock */
		if (w == 0) {
			uintptr_t want = (uintptr_t)self |
					 (k_list_empty(&m->wq.waiters) ? 0 : K_MUTEX_CONTENDED);

			if (mutex_cas(m, &w, want)) {
				m->depth = 1;
				break;
			}
			continue;
		}
		if (!(w & K_MUTEX_CONTENDED) && !mutex_cas(m, &w, w | K_MUTEX_CONTENDED))
			continue;		/* the owner changed: look again */
		if (rc == -ETIMEDOUT)
			break;
		rc = k_waitq_wait_locked(&m->wq, deadline);
	}
	if (mutex_owner(m->owner) == self)
		rc = 0;
	k_spin_unlock_irqrestore(&m->wq.lock, flags);
	return rc;
}

int k_mutex_lock_until(struct k_mutex *m, uint64_t deadline)
{
	struct k_thread *self = mutex_caller("k_mutex_lock");
	uintptr_t w = 0;

	if (mutex_cas(m, &w, (uintptr_t)self)) {
		m->depth = 1;
		return 0;
	}
	if (mutex_owner(w) == self)
		return mutex_relock(m);
	return mutex_lock_slow(m, self, deadline);
}

int k_mutex_lock(struct k_mutex *m)
{
	return k_mutex_lock_until(m, 0);
}

int k_mutex_trylock(struct k_mutex *m)
{
	struct k_thread *self = mutex_caller("k_mutex_trylock");
	uintptr_t w = 0;

	if (mutex_cas(m, &w, (uintptr_t)self)) {
		m->depth = 1;
		return 0;
	}
	if (mutex_owner(w) == self && mutex_relock(m) == 0)
		return 0;
	return -EBUSY;
}

/* Hand the mutex to the longest waiter, or free it when nobody waits. */
static void mutex_unlock_slow(struct k_mutex *m)
{
	unsigned long flags = k_spin_lock_irqsave(&m->wq.lock);
	struct k_thread *next = k_list_first(&m->wq.waiters, struct k_thread, wait_node);
	uintptr_t word = 0;

	if (next) {
		bool more = next->wait_node.next != &m->wq.waiters;

		word = (uintptr_t)next | (more ? K_MUTEX_CONTENDED : 0);
		m->depth = 1;
	}
	__atomic_store_n(&m->owner, word, __ATOMIC_RELEASE);
	if (next)
		k_waitq_wake_locked(&m->wq, 1);
	k_spin_unlock_irqrestore(&m->wq.lock, flags);
}

int k_mutex_unlock(struct k_mutex *m)
{
	struct k_thread *self = mutex_caller("k_mutex_unlock");
	uintptr_t w = (uintptr_t)self;

	if (mutex_owner(__atomic_load_n(&m->owner, __ATOMIC_RELAXED)) != self)
		return -EPERM;
	if (--m->depth)
		return 0;
	if (!__atomic_compare_exchange_n(&m->owner, &w, 0, false, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED))
		mutex_unlock_slow(m);
	return 0;
}

bool k_mutex_held(const struct k_mutex *m)
{
	struct k_thread *self = k_thread_current();

	return self && mutex_owner(__atomic_load_n(&m->owner, __ATOMIC_RELAXED)) == self;
}
