/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Self-registration of initialisation functions. A library writes
 *	K_INIT(virtio_net_probe, K_INIT_DRIVER, 20);
 * and lib/boot calls it at boot, ordered by level, then by the two-digit priority
 * (00 first), then by link order. Boot code never names the function.
 */
#ifndef KEEL_INIT_H
#define KEEL_INIT_H

#include <keel/compiler.h>

#define K_INIT_EARLY	0	/* before any other library: console, CPU features */
#define K_INIT_PLAT	1	/* platform devices: interrupt controllers, timers */
#define K_INIT_BUS	2	/* bus enumeration: PCI, virtio-mmio */
#define K_INIT_DRIVER	3	/* device drivers */
#define K_INIT_LIB	4	/* libraries: allocators, scheduler, libc glue */
#define K_INIT_FS	5	/* file systems and mounts */
#define K_INIT_NET	6	/* network stack and interfaces */
#define K_INIT_LATE	7	/* everything that needs all of the above */

struct k_init_entry {
	int (*fn)(void);	/* returns 0 or a negative errno; failures are logged */
	const char *name;
};

/*
 * The section name carries level and priority so that the linker sorts the table
 * (SORT in the linker script): ".k_init.3.20". Priority must be written with exactly
 * two digits so that lexical order is numeric order.
 */
#define K_INIT(fn, level, prio)						\
	_Static_assert(sizeof(K_STR(prio)) == 3,			\
		       "K_INIT priority must be two digits, 00..99");	\
	static const struct k_init_entry __k_init_##fn __k_used __k_aligned(8) \
	__k_section(".k_init." K_STR(level) "." K_STR(prio)) = { fn, #fn }

/* Bounds of the sorted table, defined by the linker script. */
extern const struct k_init_entry __k_init_start[], __k_init_end[];

#endif /* KEEL_INIT_H */
