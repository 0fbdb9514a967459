// SPDX-License-Identifier: BSD-3-Clause
/* Runs the K_INIT table that the linker sorted by level and priority. */
#include <keel/boot.h>
#include <keel/init.h>
#include <keel/print.h>

void k_init_run(void)
{
	const struct k_init_entry *e;

	for (e = __k_init_start; e < __k_init_end; e++) {
		int rc = e->fn();

		if (rc)
			k_err("init: %s failed (%d)\n", e->name, rc);
	}
}
