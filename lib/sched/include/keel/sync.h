/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Blocking synchronisation: mutexes, semaphores, condition variables, events. All are
 * built on wait queues (keel/waitq.h) and are correct under preemption and written
 * for SMP. Which calls interrupt handlers may make is said with each; the rest block
 * and are for threads only. Deadlines are monotonic nanoseconds (keel/time.h).
 */
#ifndef KEEL_SYNC_H
#define KEEL_SYNC_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/waitq.h>

struct k_thread;

/*
 * Mutex: one owner at a time; unlock hands it to the longest waiter (FIFO, no
 * starvation). K_MUTEX_RECURSIVE lets the owner lock it again (unlock as often).
 * Uncontended lock and unlock are one atomic compare-and-swap each. No priority
 * inheritance.
 */
#define K_MUTEX_RECURSIVE	0x1

struct k_mutex {
	uintptr_t owner;		/* the owning thread | K_MUTEX_CONTENDED, 0 free */
	unsigned int depth;		/* recursion depth, the owner's to change */
	unsigned int flags;
	struct k_waitq wq;
};

#define K_MUTEX_CONTENDED	0x1	/* owner bit: waiters may exist, unlock slowly */
#define K_MUTEX_INIT(m, fl)	{ 0, 0, (fl), K_WAITQ_INIT((m).wq) }

void k_mutex_init(struct k_mutex *m, unsigned int flags);
/* 0, or -EDEADLK when the owner locks a non-recursive mutex again. */
int k_mutex_lock(struct k_mutex *m);
/* 0, -ETIMEDOUT, -EDEADLK. */
int k_mutex_lock_until(struct k_mutex *m, uint64_t deadline);
/* 0 or -EBUSY; never blocks, but still not for interrupt handlers. */
int k_mutex_trylock(struct k_mutex *m);
/* 0, or -EPERM when the caller does not own it. */
int k_mutex_unlock(struct k_mutex *m);
bool k_mutex_held(const struct k_mutex *m);	/* by the caller */

/* Counting semaphore. k_sem_post may be called from interrupt handlers. */
struct k_sem {
	struct k_waitq wq;
	unsigned int count;
};

#define K_SEM_INIT(s, n)	{ K_WAITQ_INIT((s).wq), (n) }

void k_sem_init(struct k_sem *s, unsigned int count);
void k_sem_wait(struct k_sem *s);
/* 0 or -ETIMEDOUT. */
int k_sem_wait_until(struct k_sem *s, uint64_t deadline);
/* 0 or -EAGAIN; may be called from interrupt handlers. */
int k_sem_trywait(struct k_sem *s);
void k_sem_post(struct k_sem *s);
unsigned int k_sem_count(const struct k_sem *s);

/*
 * Condition variable, used with a k_mutex held once (not recursively). Wake-ups may be
 * spurious: wait in a loop on the condition. Signal and broadcast may be called from
 * interrupt handlers.
 */
struct k_condvar {
	struct k_waitq wq;
};

#define K_CONDVAR_INIT(c)	{ K_WAITQ_INIT((c).wq) }

void k_condvar_init(struct k_condvar *c);
/* 0, or -EPERM when the caller does not hold m exactly once. */
int k_condvar_wait(struct k_condvar *c, struct k_mutex *m);
/* 0, -ETIMEDOUT (m is held again either way), -EPERM. */
int k_condvar_wait_until(struct k_condvar *c, struct k_mutex *m, uint64_t deadline);
void k_condvar_signal(struct k_condvar *c);
void k_condvar_broadcast(struct k_condvar *c);

/*
 * Event flags: up to 32 bits that threads wait on, any or all of a mask. Set and
 * clear may be called from interrupt handlers.
 */
#define K_EVENT_ALL		0x1	/* wait for every bit of the mask, not any */
#define K_EVENT_CLEAR		0x2	/* clear the bits that satisfied the wait */

struct k_event {
	struct k_waitq wq;
	uint32_t bits;
};

#define K_EVENT_INIT(e)		{ K_WAITQ_INIT((e).wq), 0 }

void k_event_init(struct k_event *e);
void k_event_set(struct k_event *e, uint32_t bits);
void k_event_clear(struct k_event *e, uint32_t bits);
uint32_t k_event_get(const struct k_event *e);
/*
 * Wait until the bits in mask are set (any, or all with K_EVENT_ALL) or until the
 * deadline (0: none). Returns the bits that were set when the wait ended, or
 * -ETIMEDOUT (as a negative int64_t).
 */
int64_t k_event_wait(struct k_event *e, uint32_t mask, unsigned int flags,
		     uint64_t deadline);

#endif /* KEEL_SYNC_H */
