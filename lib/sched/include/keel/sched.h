/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scheduler internals, for the synchronisation primitives in lib/sched and for
 * scheduling policies. Applications use keel/thread.h and keel/sync.h.
 *
 * Locking: each CPU's run queue has a spinlock that guards its queues and the state of
 * the threads on it; a wait queue's lock is taken before a run-queue lock, never
 * after. Context switches happen with the run-queue lock held and interrupts off; the
 * thread that resumes releases the lock.
 */
#ifndef KEEL_SCHED_H
#define KEEL_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/cpu.h>
#include <keel/list.h>
#include <keel/spinlock.h>
#include <keel/thread.h>
#include <keel/time.h>
#include <keel/waitq.h>

enum k_thread_state {
	K_THREAD_READY,			/* on a run queue */
	K_THREAD_RUNNING,		/* a CPU's current thread */
	K_THREAD_BLOCKED,		/* on a wait queue, or sleeping */
	K_THREAD_EXITED,		/* waiting to be joined or freed */
};

struct k_thread {
	struct k_arch_context ctx;	/* first: the switch code's state */
	enum k_thread_state state;
	int priority;
	struct k_cpu *cpu;		/* whose run queue it belongs to */
	struct k_list rq_node;		/* run queue, while READY */
	struct k_list wait_node;	/* wait queue, while BLOCKED on one */
	struct k_waitq *waitq;		/* the wait queue it is on, NULL if none */
	int wait_result;		/* 0 woken, -ETIMEDOUT */
	struct k_timer timer;		/* sleeps and wait timeouts */
	uint64_t slice_start;		/* k_arch_counter() when it last got the CPU */
	struct k_stack stack;		/* base NULL: the boot stack */
	void *tls;			/* TLS area (NULL: the boot thread's static one) */
	uintptr_t tp;			/* thread pointer */
	void *(*entry)(void *arg);
	void *arg;
	void *retval;
	bool detached, joined;
	bool on_cpu;			/* its stack is in use until the next switch ends */
	struct k_waitq join_wq;		/* threads in k_thread_join */
	struct k_list all_node;		/* every thread alive */
	void *libc;			/* k_thread_libc_slot() */
	char name[32];
};

struct k_runqueue {
	struct k_spinlock lock;
	struct k_thread *idle;
	struct k_thread *prev;		/* the thread switched away from, for sched_finish */
	struct k_list queues[K_PRIO_MAX + 1];
	uint32_t nonempty;		/* bit p: queues[p] has a thread */
	unsigned int nr_ready;
	struct k_timer slice_timer;
	uint64_t switches, preemptions;
};

/*
 * A scheduling policy: which ready thread runs next. Exactly one is linked in
 * (Kconfig choice); it names itself with K_SCHED_POLICY(ops). Called with the run
 * queue's lock held.
 */
struct k_sched_policy {
	const char *name;
	uint64_t slice_ns;		/* 0: no time slices */
	void (*enqueue)(struct k_runqueue *rq, struct k_thread *t);
	void (*dequeue)(struct k_runqueue *rq, struct k_thread *t);
	/* Remove and return the next thread to run, NULL when none is ready. */
	struct k_thread *(*pick_next)(struct k_runqueue *rq);
	/* Should woken preempt cur right away? */
	bool (*wakeup_preempts)(const struct k_thread *cur, const struct k_thread *woken);
	/* cur's slice is over: is a thread waiting that should run instead? */
	bool (*slice_expired)(struct k_runqueue *rq, const struct k_thread *cur);
};

#define K_SCHED_POLICY(ops)						\
	const struct k_sched_policy *const k_sched_policy_impl = &(ops)
extern const struct k_sched_policy *const k_sched_policy_impl;

/* Shared queue helpers for policies: per-priority FIFO lists with a bitmap. */
void k_rq_push(struct k_runqueue *rq, struct k_thread *t, int prio);
void k_rq_remove(struct k_runqueue *rq, struct k_thread *t, int prio);
/* The highest nonempty priority, -1 when all queues are empty. */
int k_rq_top(const struct k_runqueue *rq);

/* The calling CPU's run queue. */
static inline struct k_runqueue *k_rq(void)
{
	return k_cpu()->runqueue;
}

/*
 * Block the current thread, which the caller has put on a wait queue (or none) with
 * state K_THREAD_BLOCKED, until k_thread_wake() or the deadline (monotonic ns; 0 for
 * none). The caller has checked k_sched_might_block(). Interrupts off, no locks held but wq_lock, which is released while blocked
 * and taken again before returning. Returns the thread's wait_result.
 */
int k_sched_block(struct k_spinlock *wq_lock, uint64_t deadline);

/* Make a blocked t ready with result. Any context; returns whether it was blocked. */
bool k_thread_wake(struct k_thread *t, int result);

/*
 * Stop the image with a message naming what (the call) when the caller may not block:
 * in interrupt context, or before the scheduler started.
 */
void k_sched_might_block(const char *what);

#endif /* KEEL_SCHED_H */
