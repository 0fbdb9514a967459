// SPDX-License-Identifier: BSD-3-Clause
/*
 * Interrupt vectors 32..255: a table of handlers the interrupt-controller drivers
 * fill (keel/x86_64/irq.h). Every interrupt is bracketed by k_irq_enter/k_irq_leave,
 * so the outermost one ends at the scheduler's preemption point.
 */
#include <errno.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/x86_64/irq.h>
#include "traps.h"

struct vector_handler {
	void (*fn)(void *arg);
	void *arg;
};

static struct vector_handler vectors[256];
static struct k_spinlock vector_lock = K_SPINLOCK_INIT;
static uint64_t spurious;

int x86_irq_vector_set(unsigned int vec, void (*fn)(void *arg), void *arg)
{
	unsigned long flags;
	int rc = 0;

	if (vec < X86_IRQ_VECTOR_FIRST || vec > 255)
		return -EINVAL;
	flags = k_spin_lock_irqsave(&vector_lock);
	if (fn && vectors[vec].fn)
		rc = -EBUSY;
	else
		vectors[vec] = (struct vector_handler){ fn, arg };
	k_spin_unlock_irqrestore(&vector_lock, flags);
	return rc;
}

int x86_irq_vector_alloc(void (*fn)(void *arg), void *arg)
{
	for (unsigned int v = X86_IRQ_VECTOR_DYNAMIC; v < X86_IRQ_VECTOR_DYNAMIC_END; v++)
		if (x86_irq_vector_set(v, fn, arg) == 0)
			return (int)v;
	return -ENOSPC;
}

uint64_t x86_irq_spurious(void)
{
	return spurious;
}

void x86_irq(struct x86_trap_frame *f);

void x86_irq(struct x86_trap_frame *f)
{
	const struct vector_handler *h = &vectors[f->vector & 0xff];

	k_irq_enter();
	if (h->fn) {
		h->fn(h->arg);
	} else if (spurious++ == 0) {
		/* No EOI is sent: nobody programmed this vector, so no APIC raised it. */
		k_warn("irq: interrupt on vector %lu, which has no handler\n",
		       (unsigned long)f->vector);
	}
	k_irq_leave();
}
