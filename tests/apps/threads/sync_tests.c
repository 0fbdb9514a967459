// SPDX-License-Identifier: BSD-3-Clause
/* threads: producers and consumers, mutex semantics, timeouts, events. */
#include <errno.h>
#include <string.h>
#include <keel/sync.h>
#include <keel/thread.h>
#include <keel/time.h>
#include "check.h"

#define PRODUCERS	4
#define CONSUMERS	3
#define ITEMS		500		/* per producer */
#define SLOTS		8

/* A bounded buffer guarded either by mutex + condvars or by semaphores + mutex. */
static struct {
	struct k_mutex lock;
	struct k_condvar not_full, not_empty;
	struct k_sem free_slots, used_slots;
	bool use_sems;
	unsigned int buf[SLOTS];
	unsigned int head, tail, count;
	unsigned int produced_left;	/* items still to be taken by consumers */
	uint64_t sum;
	unsigned int taken;
} pc;

static void pc_put(unsigned int v)
{
	if (pc.use_sems)
		k_sem_wait(&pc.free_slots);
	k_mutex_lock(&pc.lock);
	while (!pc.use_sems && pc.count == SLOTS)
		k_condvar_wait(&pc.not_full, &pc.lock);
	pc.buf[pc.tail] = v;
	pc.tail = (pc.tail + 1) % SLOTS;
	pc.count++;
	if (!pc.use_sems)
		k_condvar_signal(&pc.not_empty);
	k_mutex_unlock(&pc.lock);
	if (pc.use_sems)
		k_sem_post(&pc.used_slots);
}

static void *producer(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;

	for (unsigned int i = 1; i <= ITEMS; i++) {
		pc_put(id * 100000 + i);
		if (i % 7 == 0)
			k_thread_yield();
	}
	return NULL;
}

/* Take one item; false once every item has been taken. */
static bool pc_take(void)
{
	unsigned int v;

	if (pc.use_sems) {
		k_mutex_lock(&pc.lock);
		bool done = pc.produced_left == 0;

		if (!done)
			pc.produced_left--;
		k_mutex_unlock(&pc.lock);
		if (done)
			return false;
		k_sem_wait(&pc.used_slots);
	}
	k_mutex_lock(&pc.lock);
	if (!pc.use_sems) {
		while (pc.count == 0 && pc.produced_left)
			k_condvar_wait(&pc.not_empty, &pc.lock);
		if (!pc.produced_left) {
			k_mutex_unlock(&pc.lock);
			return false;
		}
		pc.produced_left--;
		if (!pc.produced_left)
			k_condvar_broadcast(&pc.not_empty);	/* the others stop */
	}
	v = pc.buf[pc.head];
	pc.head = (pc.head + 1) % SLOTS;
	pc.count--;
	pc.sum += v;
	pc.taken++;
	if (!pc.use_sems)
		k_condvar_signal(&pc.not_full);
	k_mutex_unlock(&pc.lock);
	if (pc.use_sems)
		k_sem_post(&pc.free_slots);
	return true;
}

static void *consumer(void *arg)
{
	(void)arg;
	while (pc_take())
		;
	return NULL;
}

static void prodcons_run(bool use_sems)
{
	struct k_thread *t[PRODUCERS + CONSUMERS];
	uint64_t want = 0;
	int created = 0;

	memset(&pc, 0, sizeof(pc));
	k_mutex_init(&pc.lock, 0);
	k_condvar_init(&pc.not_full);
	k_condvar_init(&pc.not_empty);
	k_sem_init(&pc.free_slots, SLOTS);
	k_sem_init(&pc.used_slots, 0);
	pc.use_sems = use_sems;
	pc.produced_left = PRODUCERS * ITEMS;
	for (unsigned int p = 0; p < PRODUCERS; p++)
		for (unsigned int i = 1; i <= ITEMS; i++)
			want += p * 100000 + i;
	for (unsigned int i = 0; i < CONSUMERS; i++)
		created += k_thread_create(&t[created], "consumer", consumer, NULL, NULL) == 0;
	for (unsigned int p = 0; p < PRODUCERS; p++)
		created += k_thread_create(&t[created], "producer", producer,
					   (void *)(uintptr_t)p, NULL) == 0;
	for (int i = 0; i < created; i++)
		k_thread_join(t[i], NULL);
	check(use_sems ? "prodcons-sem" : "prodcons-condvar",
	      created == PRODUCERS + CONSUMERS && pc.taken == PRODUCERS * ITEMS &&
	      pc.sum == want && pc.count == 0,
	      "%u items, checksum %lu (want %u, %lu), %d threads", pc.taken,
	      (unsigned long)pc.sum, PRODUCERS * ITEMS, (unsigned long)want, created);
}

void test_prodcons(void)
{
	prodcons_run(false);
	prodcons_run(true);
}

#define COUNTERS	6
#define INCREMENTS	2000

static struct k_mutex counter_lock = K_MUTEX_INIT(counter_lock, 0);
static volatile unsigned long counter;

