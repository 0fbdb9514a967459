/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/xen internals shared between its files. */
#ifndef PLAT_XEN_XENPLAT_H
#define PLAT_XEN_XENPLAT_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/plat.h>
#include <keel/xen/xen.h>

/* Find Xen through CPUID and have it write the hypercall page. 0 or -ENODEV. */
int xen_hypercall_init(void);
/* Xen's version as major << 16 | minor (CPUID leaf 2). */
uint32_t xen_version(void);
/* Map the shared info page. */
int xen_shared_info_init(void);

/* Console: the emergency outputs until xen_console_init finds the PV ring. */
void xen_console_init(void);
/* Wait (bounded) until xenconsoled has read everything written to the ring. */
void xen_console_flush(void);

/*
 * The console and xenstore pages: Xen's "special" frames, often outside the memory
 * map. Listed as reserved regions so that the page tables map them and no allocator
 * hands them out.
 */
void xen_special_pages_reserve(struct k_bootinfo *bi);

/* Called by plat_poweroff: record the exit status in xenstore. 0 or a negative errno. */
int xen_xenstore_exit_status(int status);

/* Event channel dispatch, for the upcall vector. */
void xen_evtchn_upcall(void *arg);

#endif /* PLAT_XEN_XENPLAT_H */
