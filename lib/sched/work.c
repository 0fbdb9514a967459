// SPDX-License-Identifier: BSD-3-Clause
/* The system work queue: one thread, "kworker", running submitted k_work items. */
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/sched.h>
#include <keel/work.h>

static struct k_waitq work_wq = K_WAITQ_INIT(work_wq);
static struct k_list work_queue = K_LIST_INIT(work_queue);
static uint64_t work_done;

void k_work_init(struct k_work *w, void (*fn)(struct k_work *w))
{
	k_list_init(&w->node);
	w->fn = fn;
	w->pending = false;
}

bool k_work_submit(struct k_work *w)
{
	unsigned long flags = k_spin_lock_irqsave(&work_wq.lock);
	bool queued = !w->pending;

	if (queued) {
		w->pending = true;
		k_list_add_tail(&work_queue, &w->node);
		k_waitq_wake_locked(&work_wq, 1);
	}
	k_spin_unlock_irqrestore(&work_wq.lock, flags);
	return queued;
}

uint64_t k_work_completed(void)
{
	return __atomic_load_n(&work_done, __ATOMIC_RELAXED);
}

static void *work_thread(void *arg)
{
	unsigned long flags = k_spin_lock_irqsave(&work_wq.lock);

	(void)arg;
	for (;;) {
		struct k_work *w = k_list_first(&work_queue, struct k_work, node);

		if (!w) {
			k_waitq_wait_locked(&work_wq, 0);
			continue;
		}
		k_list_del(&w->node);
		/* Cleared first: the function may submit w again. */
		w->pending = false;
		k_spin_unlock_irqrestore(&work_wq.lock, flags);
		w->fn(w);
		__atomic_fetch_add(&work_done, 1, __ATOMIC_RELAXED);
		flags = k_spin_lock_irqsave(&work_wq.lock);
	}
	return NULL;
}

static int work_init(void)
{
	struct k_thread_attr attr = { 0, K_PRIO_MAX, 1 };
	struct k_thread *t;
	int rc = k_thread_create(&t, "kworker", work_thread, NULL, &attr);

	if (rc)
		k_panic("sched: cannot create the kworker thread (error %d)", rc);
	return 0;
}
K_INIT(work_init, K_INIT_PLAT, 51);
