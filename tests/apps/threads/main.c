// SPDX-License-Identifier: BSD-3-Clause
/*
 * threads: in-image tests of lib/sched, lib/time and the interrupt plumbing. Each
 * argument names a test; checks print "threads: NAME: ok|FAIL ..." and the exit status
 * is the number of failures. The fault tests (overflow, deadlock, irq-block) end the
 * boot with Keel's report instead.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <keel/spinlock.h>
#include <keel/sync.h>
#include <keel/thread.h>
#include "check.h"

static int failures;

void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("threads: %s: %s%s%s\n", name, ok ? "ok" : "FAIL", detail[0] ? " " : "",
	       detail);
	failures += !ok;
}

int in_thread(const char *name, int priority, void *(*body)(void *), void *arg)
{
	struct k_thread_attr attr = { 0, priority, 0 };
	struct k_thread *t;
	void *ret;

	if (k_thread_create(&t, name, body, arg, &attr) || k_thread_join(t, &ret))
		return -1;
	return (int)(intptr_t)ret;
}

/* Recurse until the guard page below this thread's stack stops it. */
static int __attribute__((noinline)) deep(int n)
{
	volatile char pad[512];

	pad[0] = (char)n;
	/* The bound is far beyond any stack; it only keeps the compiler from objecting. */
	return n > 1000000 ? 0 : deep(n + 1) + pad[0];
}

static void *overflow_body(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)deep(0);
}

static void test_overflow(void)
{
	struct k_thread_attr attr = { 16 * 1024, K_PRIO_DEFAULT, 0 };
	struct k_thread *t;

	if (k_thread_create(&t, "deep-thread", overflow_body, NULL, &attr) == 0)
		k_thread_join(t, NULL);
	check("overflow", false, "the thread returned from unbounded recursion");
}

static void test_deadlock(void)
{
	static struct k_spinlock lock = K_SPINLOCK_INIT;
	unsigned long flags = k_spin_lock_irqsave(&lock);

	k_spin_lock(&lock);
	k_spin_unlock_irqrestore(&lock, flags);
	check("deadlock", false, "took a held spinlock twice");
}

/* Constructors run before main, after the scheduler started: they can see a thread. */
static int ctor_order[2], ctor_calls;
static bool ctor_had_thread;

__attribute__((constructor(200))) static void ctor_second(void)
{
	ctor_order[ctor_calls++ % 2] = 2;
}

__attribute__((constructor(101))) static void ctor_first(void)
{
	ctor_order[ctor_calls++ % 2] = 1;
	ctor_had_thread = k_thread_current() != NULL;
}

struct test {
	const char *name;
	void (*run)(void);
};

static const struct test tests[] = {
	{ "prodcons", test_prodcons },
	{ "mutex", test_mutex },
	{ "timeouts", test_timeouts },
	{ "event", test_event },
	{ "sleep", test_sleep },
	{ "starve", test_starve },
	{ "wakeup", test_wakeup_preempts },
	{ "tls", test_tls },
	{ "lifecycle", test_lifecycle },
	{ "irq", test_irq },
	{ "irq-block", test_irq_block },
	{ "fpu", test_fpu },
	{ "overflow", test_overflow },
	{ "deadlock", test_deadlock },
};

int main(int argc, char **argv)
{
	struct k_sched_stats st;

	k_sched_stats(&st);
	printf("threads: policy %s\n", st.policy);
	check("constructors", ctor_calls == 2 && ctor_order[0] == 1 && ctor_order[1] == 2 &&
	      ctor_had_thread, "%d calls, order %d,%d", ctor_calls, ctor_order[0], ctor_order[1]);
	for (int i = 1; i < argc; i++) {
		size_t j;

		if (!strncmp(argv[i], "slack=", 6)) {
			sleep_slack_ms = (unsigned int)strtoul(argv[i] + 6, NULL, 10);
			continue;
		}
		for (j = 0; j < sizeof(tests) / sizeof(tests[0]); j++) {
			if (!strcmp(argv[i], tests[j].name)) {
				tests[j].run();
				break;
			}
		}
		if (j == sizeof(tests) / sizeof(tests[0]))
			check(argv[i], false, "no such test");
	}
	printf("threads: %d failures\n", failures);
	return failures;
}
