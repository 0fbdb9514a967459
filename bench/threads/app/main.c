// SPDX-License-Identifier: BSD-3-Clause
/*
 * The threads benchmark in the image. Without arguments: context switch (yield
 * ping-pong), thread create+join, uncontended mutex, semaphore ping-pong; each one
 * warm-up round and ROUNDS timed rounds of ROUND_NS, printing the median round as
 * "threads-bench: NAME NS_PER_OP ns/UNIT (OPS ops in NS ns)" for that round.
 * With "sleep S" or "spin S": sleep, or busy-loop on the clock, for S seconds and exit,
 * for bench/run to measure the host CPU time an idle Keel costs.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <keel/sync.h>
#include <keel/thread.h>
#include <keel/time.h>

#define ROUNDS		5
/* Long enough to swamp the clock reads, short enough that a whole boot stays ~3 s. */
#define ROUND_NS	(100 * K_NSEC_PER_MSEC)
/* Operations between clock reads: the loops check the time only once per batch. */
#define BATCH		64

struct round {
	uint64_t ops;
	uint64_t ns;
};

/* Set by main() to end the partner thread's loop; read by that thread between ops. */
static volatile bool stop;
static struct k_sem ping, pong;
static struct k_mutex mutex;

static void *yield_partner(void *arg)
{
	(void)arg;
	while (!stop)
		k_thread_yield();
	return NULL;
}

/*
 * Ping-pong with k_thread_yield(). The ops are the scheduler's own switch count, not
 * the yields: a yield that finds nobody else ready does not switch, and a time-slice
 * preemption does, so counting yields would divide by the wrong number.
 */
static int round_yield(struct round *r)
{
	struct k_sched_stats s0, s1;
	struct k_thread *t;
	uint64_t t0, t1;

	stop = false;
	if (k_thread_create(&t, "yield", yield_partner, NULL, NULL))
		return -1;
	k_thread_yield();		/* let the partner start outside the timed part */
	k_sched_stats(&s0);
	t0 = k_time_ns();
	do {
		for (int i = 0; i < BATCH; i++)
			k_thread_yield();
		t1 = k_time_ns();
	} while (t1 - t0 < ROUND_NS);
	k_sched_stats(&s1);
	stop = true;
	if (k_thread_join(t, NULL))
		return -1;
	r->ops = s1.switches - s0.switches;
	r->ns = t1 - t0;
	return 0;
}

static void *empty_thread(void *arg)
{
	return arg;
}

static int round_create(struct round *r)
{
	uint64_t t0, t1, n = 0;
	struct k_thread *t;
	void *ret;

	t0 = k_time_ns();
	do {
		for (int i = 0; i < BATCH; i++) {
			if (k_thread_create(&t, "empty", empty_thread, &n, NULL) ||
			    k_thread_join(t, &ret) || ret != &n)
				return -1;
		}
		n += BATCH;
		t1 = k_time_ns();
	} while (t1 - t0 < ROUND_NS);
	r->ops = n;
	r->ns = t1 - t0;
	return 0;
}

static int round_mutex(struct round *r)
{
	uint64_t t0, t1, n = 0;

	t0 = k_time_ns();
	do {
		for (int i = 0; i < BATCH; i++) {
			k_mutex_lock(&mutex);
			k_mutex_unlock(&mutex);
		}
		n += BATCH;
		t1 = k_time_ns();
	} while (t1 - t0 < ROUND_NS);
	r->ops = n;
	r->ns = t1 - t0;
	return 0;
}

static void *sem_partner(void *arg)
{
	(void)arg;
	for (;;) {
		k_sem_wait(&ping);
		if (stop)
			return NULL;
		k_sem_post(&pong);
	}
}

/* Each round trip is two hand-offs: main posts ping to the partner, it posts pong back. */
static int round_sem(struct round *r)
{
	uint64_t t0, t1, n = 0;
	struct k_thread *t;

	stop = false;
	k_sem_init(&ping, 0);
	k_sem_init(&pong, 0);
	if (k_thread_create(&t, "sem", sem_partner, NULL, NULL))
		return -1;
	t0 = k_time_ns();
	do {
		for (int i = 0; i < BATCH; i++) {
			k_sem_post(&ping);
			k_sem_wait(&pong);
		}
		n += 2 * BATCH;
		t1 = k_time_ns();
	} while (t1 - t0 < ROUND_NS);
	stop = true;
	k_sem_post(&ping);
	if (k_thread_join(t, NULL))
		return -1;
	r->ops = n;
	r->ns = t1 - t0;
	return 0;
}

/* Picoseconds per op, so that the integer median keeps fractions of a nanosecond. */
static uint64_t ps_per_op(const struct round *r)
{
	return r->ns * 1000 / r->ops;
}

/* One untimed round (TCG translates the code on first run), then ROUNDS; median. */
static int bench(const char *name, const char *unit, int (*run)(struct round *r))
{
	struct round rounds[ROUNDS], tmp;

	if (run(&tmp))
		goto fail;
	for (int i = 0; i < ROUNDS; i++) {
		if (run(&rounds[i]) || !rounds[i].ops)
			goto fail;
		for (int j = i; j > 0 && ps_per_op(&rounds[j - 1]) > ps_per_op(&rounds[j]); j--) {
			tmp = rounds[j];
			rounds[j] = rounds[j - 1];
			rounds[j - 1] = tmp;
		}
	}
	tmp = rounds[ROUNDS / 2];
	printf("threads-bench: %s %lu.%03lu ns/%s (%lu ops in %lu ns)\n", name,
	       (unsigned long)(ps_per_op(&tmp) / 1000), (unsigned long)(ps_per_op(&tmp) % 1000),
	       unit, (unsigned long)tmp.ops, (unsigned long)tmp.ns);
	return 0;
fail:
	printf("threads-bench: %s failed\n", name);
	return 1;
}

/* The idle figure's two sides: a sleeping image and one spinning on the clock. */
static int idle(const char *how, const char *seconds)
{
	uint64_t ns = strtoul(seconds, NULL, 10) * K_NSEC_PER_SEC, t0 = k_time_ns();

	if (strcmp(how, "sleep") == 0) {
		k_sleep_ns(ns);
	} else if (strcmp(how, "spin") == 0) {
		while (k_time_ns() - t0 < ns)
			;
	} else {
		printf("threads-bench: usage: [sleep|spin SECONDS]\n");
		return 2;
	}
	printf("threads-bench: %s %s s took %lu ns\n", how, seconds,
	       (unsigned long)(k_time_ns() - t0));
	return 0;
}

int main(int argc, char *argv[])
{
	struct k_sched_stats st;
	int rc = 0;

	if (argc == 3)
		return idle(argv[1], argv[2]);
	if (argc != 1)
		return idle("", "");
	k_mutex_init(&mutex, 0);
	k_sched_stats(&st);
	printf("threads-bench: policy %s\n", st.policy);
	rc |= bench("yield", "switch", round_yield);
	rc |= bench("create-join", "pair", round_create);
	rc |= bench("mutex", "pair", round_mutex);
	rc |= bench("sem", "hand-off", round_sem);
	return rc;
}
