// SPDX-License-Identifier: BSD-3-Clause
/* arm64 CPU set-up after entry.S: per-CPU pointer, boot TLS, exception vectors. */
#include <keel/arch.h>
#include <keel/cpu.h>
#include <keel/guard.h>

extern char arm64_vectors[], arm64_boot_stack_guard[];
void arm64_tls_boot_init(void);

void k_arch_init(void)
{
	static struct k_guard boot_guard = { .owner = "main (boot stack)" };

	/* First: spinlocks (even k_guard_add's) read the per-CPU struct through TPIDR_EL1. */
	arm64_sysreg_write(tpidr_el1, (uintptr_t)&k_cpus[0]);
	arm64_tls_boot_init();
	arm64_sysreg_write(vbar_el1, (uintptr_t)arm64_vectors);
	arm64_isb();
	/*
	 * Named from the start; the page itself is unmapped by k_arch_mmu_init() (the boot
	 * map has no pages smaller than 1 GiB).
	 */
	boot_guard.page = (uintptr_t)arm64_boot_stack_guard;
	k_guard_add(&boot_guard);
}