/* Read-yield-write inside the lock: without mutual exclusion updates get lost. */
static void *incrementer(void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < INCREMENTS; i++) {
		k_mutex_lock(&counter_lock);
		unsigned long v = counter;

		if (i % 16 == 0)
			k_thread_yield();
		counter = v + 1;
		k_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void *try_other(void *arg)
{
	struct k_mutex *m = arg;
	int busy = k_mutex_trylock(m), perm = k_mutex_unlock(m);

	return (void *)(intptr_t)(busy == -EBUSY && perm == -EPERM ? 0 : 1);
}

void test_mutex(void)
{
	struct k_thread *t[COUNTERS];
	struct k_mutex plain, rec;
	int n = 0, rc1, rc2, rc3;

	counter = 0;
	for (int i = 0; i < COUNTERS; i++)
		n += k_thread_create(&t[n], "incrementer", incrementer, NULL, NULL) == 0;
	for (int i = 0; i < n; i++)
		k_thread_join(t[i], NULL);
	check("mutex-counter", n == COUNTERS && counter == (unsigned long)COUNTERS * INCREMENTS,
	      "%lu (want %lu)", counter, (unsigned long)COUNTERS * INCREMENTS);

	k_mutex_init(&plain, 0);
	k_mutex_init(&rec, K_MUTEX_RECURSIVE);
	k_mutex_lock(&plain);
	rc1 = k_mutex_lock(&plain);
	rc2 = in_thread("try-other", K_PRIO_DEFAULT, try_other, &plain);
	k_mutex_unlock(&plain);
	rc3 = k_mutex_unlock(&plain);
	check("mutex-errors", rc1 == -EDEADLK && rc2 == 0 && rc3 == -EPERM,
	      "relock %d, other thread %d, unlock unowned %d", rc1, rc2, rc3);
	rc1 = k_mutex_lock(&rec) | k_mutex_lock(&rec) | k_mutex_lock(&rec);
	rc2 = in_thread("try-other", K_PRIO_DEFAULT, try_other, &rec);
	rc3 = k_mutex_unlock(&rec) | k_mutex_unlock(&rec) | k_mutex_unlock(&rec);
	check("mutex-recursive", rc1 == 0 && rc2 == 0 && rc3 == 0 &&
	      k_mutex_unlock(&rec) == -EPERM && k_mutex_trylock(&rec) == 0 &&
	      k_mutex_unlock(&rec) == 0, "lock %d, other %d, unlock %d", rc1, rc2, rc3);
}

/* A wait with a deadline returns -ETIMEDOUT, and not before the deadline. */
static void timeout_check(const char *name, int rc, uint64_t start, uint64_t ms)
{
	uint64_t waited = k_time_ns() - start;

	check(name, rc == -ETIMEDOUT && waited >= ms * K_NSEC_PER_MSEC,
	      "rc %d after %lu us (deadline %lu ms)", rc,
	      (unsigned long)(waited / 1000), (unsigned long)ms);
}

static void *hold_mutex(void *arg)
{
	struct k_mutex *m = arg;

	k_mutex_lock(m);
	k_sleep_ns(60 * K_NSEC_PER_MSEC);
	k_mutex_unlock(m);
	return NULL;
}

void test_timeouts(void)
{
	struct k_sem s = K_SEM_INIT(s, 0);
	struct k_mutex m = K_MUTEX_INIT(m, 0);
	struct k_condvar c = K_CONDVAR_INIT(c);
	struct k_event e = K_EVENT_INIT(e);
	struct k_thread *holder;
	uint64_t t0;
	int rc;

	t0 = k_time_ns();
	timeout_check("timeout-sem", k_sem_wait_until(&s, t0 + 10 * K_NSEC_PER_MSEC), t0, 10);
	k_mutex_lock(&m);
	t0 = k_time_ns();
	rc = k_condvar_wait_until(&c, &m, t0 + 10 * K_NSEC_PER_MSEC);
	timeout_check("timeout-condvar", rc, t0, 10);
	check("timeout-condvar-relocked", k_mutex_held(&m), "%s",
	      k_mutex_held(&m) ? "" : "the mutex was not held after the timeout");
	k_mutex_unlock(&m);
	t0 = k_time_ns();
	timeout_check("timeout-event", (int)k_event_wait(&e, 1, 0, t0 + 10 * K_NSEC_PER_MSEC),
		      t0, 10);
	k_thread_create(&holder, "holder", hold_mutex, &m, NULL);
	k_sleep_ns(5 * K_NSEC_PER_MSEC);
	t0 = k_time_ns();
	timeout_check("timeout-mutex", k_mutex_lock_until(&m, t0 + 10 * K_NSEC_PER_MSEC), t0, 10);
	rc = k_mutex_lock_until(&m, k_time_ns() + 500 * K_NSEC_PER_MSEC);
	check("timeout-mutex-then-acquired", rc == 0, "rc %d", rc);
	if (!rc)
		k_mutex_unlock(&m);
	k_thread_join(holder, NULL);
	/* Waking before the deadline: a post 5 ms in. */
	k_sem_post(&s);
	check("timeout-not-needed", k_sem_wait_until(&s, k_time_ns() + K_NSEC_PER_SEC) == 0, "%s", "");
}

static struct k_event ev = K_EVENT_INIT(ev);

static void *event_waiter(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)k_event_wait(&ev, 0x3, K_EVENT_ALL | K_EVENT_CLEAR, 0);
}

void test_event(void)
{
	struct k_thread *t;
	void *ret = NULL;
	uint32_t after_one;

	k_thread_create(&t, "event-waiter", event_waiter, NULL, NULL);
	k_event_set(&ev, 0x1);
	k_sleep_ns(2 * K_NSEC_PER_MSEC);
	after_one = k_event_get(&ev);
	k_event_set(&ev, 0x6);
	k_thread_join(t, &ret);
	check("event-all", (intptr_t)ret == 0x7 && after_one == 0x1 && k_event_get(&ev) == 0x4,
	      "waiter saw 0x%lx, bits after one set 0x%x, left 0x%x", (long)(intptr_t)ret,
	      after_one, k_event_get(&ev));
}
