// SPDX-License-Identifier: BSD-3-Clause
/*
 * errno and threads-printf: the C library under Keel threads. errno is per thread
 * (lib/newlib/reent.c), and stdout's lock (lib/newlib/locks.c) keeps each printf
 * line whole while threads print at once and are preempted in the middle of lines;
 * tests/suites/57-libc.sh counts the lines.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <keel/thread.h>
#include "check.h"

#define NTHREADS	4
#define YIELDS		100
#define LINES		50
/* Fills each line to 60 bytes; the suite matches it exactly. */
#define PAD		"abcdefghijklmnopqrstuvwxyz0123456789ABC"
#define LINE_LEN	60

struct errno_job {
	int idx;
	int want;
	int seen;		/* errno right after the thread set it */
	int changed;		/* yields after which errno was not that any more */
	unsigned int others;	/* other threads' steps taken during this one's loop */
};

static volatile unsigned int steps;

/* Each thread gets its errno its own way: a library failure, or an assignment. */
static void *errno_body(void *arg)
{
	struct errno_job *j = arg;
	unsigned int start;

	errno = 0;
	if (j->idx == 0)
		strtol("99999999999999999999", NULL, 10);	/* ERANGE */
	else if (j->idx == 1)
		sysconf(-1);					/* EINVAL */
	else
		errno = 1000 + j->idx;
	j->seen = errno;
	start = steps;
	for (int i = 0; i < YIELDS; i++) {
		steps++;
		k_thread_yield();
		j->changed += errno != j->seen;
	}
	j->others = steps - start - YIELDS;
	return NULL;
}

static void test_errno_threads(void)
{
	struct errno_job jobs[NTHREADS] = {
		{ 0, ERANGE, 0, 0, 0 }, { 1, EINVAL, 0, 0, 0 },
		{ 2, 1002, 0, 0, 0 }, { 3, 1003, 0, 0, 0 },
	};
	struct k_thread_attr attr = K_THREAD_ATTR_DEFAULT;
	struct k_thread *t[NTHREADS];
	int created = 0, main_errno;

	errno = 77;
	for (; created < NTHREADS; created++)
		if (k_thread_create(&t[created], "errno-thread", errno_body, &jobs[created],
				    &attr))
			break;
	for (int i = 0; i < created; i++)
		k_thread_join(t[i], NULL);
	main_errno = errno;
	for (int i = 0; i < NTHREADS; i++) {
		char name[16];

		snprintf(name, sizeof(name), "errno-thread%d", i);
		check(name, i < created && jobs[i].seen == jobs[i].want && !jobs[i].changed &&
		      jobs[i].others > 0,
		      "errno %d (want %d), changed after %d of %d yields; others took %u steps "
		      "meanwhile", jobs[i].seen, jobs[i].want, jobs[i].changed, YIELDS,
		      jobs[i].others);
	}
	check("errno-main", main_errno == 77, "main's errno is %d, was 77", main_errno);
}

void test_errno(void)
{
	test_errno_threads();
}

/* One printf call per line; the return value is the line's length. */
static void *printer(void *arg)
{
	int id = (int)(intptr_t)arg, bad = 0;

	for (int n = 0; n < LINES; n++) {
		bad += printf("libc: line %d %02d %s end\n", id, n, PAD) != LINE_LEN;
		if (n % 3 == 2)
			k_thread_yield();
	}
	return (void *)(intptr_t)bad;
}

static volatile bool printing;

/*
 * Yields alone switch threads only between lines, and a line (about 100 us on the
 * console) is far shorter than a time slice: nothing would ever stop a printf
 * half-way. This thread, of a higher priority, wakes every 200 us and preempts a
 * printer, most often inside printf; the printer goes behind the others, which then
 * print while it holds stdout's lock (or, without the lock, mid-line). With newlib's
 * locks made no-ops, about half the 200 lines come out torn; without this thread, none.
 */
static void *ticker(void *arg)
{
	(void)arg;
	while (printing)
		k_sleep_ns(200000);
	return NULL;
}

void test_threads_printf(void)
{
	struct k_thread_attr attr = K_THREAD_ATTR_DEFAULT;
	struct k_thread_attr high = { 0, K_PRIO_DEFAULT + 1, 0 };
	struct k_thread *t[NTHREADS], *tick = NULL;
	struct k_sched_stats before, after;
	int created = 0, bad = 0, n;
	bool preemptive;

	k_sched_stats(&before);
	preemptive = !strcmp(before.policy, "preemptive");
	printing = true;
	if (k_thread_create(&tick, "ticker", ticker, NULL, &high))
		tick = NULL;
	for (; created < NTHREADS; created++)
		if (k_thread_create(&t[created], "printer", printer, (void *)(intptr_t)created,
				    &attr))
			break;
	for (int i = 0; i < created; i++) {
		void *ret;

		k_thread_join(t[i], &ret);
		bad += (int)(intptr_t)ret;
	}
	k_sched_stats(&after);
	printing = false;
	if (tick)
		k_thread_join(tick, NULL);
	/* The cooperative scheduler never preempts (lib/sched/policy_coop.c). */
	check("threads-printf", created == NTHREADS && tick && !bad &&
	      (!preemptive || after.preemptions - before.preemptions >= 20),
	      "%d printers; %d printf calls did not return %d; %llu preemptions",
	      created, bad, LINE_LEN,
	      (unsigned long long)(after.preemptions - before.preemptions));
	n = fprintf(stderr, "libc: stderr works\n");
	check("fprintf-stderr", n == 19, "fprintf(stderr) returned %d, want 19", n);
}
