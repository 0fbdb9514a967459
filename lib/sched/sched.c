// SPDX-License-Identifier: BSD-3-Clause
/*
 * The scheduler core: per-CPU run queues, the context switch, blocking and waking,
 * preemption points, time slices, the idle thread, and adopting the boot thread as
 * "main". Which ready thread runs next is the policy's call (keel/sched.h).
 */
#include <errno.h>
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/print.h>
#include <keel/sched.h>
#include "sched_private.h"

#define IDLE_STACK_SIZE		(8 * 1024)

static struct k_runqueue cpu0_runqueue;
static struct k_thread main_thread;

struct k_thread *k_thread_current(void)
{
	return k_cpu()->current;
}

void k_rq_push(struct k_runqueue *rq, struct k_thread *t, int prio)
{
	k_list_add_tail(&rq->queues[prio], &t->rq_node);
	rq->nonempty |= 1u << prio;
	rq->nr_ready++;
}

void k_rq_remove(struct k_runqueue *rq, struct k_thread *t, int prio)
{
	k_list_del(&t->rq_node);
	if (k_list_empty(&rq->queues[prio]))
		rq->nonempty &= ~(1u << prio);
	rq->nr_ready--;
}

int k_rq_top(const struct k_runqueue *rq)
{
	return rq->nonempty ? 31 - __builtin_clz(rq->nonempty) : -1;
}

/* When cur's time slice ends, in monotonic ns. */
static uint64_t sched_slice_end(const struct k_thread *cur)
{
	return k_time_counter_to_ns(cur->slice_start) + k_sched_policy_impl->slice_ns;
}

/*
 * Arm the slice timer when the running thread has company that should take over at
 * the end of its slice. Otherwise no timer: a lone thread, a thread among lower
 * priorities, or an idle CPU takes no ticks (and boot never measures the clock just
 * for this). rq->lock held.
 */
void sched_slice_arm(struct k_runqueue *rq, const struct k_thread *cur)
{
	if (!k_sched_policy_impl->slice_ns || cur == rq->idle ||
	    k_timer_pending(&rq->slice_timer) || !k_sched_policy_impl->slice_expired(rq, cur))
		return;
	k_timer_start(&rq->slice_timer, sched_slice_end(cur));
}

static void sched_slice_expired(struct k_timer *timer)
{
	struct k_runqueue *rq = k_container_of(timer, struct k_runqueue, slice_timer);
	struct k_cpu *cpu = k_cpu();
	struct k_thread *cur;

	k_spin_lock(&rq->lock);
	cur = cpu->current;
	if (cur != rq->idle && k_sched_policy_impl->slice_expired(rq, cur)) {
		if (k_time_ns() < sched_slice_end(cur))
			sched_slice_arm(rq, cur);
		else
			cpu->resched = true;	/* switches as the interrupt returns */
	}
	k_spin_unlock(&rq->lock);
}

/* The second half of every switch, in the thread that now runs. rq->lock held. */
void sched_finish(struct k_runqueue *rq)
{
	__atomic_store_n(&rq->prev->on_cpu, false, __ATOMIC_RELEASE);
}

/*
 * Pick the next thread and switch to it; returns when the caller runs again. A
 * RUNNING caller goes back on the run queue; a BLOCKED or EXITED one does not.
 * rq->lock held, interrupts off.
 */
void sched_switch(struct k_runqueue *rq, bool involuntary)
{
	struct k_cpu *cpu = k_cpu();
	struct k_thread *prev = cpu->current, *next;

	/* The run-queue lock is the only one: anything else would pass to the next thread. */
	if (cpu->preempt_off != 1)
		k_panic("thread %s switches away holding a spinlock or with preemption "
			"disabled (%u levels)", prev->name, cpu->preempt_off - 1);
	if (prev->state == K_THREAD_RUNNING && prev != rq->idle) {
		prev->state = K_THREAD_READY;
		k_sched_policy_impl->enqueue(rq, prev);
	}
	next = k_sched_policy_impl->pick_next(rq);
	if (!next)
		next = rq->idle;
	cpu->resched = false;
	if (next == prev) {
		prev->state = K_THREAD_RUNNING;
		return;
	}
	next->state = K_THREAD_RUNNING;
	next->on_cpu = true;
	cpu->current = next;
	rq->prev = prev;
	rq->switches++;
	if (involuntary && prev != rq->idle)
		rq->preemptions++;
	if (k_sched_policy_impl->slice_ns && next != rq->idle) {
		next->slice_start = k_arch_counter();
		sched_slice_arm(rq, next);
	}
	if (next->tp != prev->tp)
		k_arch_tls_set(next->tp);
	k_arch_context_switch(&prev->ctx, &next->ctx);
	sched_finish(rq);
}

/* Called by lib/core at preemption points (keel/cpu.h) when cpu->resched is set. */
void k_sched_preempt(void)
{
	struct k_runqueue *rq = k_rq();
	unsigned long flags = k_spin_lock_irqsave(&rq->lock);

	if (k_cpu()->resched)
		sched_switch(rq, true);
	k_spin_unlock_irqrestore(&rq->lock, flags);
}

void k_thread_yield(void)
{
	struct k_runqueue *rq;
	unsigned long flags;

	k_sched_might_block("k_thread_yield");
	rq = k_rq();
	flags = k_spin_lock_irqsave(&rq->lock);

	sched_switch(rq, false);
	k_spin_unlock_irqrestore(&rq->lock, flags);
}

