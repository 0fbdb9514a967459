// SPDX-License-Identifier: BSD-3-Clause
/* Per-CPU state (keel/cpu.h) and the preemption points that live below the scheduler. */
#include <keel/cpu.h>
#include <keel/panic.h>
#include <keel/spinlock.h>

struct k_cpu k_cpus[K_CPUS_MAX] = {
	[0] = { .self = &k_cpus[0], .id = 0 },
};

/*
 * lib/sched defines it; without a scheduler the weak reference is NULL and nothing
 * is ever preempted.
 */
void k_sched_preempt(void) __k_weak;

static void cpu_preempt_if_due(struct k_cpu *cpu)
{
	if (cpu->resched && !cpu->preempt_off && !cpu->irq_depth && k_sched_preempt)
		k_sched_preempt();
}

void k_preempt_enable(void)
{
	struct k_cpu *cpu = k_cpu();

	__asm__ volatile("" ::: "memory");
	if (!cpu->preempt_off)
		k_panic("k_preempt_enable without k_preempt_disable");
	if (--cpu->preempt_off == 0 && k_arch_irq_enabled())
		cpu_preempt_if_due(cpu);
}

void k_preempt_point(void)
{
	if (k_arch_irq_enabled())
		cpu_preempt_if_due(k_cpu());
}

void k_irq_enter(void)
{
	k_cpu()->irq_depth++;
}

void k_irq_leave(void)
{
	struct k_cpu *cpu = k_cpu();

	cpu->irq_depth--;
	cpu_preempt_if_due(cpu);
}

void k_spin_deadlock(struct k_spinlock *l)
{
	k_panic("spinlock %p taken again by the CPU that holds it (deadlock)", (void *)l);
}
