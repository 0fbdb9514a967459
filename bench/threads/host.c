// SPDX-License-Identifier: BSD-3-Clause
/*
 * The threads benchmark on the host, the baseline for bench/threads/app: the same four
 * figures through pthreads and POSIX semaphores, in the same shape (one warm-up round,
 * ROUNDS timed rounds of ROUND_NS, the median round), printed as
 * "threads-host: NAME NS_PER_OP ns/UNIT (OPS ops in NS ns)".
 * The whole process is pinned to one CPU first: the image has one CPU, so a hand-off
 * must be a context switch here too, not a wake-up of a thread spinning elsewhere.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#define ROUNDS		5
#define ROUND_NS	(100 * 1000000ull)
#define BATCH		64

struct round {
	uint64_t ops;
	uint64_t ns;
};

static volatile bool stop;
static sem_t ping, pong;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Context switches of the whole process so far, voluntary or not (a yield is not). */
static uint64_t switches(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)ru.ru_nvcsw + (uint64_t)ru.ru_nivcsw;
}

static void *yield_partner(void *arg)
{
	(void)arg;
	while (!stop)
		sched_yield();
	return NULL;
}

/*
 * Like the image, divide by the switches the kernel counted, not by the yields: a
 * yield that finds the other thread not runnable returns without switching.
 */
static int round_yield(struct round *r)
{
	uint64_t t0, t1, s0, s1;
	pthread_t t;

	stop = false;
	if (pthread_create(&t, NULL, yield_partner, NULL))
		return -1;
	sched_yield();
	s0 = switches();
	t0 = now_ns();
	do {
		for (int i = 0; i < BATCH; i++)
			sched_yield();
		t1 = now_ns();
	} while (t1 - t0 < ROUND_NS);
	s1 = switches();
	stop = true;
	if (pthread_join(t, NULL))
		return -1;
	r->ops = s1 - s0;
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
	pthread_t t;
	void *ret;

	t0 = now_ns();
	do {
		for (int i = 0; i < BATCH; i++) {
			if (pthread_create(&t, NULL, empty_thread, &n) || pthread_join(t, &ret) ||
			    ret != &n)
				return -1;
		}
		n += BATCH;
		t1 = now_ns();
	} while (t1 - t0 < ROUND_NS);
	r->ops = n;
	r->ns = t1 - t0;
	return 0;
}

static int round_mutex(struct round *r)
{
	uint64_t t0, t1, n = 0;

	t0 = now_ns();
	do {
		for (int i = 0; i < BATCH; i++) {
			pthread_mutex_lock(&mutex);
			pthread_mutex_unlock(&mutex);
		}
		n += BATCH;
		t1 = now_ns();
	} while (t1 - t0 < ROUND_NS);
	r->ops = n;
	r->ns = t1 - t0;
	return 0;
}

static void *sem_partner(void *arg)
{
	(void)arg;
	for (;;) {
		while (sem_wait(&ping))
			;	/* EINTR */
		if (stop)
			return NULL;
		sem_post(&pong);
	}
}

static int round_sem(struct round *r)
{
	uint64_t t0, t1, n = 0;
	pthread_t t;

	stop = false;
	if (sem_init(&ping, 0, 0) || sem_init(&pong, 0, 0))
		return -1;
	if (pthread_create(&t, NULL, sem_partner, NULL))
		return -1;
	t0 = now_ns();
	do {
		for (int i = 0; i < BATCH; i++) {
			sem_post(&ping);
			while (sem_wait(&pong))
				;
		}
		n += 2 * BATCH;
		t1 = now_ns();
	} while (t1 - t0 < ROUND_NS);
	stop = true;
	sem_post(&ping);
	if (pthread_join(t, NULL))
		return -1;
	sem_destroy(&ping);
	sem_destroy(&pong);
	r->ops = n;
	r->ns = t1 - t0;
	return 0;
}

static uint64_t ps_per_op(const struct round *r)
{
	return r->ns * 1000 / r->ops;
}

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
	printf("threads-host: %s %lu.%03lu ns/%s (%lu ops in %lu ns)\n", name,
	       (unsigned long)(ps_per_op(&tmp) / 1000), (unsigned long)(ps_per_op(&tmp) % 1000),
	       unit, (unsigned long)tmp.ops, (unsigned long)tmp.ns);
	return 0;
fail:
	fprintf(stderr, "threads-host: %s failed\n", name);
	return 1;
}

int main(void)
{
	int cpu = sched_getcpu(), rc = 0;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu < 0 ? 0 : cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("threads-host: sched_setaffinity");
		return 1;
	}
	printf("threads-host: pinned to CPU %d\n", cpu < 0 ? 0 : cpu);
	rc |= bench("yield", "switch", round_yield);
	rc |= bench("create-join", "pair", round_create);
	rc |= bench("mutex", "pair", round_mutex);
	rc |= bench("sem", "hand-off", round_sem);
	return rc;
}