/*
 * t joins the run queue (woken, created, or its priority changed): it preempts the
 * running thread if the policy says so, or else may end the running thread's slice.
 * rq->lock held.
 */
void sched_make_ready(struct k_runqueue *rq, struct k_thread *t)
{
	struct k_cpu *cpu = t->cpu;

	t->state = K_THREAD_READY;
	k_sched_policy_impl->enqueue(rq, t);
	if (cpu->current == rq->idle || k_sched_policy_impl->wakeup_preempts(cpu->current, t))
		cpu->resched = true;
	else
		sched_slice_arm(rq, cpu->current);
}

bool k_thread_wake(struct k_thread *t, int result)
{
	struct k_runqueue *rq = t->cpu->runqueue;
	unsigned long flags = k_spin_lock_irqsave(&rq->lock);
	bool was_blocked = t->state == K_THREAD_BLOCKED;

	if (was_blocked) {
		t->wait_result = result;
		sched_make_ready(rq, t);
	}
	k_spin_unlock_irqrestore(&rq->lock, flags);
	return was_blocked;
}

void k_sched_might_block(const char *what)
{
	struct k_thread *self = k_thread_current();

	if (!self)
		k_panic("%s before the scheduler started", what);
	if (k_in_irq())
		k_panic("%s in interrupt context (thread %s)", what, self->name);
}

/* Sleeps and wait timeouts end here, in interrupt context. */
void sched_thread_timeout(struct k_timer *timer)
{
	struct k_thread *t = k_container_of(timer, struct k_thread, timer);
	struct k_waitq *wq = t->waitq;

	if (!wq) {
		k_thread_wake(t, -ETIMEDOUT);
		return;
	}
	k_spin_lock(&wq->lock);
	/* Still waiting (not woken between the timer firing and this lock)? */
	if (t->waitq == wq) {
		k_list_del(&t->wait_node);
		t->waitq = NULL;
		k_thread_wake(t, -ETIMEDOUT);
	}
	k_spin_unlock(&wq->lock);
}

int k_sched_block(struct k_spinlock *wq_lock, uint64_t deadline)
{
	struct k_thread *self = k_thread_current();
	struct k_runqueue *rq = k_rq();

	self->wait_result = 0;
	if (deadline)
		k_timer_start(&self->timer, deadline);
	if (wq_lock)
		k_spin_unlock(wq_lock);
	k_spin_lock(&rq->lock);
	sched_switch(rq, false);
	k_spin_unlock(&rq->lock);
	if (deadline)
		k_timer_cancel(&self->timer);
	if (wq_lock)
		k_spin_lock(wq_lock);
	return self->wait_result;
}

void k_sleep_until(uint64_t deadline)
{
	struct k_thread *self = k_thread_current();
	unsigned long flags;

	k_sched_might_block("k_sleep");
	if (deadline <= k_time_ns()) {
		k_thread_yield();
		return;
	}
	flags = k_arch_irq_save();
	self->state = K_THREAD_BLOCKED;
	self->waitq = NULL;
	k_sched_block(NULL, deadline);
	k_arch_irq_restore(flags);
}

void k_sleep_ns(uint64_t ns)
{
	k_sleep_until(k_time_ns() + ns);
}

/*
 * The idle thread: frees exited detached threads, then halts until an interrupt.
 * An interrupt that wakes a thread sets cpu->resched, so the switch happens as the
 * interrupt returns; with nothing to run the CPU stays halted (no tick).
 */
static void *sched_idle(void *arg)
{
	struct k_runqueue *rq = k_rq();

	(void)arg;
	for (;;) {
		sched_reap();
		k_arch_irq_disable();
		if (rq->nr_ready) {
			k_arch_irq_enable();
			k_thread_yield();
		} else {
			k_arch_wait_for_interrupt();
		}
	}
	return NULL;
}

void k_sched_stats(struct k_sched_stats *st)
{
	struct k_runqueue *rq = k_rq();

	st->switches = rq->switches;
	st->preemptions = rq->preemptions;
	st->threads = sched_thread_count();
	st->policy = k_sched_policy_impl->name;
}

/* Adopt the boot context as the thread "main"; create the idle thread. */
static int sched_init(void)
{
	struct k_cpu *cpu = k_cpu();
	struct k_runqueue *rq = &cpu0_runqueue;
	struct k_thread_attr idle_attr = { IDLE_STACK_SIZE, K_PRIO_MIN, 1 };
	int rc;

	rq->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	for (unsigned int p = 0; p <= K_PRIO_MAX; p++)
		k_list_init(&rq->queues[p]);
	k_timer_init(&rq->slice_timer, sched_slice_expired);
	cpu->runqueue = rq;

	sched_thread_setup(&main_thread, "main", K_PRIO_DEFAULT);
	main_thread.state = K_THREAD_RUNNING;
	main_thread.on_cpu = true;
	main_thread.tp = k_arch_tls_get();
	k_arch_context_init_boot(&main_thread.ctx);
	sched_thread_register(&main_thread);
	cpu->current = &main_thread;

	rc = sched_thread_new(&rq->idle, "idle", sched_idle, NULL, &idle_attr);
	if (rc)
		k_panic("sched: cannot create the idle thread (error %d)", rc);
	k_debug("sched: %s policy, main thread adopted\n", k_sched_policy_impl->name);
	return 0;
}
K_INIT(sched_init, K_INIT_PLAT, 50);
