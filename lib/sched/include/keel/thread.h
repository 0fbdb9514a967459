/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads. The application's main() runs in the thread "main"; more are created with
 *
 *	struct k_thread *t;
 *	void *ret;
 *	if (k_thread_create(&t, "worker", fn, arg, NULL) == 0)
 *		k_thread_join(t, &ret);
 *
 * Every thread has its own stack with an unmapped guard page below it and its own copy
 * of the image's __thread variables. None of these may be called from interrupt
 * context except k_thread_current() and k_thread_name().
 */
#ifndef KEEL_THREAD_H
#define KEEL_THREAD_H

#include <stddef.h>
#include <stdint.h>

struct k_thread;

/* Priorities for the preemptive policy: larger runs first. Cooperative ignores them. */
#define K_PRIO_MIN		0
#define K_PRIO_DEFAULT		16
#define K_PRIO_MAX		31

struct k_thread_attr {
	size_t stack_size;		/* bytes; 0: CONFIG_SCHED_STACK_KB */
	int priority;			/* K_PRIO_MIN..K_PRIO_MAX; 0 in a zeroed attr */
	int detached;			/* nobody joins; freed when it exits */
};

/* Attributes with the defaults: default stack, K_PRIO_DEFAULT, joinable. */
#define K_THREAD_ATTR_DEFAULT	{ 0, K_PRIO_DEFAULT, 0 }

/*
 * Create a ready thread running entry(arg); attr NULL means K_THREAD_ATTR_DEFAULT.
 * The name is copied (up to 31 characters). 0 and the thread in *out (unless out is
 * NULL), or -ENOMEM, -EINVAL (NULL entry, bad priority or stack size).
 */
int k_thread_create(struct k_thread **out, const char *name, void *(*entry)(void *arg),
		    void *arg, const struct k_thread_attr *attr);

/*
 * Wait for t to exit, store its return value in *retval (unless NULL), free it.
 * 0, -EINVAL (detached, or already joined), -EDEADLK (t is the caller).
 */
int k_thread_join(struct k_thread *t, void **retval);
/* Free t when it exits; nobody may join it. 0 or -EINVAL. */
int k_thread_detach(struct k_thread *t);
/* End the calling thread; returning from entry does the same. */
__attribute__((noreturn)) void k_thread_exit(void *retval);

struct k_thread *k_thread_current(void);
const char *k_thread_name(const struct k_thread *t);
int k_thread_priority(const struct k_thread *t);
/* 0 or -EINVAL; takes effect at once (a lower priority may switch away). */
int k_thread_set_priority(struct k_thread *t, int priority);

/* Let other ready threads run (of the same or higher priority when preemptive). */
void k_thread_yield(void);
/* Sleep at least ns nanoseconds / until monotonic time deadline (keel/time.h). */
void k_sleep_ns(uint64_t ns);
void k_sleep_until(uint64_t deadline);

/* A per-thread word for a C library's per-thread state (newlib's struct _reent). */
void **k_thread_libc_slot(struct k_thread *t);
/*
 * The C library's hook for that state: called in the exiting thread's own context
 * (it may lock and free) when the slot is set. One C library per image sets it.
 */
void k_thread_set_libc_release(void (*release)(void *state));

/* Counters for tests and benchmarks. */
struct k_sched_stats {
	uint64_t switches;		/* context switches on this CPU */
	uint64_t preemptions;		/* of them, involuntary */
	unsigned int threads;		/* threads alive, idle included */
	const char *policy;
};
void k_sched_stats(struct k_sched_stats *st);

#endif /* KEEL_THREAD_H */
