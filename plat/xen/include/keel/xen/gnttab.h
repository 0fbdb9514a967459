/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Grant tables, version 1 entries (xen/include/public/grant_table.h): let another
 * domain (a back-end) map or copy one of our pages.
 *
 *	int ref = xen_gnttab_grant(backend, page_to_gfn(p), false);
 *	... hand ref to the back-end through xenstore or a ring ...
 *	xen_gnttab_end(ref);	// -EBUSY while the back-end still maps it
 */
#ifndef KEEL_XEN_GNTTAB_H
#define KEEL_XEN_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/xen/xen.h>

typedef uint32_t xen_grant_ref_t;

/* Grant dom access to guest frame gfn. The reference (>= 0) or -ENOSPC, -ENODEV. */
int xen_gnttab_grant(xen_domid_t dom, uint64_t gfn, bool readonly);
/*
 * Revoke a grant and free its reference. -EBUSY (nothing changed) while the other
 * domain still has the page mapped; -EINVAL for a reference that is not granted.
 */
int xen_gnttab_end(xen_grant_ref_t ref);
/* Entries free for xen_gnttab_grant, and the total. */
unsigned int xen_gnttab_free(void);
unsigned int xen_gnttab_size(void);

/* The guest frame number of an address in the image's identity map. */
static inline uint64_t xen_gfn(const void *p)
{
	return (uintptr_t)p >> 12;
}

#endif /* KEEL_XEN_GNTTAB_H */
