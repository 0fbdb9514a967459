/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-CPU state. Every piece of state that belongs to "the CPU we run on" lives here
 * and is reached through k_cpu(), never through a global: SMP adds CPUs to k_cpus[],
 * not a rewrite. The architecture keeps a pointer to the running CPU's struct in a
 * register only the kernel touches (%gs base on x86_64, TPIDR_EL1 on arm64).
 */
#ifndef KEEL_CPU_H
#define KEEL_CPU_H

#include <stdbool.h>
#include <keel/arch.h>
#include <keel/compiler.h>

struct k_thread;

struct k_cpu {
	struct k_cpu *self;		/* first: the arch accessor loads it (keel/arch.h) */
	unsigned int id;
	unsigned int irq_depth;		/* interrupt handlers running on this CPU */
	unsigned int preempt_off;	/* > 0: no involuntary switch (k_preempt_disable) */
	bool resched;			/* a switch is due at the next preemption point */
	struct k_thread *current;	/* NULL until lib/sched adopts the boot thread */
	void *runqueue;			/* the scheduler's per-CPU state */
};

#define K_CPUS_MAX	1
extern struct k_cpu k_cpus[K_CPUS_MAX];

/* The CPU this code runs on. Stable while preemption or interrupts are off. */
static inline struct k_cpu *k_cpu(void)
{
	return k_arch_cpu();
}

/* True inside an interrupt handler (of any depth). */
static inline bool k_in_irq(void)
{
	return k_cpu()->irq_depth != 0;
}

/*
 * Preemption points are skipped while disabled; nests. Re-enabling runs a switch that
 * became due in the meantime.
 */
static inline void k_preempt_disable(void)
{
	k_cpu()->preempt_off++;
	__asm__ volatile("" ::: "memory");
}

void k_preempt_enable(void);

#endif /* KEEL_CPU_H */
