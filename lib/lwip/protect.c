// SPDX-License-Identifier: BSD-3-Clause
/*
 * SYS_ARCH_PROTECT: lwIP's short critical sections (reference counts, socket event
 * counters). They nest, and lwIP takes them only in threads, never blocking inside:
 * preemption is held off so that no other thread of this CPU runs meanwhile, and a
 * lock whose owner is a CPU, counting its depth, keeps other CPUs out. Interrupts stay
 * on. Blocking inside one would be a bug, and the scheduler panics on it ("thread X
 * switches away holding a spinlock or with preemption disabled").
 */
#include <keel/cpu.h>
#include "lwip/sys.h"

static struct {
	struct k_cpu *owner;		/* the CPU inside, NULL when free */
	unsigned int depth;		/* the owner's nesting */
} protect;

sys_prot_t sys_arch_protect(void)
{
	struct k_cpu *cpu;

	k_preempt_disable();
	cpu = k_cpu();
	if (__atomic_load_n(&protect.owner, __ATOMIC_RELAXED) != cpu) {
		struct k_cpu *free = NULL;

		while (!__atomic_compare_exchange_n(&protect.owner, &free, cpu, false,
						    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			free = NULL;
			k_arch_cpu_relax();
		}
	}
	protect.depth++;
	return 0;
}

void sys_arch_unprotect(sys_prot_t pval)
{
	(void)pval;
	if (--protect.depth == 0)
		__atomic_store_n(&protect.owner, NULL, __ATOMIC_RELEASE);
	k_preempt_enable();
}
