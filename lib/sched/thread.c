// SPDX-License-Identifier: BSD-3-Clause
/* Thread life cycle: create, start, exit, join, detach, and freeing what is left. */
#include <errno.h>
#include <string.h>
#include <keel/panic.h>
#include <keel/sched.h>
#include "sched_private.h"

#define STACK_SIZE_MAX		(1ul << 30)

/* Every thread alive, and the exited detached ones waiting to be freed. */
static struct k_list all_threads = K_LIST_INIT(all_threads);
static struct k_list zombies = K_LIST_INIT(zombies);
static unsigned int thread_count;
static void (*libc_release)(void *state);
static struct k_spinlock thread_lock = K_SPINLOCK_INIT;

const char *k_thread_name(const struct k_thread *t)
{
	return t ? t->name : "(no thread)";
}

int k_thread_priority(const struct k_thread *t)
{
	return t->priority;
}

void **k_thread_libc_slot(struct k_thread *t)
{
	return &t->libc;
}

void k_thread_set_libc_release(void (*release)(void *state))
{
	libc_release = release;
}

unsigned int sched_thread_count(void)
{
	return thread_count;
}

void sched_thread_setup(struct k_thread *t, const char *name, int priority)
{
	size_t len = strlen(name);

	if (len >= sizeof(t->name))
		len = sizeof(t->name) - 1;
	memcpy(t->name, name, len);
	t->name[len] = '\0';
	t->priority = priority;
	t->cpu = k_cpu();
	k_list_init(&t->rq_node);
	k_list_init(&t->wait_node);
	k_list_init(&t->all_node);
	k_waitq_init(&t->join_wq);
	k_timer_init(&t->timer, sched_thread_timeout);
}

void sched_thread_register(struct k_thread *t)
{
	unsigned long flags = k_spin_lock_irqsave(&thread_lock);

	k_list_add_tail(&all_threads, &t->all_node);
	thread_count++;
	k_spin_unlock_irqrestore(&thread_lock, flags);
}

static void thread_free(struct k_thread *t)
{
	unsigned long flags;

	/* Its last switch may still be running on another CPU. */
	while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		k_arch_cpu_relax();
	flags = k_spin_lock_irqsave(&thread_lock);
	k_list_del(&t->all_node);
	thread_count--;
	k_spin_unlock_irqrestore(&thread_lock, flags);
	k_arch_context_release(&t->ctx);
	k_stack_free(&t->stack);
	k_free(t->tls);
	k_free(t);
}

void sched_reap(void)
{
	for (;;) {
		unsigned long flags = k_spin_lock_irqsave(&thread_lock);
		struct k_thread *t = k_list_first(&zombies, struct k_thread, wait_node);

		if (t)
			k_list_del(&t->wait_node);
		k_spin_unlock_irqrestore(&thread_lock, flags);
		if (!t)
			return;
		thread_free(t);
	}
}

/* Every thread's first code: finish the switch that started it, run, exit. */
static void thread_start(void *arg)
{
	struct k_thread *self = arg;
	struct k_runqueue *rq = k_rq();

	sched_finish(rq);
	k_spin_unlock(&rq->lock);
	k_arch_irq_enable();
	k_preempt_point();
	k_thread_exit(self->entry(self->arg));
}

static int thread_check_attr(const struct k_thread_attr *attr)
{
	if (attr->priority < K_PRIO_MIN || attr->priority > K_PRIO_MAX)
		return -EINVAL;
	if (attr->stack_size > STACK_SIZE_MAX)
		return -EINVAL;
	return 0;
}

int sched_thread_new(struct k_thread **out, const char *name, void *(*entry)(void *),
		     void *arg, const struct k_thread_attr *attr)
{
	size_t stack = attr->stack_size ? attr->stack_size : CONFIG_SCHED_STACK_KB * 1024ul;
	struct k_thread *t;
	int rc;

	if (!entry)
		return -EINVAL;
	rc = thread_check_attr(attr);
	if (rc)
		return rc;
	t = k_calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	sched_thread_setup(t, name ? name : "thread", attr->priority);
	t->tls = k_memalign(k_arch_tls_align(), k_arch_tls_size());
	rc = t->tls ? k_stack_alloc(&t->stack, stack, t->name) : -ENOMEM;
	if (rc) {
		k_free(t->tls);
		k_free(t);
		return rc;
	}
	t->tp = k_arch_tls_init(t->tls);
	t->entry = entry;
	t->arg = arg;
	t->detached = attr->detached;
	t->state = K_THREAD_READY;
	k_arch_context_init(&t->ctx, k_stack_top(&t->stack), thread_start, t);
	sched_thread_register(t);
	*out = t;
	return 0;
}

