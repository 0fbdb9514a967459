// SPDX-License-Identifier: BSD-3-Clause
/*
 * Preemptive fixed priorities: the highest-priority ready thread runs; a wake-up of a
 * higher priority preempts at once; equal priorities take turns every time slice.
 */
#include <keel/sched.h>

static void prio_enqueue(struct k_runqueue *rq, struct k_thread *t)
{
	k_rq_push(rq, t, t->priority);
}

static void prio_dequeue(struct k_runqueue *rq, struct k_thread *t)
{
	k_rq_remove(rq, t, t->priority);
}

static struct k_thread *prio_pick_next(struct k_runqueue *rq)
{
	int top = k_rq_top(rq);
	struct k_thread *t;

	if (top < 0)
		return NULL;
	t = k_list_entry(rq->queues[top].next, struct k_thread, rq_node);
	k_rq_remove(rq, t, top);
	return t;
}

static bool prio_wakeup_preempts(const struct k_thread *cur, const struct k_thread *woken)
{
	return woken->priority > cur->priority;
}

static bool prio_slice_expired(struct k_runqueue *rq, const struct k_thread *cur)
{
	return k_rq_top(rq) >= cur->priority;
}

static const struct k_sched_policy prio_policy = {
	.name = "preemptive",
	.slice_ns = CONFIG_SCHED_SLICE_MS * K_NSEC_PER_MSEC,
	.enqueue = prio_enqueue,
	.dequeue = prio_dequeue,
	.pick_next = prio_pick_next,
	.wakeup_preempts = prio_wakeup_preempts,
	.slice_expired = prio_slice_expired,
};
K_SCHED_POLICY(prio_policy);
