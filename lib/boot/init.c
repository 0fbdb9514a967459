// SPDX-License-Identifier: BSD-3-Clause
/* Runs the K_INIT table that the linker sorted by level and priority. */
#include <keel/arch.h>
#include <keel/boot.h>
#include <keel/init.h>
#include <keel/print.h>

void k_init_run(void)
{
	k_init_run_timed(0);
}

void k_init_run_timed(uint64_t hz)
{
	const struct k_init_entry *e;

	for (e = __k_init_start; e < __k_init_end; e++) {
		uint64_t t0 = hz ? k_arch_counter() : 0;
		int rc = e->fn();

		if (hz)
			k_printk(K_LOG_CRIT, "boot: init %s: %lu us\n", e->name,
				 (unsigned long)((k_arch_counter() - t0) * 1000000 / hz));
		if (rc)
			k_err("init: %s failed (%d)\n", e->name, rc);
	}
}
