// SPDX-License-Identifier: BSD-3-Clause
/*
 * Cooperative round-robin: one FIFO of ready threads, priorities ignored, nobody is
 * ever preempted. A thread runs until it blocks, sleeps, yields or exits.
 */
#include <keel/sched.h>

static void coop_enqueue(struct k_runqueue *rq, struct k_thread *t)
{
	k_rq_push(rq, t, 0);
}

static void coop_dequeue(struct k_runqueue *rq, struct k_thread *t)
{
	k_rq_remove(rq, t, 0);
}

static struct k_thread *coop_pick_next(struct k_runqueue *rq)
{
	struct k_thread *t = k_list_first(&rq->queues[0], struct k_thread, rq_node);

	if (t)
		k_rq_remove(rq, t, 0);
	return t;
}

static bool coop_never(const struct k_thread *cur, const struct k_thread *woken)
{
	(void)cur;
	(void)woken;
	return false;
}

static bool coop_slice_expired(struct k_runqueue *rq, const struct k_thread *cur)
{
	(void)rq;
	(void)cur;
	return false;
}

static const struct k_sched_policy coop_policy = {
	.name = "cooperative",
	.slice_ns = 0,
	.enqueue = coop_enqueue,
	.dequeue = coop_dequeue,
	.pick_next = coop_pick_next,
	.wakeup_preempts = coop_never,
	.slice_expired = coop_slice_expired,
};
K_SCHED_POLICY(coop_policy);
