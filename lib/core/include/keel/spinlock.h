/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Spinlocks that also keep interrupts off while held, so that the same lock can be
 * taken in thread and interrupt context. Hold them for a few instructions only, never
 * across anything that blocks. A held spinlock also holds off preemption; a switch that
 * became due meanwhile runs when the last one is released with interrupts back on.
 * On one CPU the spinning never happens; taking a lock this CPU already holds is a
 * deadlock and panics instead of hanging.
 */
#ifndef KEEL_SPINLOCK_H
#define KEEL_SPINLOCK_H

#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/cpu.h>

struct k_spinlock {
	unsigned int locked;
	struct k_cpu *owner;		/* for the self-deadlock check */
};

#define K_SPINLOCK_INIT		{ 0, NULL }

__k_noreturn void k_spin_deadlock(struct k_spinlock *l);
/* The preemption point behind k_spin_unlock_irqrestore (keel/cpu.h). */
void k_preempt_point(void);

/* Take l; interrupts must already be off (k_arch_irq_save() or an IRQ handler). */
static inline void k_spin_lock(struct k_spinlock *l)
{
	struct k_cpu *cpu = k_cpu();

	cpu->preempt_off++;
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		if (l->owner == cpu)
			k_spin_deadlock(l);
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			k_arch_cpu_relax();
	}
	l->owner = cpu;
}

/* Release l; interrupts stay off. */
static inline void k_spin_unlock(struct k_spinlock *l)
{
	l->owner = NULL;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	k_cpu()->preempt_off--;
}

/* Disable interrupts, take l; returns the interrupt state to hand to the unlock. */
static inline unsigned long k_spin_lock_irqsave(struct k_spinlock *l)
{
	unsigned long flags = k_arch_irq_save();

	k_spin_lock(l);
	return flags;
}

static inline void k_spin_unlock_irqrestore(struct k_spinlock *l, unsigned long flags)
{
	k_spin_unlock(l);
	k_arch_irq_restore(flags);
	if (k_unlikely(k_cpu()->resched))
		k_preempt_point();
}

#endif /* KEEL_SPINLOCK_H */