int k_thread_create(struct k_thread **out, const char *name, void *(*entry)(void *arg),
		    void *arg, const struct k_thread_attr *attr)
{
	static const struct k_thread_attr defaults = K_THREAD_ATTR_DEFAULT;
	struct k_runqueue *rq;
	struct k_thread *t;
	unsigned long flags;
	int rc;

	k_sched_might_block("k_thread_create");
	rq = k_rq();
	sched_reap();
	rc = sched_thread_new(&t, name, entry, arg, attr ? attr : &defaults);
	if (rc)
		return rc;
	/* The handle is set before the thread can run, even if it preempts us at once. */
	if (out)
		*out = t;
	flags = k_spin_lock_irqsave(&rq->lock);
	sched_make_ready(rq, t);
	k_spin_unlock_irqrestore(&rq->lock, flags);
	return 0;
}

void k_thread_exit(void *retval)
{
	struct k_thread *self = k_thread_current();
	struct k_runqueue *rq = k_rq();

	k_sched_might_block("k_thread_exit");
	if (!self->stack.base)
		k_panic("the main thread cannot exit: return from main() instead");
	if (self->libc && libc_release) {
		libc_release(self->libc);
		self->libc = NULL;
	}
	k_arch_irq_disable();
	self->retval = retval;
	k_spin_lock(&self->join_wq.lock);
	k_spin_lock(&thread_lock);
	self->state = K_THREAD_EXITED;
	if (self->detached)
		k_list_add_tail(&zombies, &self->wait_node);
	k_spin_unlock(&thread_lock);
	k_waitq_wake_locked(&self->join_wq, 0);
	k_spin_unlock(&self->join_wq.lock);
	k_spin_lock(&rq->lock);
	sched_switch(rq, false);
	k_panic("exited thread %s was scheduled again", self->name);
}

int k_thread_join(struct k_thread *t, void **retval)
{
	unsigned long flags;
	int rc = 0;

	k_sched_might_block("k_thread_join");
	if (t == k_thread_current())
		return -EDEADLK;
	flags = k_spin_lock_irqsave(&thread_lock);
	if (t->detached || t->joined)
		rc = -EINVAL;
	t->joined = true;
	k_spin_unlock_irqrestore(&thread_lock, flags);
	if (rc)
		return rc;
	flags = k_spin_lock_irqsave(&t->join_wq.lock);
	while (t->state != K_THREAD_EXITED)
		k_waitq_wait_locked(&t->join_wq, 0);
	k_spin_unlock_irqrestore(&t->join_wq.lock, flags);
	if (retval)
		*retval = t->retval;
	thread_free(t);
	return 0;
}

int k_thread_detach(struct k_thread *t)
{
	unsigned long flags = k_spin_lock_irqsave(&thread_lock);
	bool exited = t->state == K_THREAD_EXITED;
	int rc = 0;

	if (t->detached || t->joined || !t->stack.base)
		rc = -EINVAL;
	else if (!exited)
		t->detached = true;
	else
		t->joined = true;	/* freed below, by us */
	k_spin_unlock_irqrestore(&thread_lock, flags);
	if (!rc && exited)
		thread_free(t);
	return rc;
}

int k_thread_set_priority(struct k_thread *t, int priority)
{
	struct k_runqueue *rq;
	struct k_cpu *cpu;
	unsigned long flags;

	cpu = t->cpu;
	rq = cpu->runqueue;
	if (priority < K_PRIO_MIN || priority > K_PRIO_MAX || t == rq->idle)
		return -EINVAL;
	flags = k_spin_lock_irqsave(&rq->lock);
	if (t->state == K_THREAD_READY) {
		k_sched_policy_impl->dequeue(rq, t);
		t->priority = priority;
		sched_make_ready(rq, t);
	} else {
		t->priority = priority;
	}
	/* A running thread that lowered itself yields to whoever now ranks above it. */
	if (t == cpu->current && rq->nr_ready) {
		struct k_thread *top = k_list_entry(rq->queues[k_rq_top(rq)].next,
						    struct k_thread, rq_node);

		if (k_sched_policy_impl->wakeup_preempts(t, top))
			cpu->resched = true;
		else
			sched_slice_arm(rq, t);	/* now level with a waiting thread */
	}
	k_spin_unlock_irqrestore(&rq->lock, flags);
	return 0;
}
