// SPDX-License-Identifier: BSD-3-Clause
/*
 * One-shot timers on one timer device. Pending timers sit in a list ordered by
 * deadline; the device is programmed for the head only, so an idle system takes no
 * interrupts at all. Insertion is O(n) in pending timers, which stay few (one per
 * sleeping thread and per CPU's time slice).
 */
#include <errno.h>
#include <keel/panic.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/time.h>

static const struct k_clockevent *timer_device;
static struct k_list timer_pending = K_LIST_INIT(timer_pending);
static struct k_spinlock timer_lock = K_SPINLOCK_INIT;

int k_clockevent_register(const struct k_clockevent *ce)
{
	if (timer_device)
		return -EBUSY;
	timer_device = ce;
	k_debug("time: timer device %s\n", ce->name);
	return 0;
}

void k_timer_init(struct k_timer *t, void (*fn)(struct k_timer *t))
{
	t->deadline = 0;
	t->fn = fn;
	k_list_init(&t->node);
}

bool k_timer_pending(const struct k_timer *t)
{
	return k_list_linked(&t->node);
}

/* Program the device for the earliest pending timer. timer_lock held. */
static void timer_reprogram(void)
{
	struct k_timer *first = k_list_first(&timer_pending, struct k_timer, node);

	if (first)
		timer_device->program(first->deadline);
	else if (timer_device->stop)
		timer_device->stop();
}

void k_timer_start(struct k_timer *t, uint64_t deadline)
{
	struct k_list *pos;
	unsigned long flags;

	if (!timer_device)
		k_panic("time: a timer was started but no timer device is registered "
			"(enable an interrupt/timer driver, e.g. DRIVER_APIC)");
	/* Learn the counter frequency before taking the lock (it may take 30 ms). */
	(void)k_time_ns();
	flags = k_spin_lock_irqsave(&timer_lock);
	if (k_timer_pending(t))
		k_list_del(&t->node);
	t->deadline = deadline;
	/* After the last timer with an earlier or equal deadline: FIFO among equals. */
	for (pos = timer_pending.prev; pos != &timer_pending; pos = pos->prev)
		if (k_list_entry(pos, struct k_timer, node)->deadline <= deadline)
			break;
	k_list_add(pos, &t->node);
	if (timer_pending.next == &t->node)
		timer_reprogram();
	k_spin_unlock_irqrestore(&timer_lock, flags);
}

bool k_timer_cancel(struct k_timer *t)
{
	unsigned long flags = k_spin_lock_irqsave(&timer_lock);
	bool was = k_timer_pending(t);

	if (was) {
		bool first = timer_pending.next == &t->node;

		k_list_del(&t->node);
		if (first)
			timer_reprogram();
	}
	k_spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

void k_timer_interrupt(void)
{
	struct k_timer *t;

	k_spin_lock(&timer_lock);
	for (;;) {
		t = k_list_first(&timer_pending, struct k_timer, node);
		if (!t || t->deadline > k_time_ns())
			break;
		k_list_del(&t->node);
		/* fn may start timers (this one too): run it without the lock. */
		k_spin_unlock(&timer_lock);
		t->fn(t);
		k_spin_lock(&timer_lock);
	}
	timer_reprogram();
	k_spin_unlock(&timer_lock);
}
