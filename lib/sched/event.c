// SPDX-License-Identifier: BSD-3-Clause
/* Event flags: threads wait for any or all bits of a mask (keel/sync.h). */
#include <errno.h>
#include <keel/sched.h>
#include <keel/sync.h>

void k_event_init(struct k_event *e)
{
	k_waitq_init(&e->wq);
	e->bits = 0;
}

void k_event_set(struct k_event *e, uint32_t bits)
{
	unsigned long flags = k_spin_lock_irqsave(&e->wq.lock);

	e->bits |= bits;
	/* Every waiter re-checks its own mask; those not satisfied wait again. */
	k_waitq_wake_locked(&e->wq, 0);
	k_spin_unlock_irqrestore(&e->wq.lock, flags);
}

void k_event_clear(struct k_event *e, uint32_t bits)
{
	unsigned long flags = k_spin_lock_irqsave(&e->wq.lock);

	e->bits &= ~bits;
	k_spin_unlock_irqrestore(&e->wq.lock, flags);
}

uint32_t k_event_get(const struct k_event *e)
{
	return __atomic_load_n(&e->bits, __ATOMIC_RELAXED);
}

static bool event_satisfied(uint32_t bits, uint32_t mask, unsigned int flags)
{
	return (flags & K_EVENT_ALL) ? (bits & mask) == mask : (bits & mask) != 0;
}

int64_t k_event_wait(struct k_event *e, uint32_t mask, unsigned int flags,
		     uint64_t deadline)
{
	unsigned long irqf;
	int64_t rc = 0;

	k_sched_might_block("k_event_wait");
	irqf = k_spin_lock_irqsave(&e->wq.lock);
	while (!event_satisfied(e->bits, mask, flags)) {
		if (k_waitq_wait_locked(&e->wq, deadline) == -ETIMEDOUT &&
		    !event_satisfied(e->bits, mask, flags)) {
			rc = -ETIMEDOUT;
			break;
		}
	}
	if (!rc) {
		rc = e->bits;
		if (flags & K_EVENT_CLEAR)
			e->bits &= ~mask;
	}
	k_spin_unlock_irqrestore(&e->wq.lock, irqf);
	return rc;
}
