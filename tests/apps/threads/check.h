/* SPDX-License-Identifier: BSD-3-Clause */
/* threads test app: reporting shared by its files. */
#ifndef THREADS_CHECK_H
#define THREADS_CHECK_H

#include <stdbool.h>
#include <stdio.h>

/* Each check prints "threads: NAME: ok|FAIL detail"; failures make the exit status. */
void check(const char *name, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Run body in a new thread and wait for it; the thread's return value (0 = fine). */
int in_thread(const char *name, int priority, void *(*body)(void *), void *arg);

extern unsigned int sleep_slack_ms;

void test_prodcons(void);
void test_mutex(void);
void test_timeouts(void);
void test_event(void);
void test_sleep(void);
void test_starve(void);
void test_wakeup_preempts(void);
void test_tls(void);
void test_lifecycle(void);
void test_irq(void);
void test_irq_block(void);
void test_fpu(void);

#endif /* THREADS_CHECK_H */
