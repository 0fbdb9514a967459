// SPDX-License-Identifier: BSD-3-Clause
/*
 * Grant tables, version 1 (xen/include/public/grant_table.h). The table frames are
 * Xen's; XENMEM_add_to_physmap (space grant_table) puts them at guest pages, as an
 * auto-translated guest (x86 PVH, every Arm guest) must: pages of the image on x86_64,
 * the region the device tree names on arm64 (xen_gnttab_area). Free references are a
 * stack.
 */
#include <errno.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/xen/gnttab.h>
#include "xenplat.h"

#define GNTTABOP_query_size	6
#define GTF_permit_access	0x0001
#define GTF_readonly		0x0004
#define GTF_reading		0x0008	/* the other domain has it mapped for reading */
#define GTF_writing		0x0010	/* ... for writing */
#define GNTTAB_RESERVED		8	/* refs the toolstack uses (console, xenstore) */
#define ENTRIES_PER_FRAME	(4096 / sizeof(struct grant_entry_v1))
#define MAX_ENTRIES		(CONFIG_XEN_GNTTAB_FRAMES * ENTRIES_PER_FRAME)

struct grant_entry_v1 {
	uint16_t flags;
	xen_domid_t domid;
	uint32_t frame;
};

struct gnttab_query_size {
	xen_domid_t dom;
	uint32_t nr_frames;		/* out */
	uint32_t max_nr_frames;		/* out */
	int16_t status;			/* out */
};

static struct grant_entry_v1 *gnttab;
static uint16_t free_refs[MAX_ENTRIES];
static unsigned int nr_free, nr_entries;
static struct k_spinlock gnttab_lock = K_SPINLOCK_INIT;

int xen_gnttab_grant(xen_domid_t dom, uint64_t gfn, bool readonly)
{
	unsigned long flags;
	struct grant_entry_v1 *e;
	unsigned int ref;

	if (gfn > UINT32_MAX)
		return -EINVAL;		/* v1 entries hold 32-bit frame numbers */
	flags = k_spin_lock_irqsave(&gnttab_lock);
	if (!nr_free) {
		k_spin_unlock_irqrestore(&gnttab_lock, flags);
		return nr_entries ? -ENOSPC : -ENODEV;
	}
	ref = free_refs[--nr_free];
	k_spin_unlock_irqrestore(&gnttab_lock, flags);
	e = &gnttab[ref];
	e->domid = dom;
	e->frame = (uint32_t)gfn;
	/* grant_table.h: flags last, after the frame and domain are visible. */
	__atomic_store_n(&e->flags, GTF_permit_access | (readonly ? GTF_readonly : 0),
			 __ATOMIC_RELEASE);
	return (int)ref;
}

int xen_gnttab_end(xen_grant_ref_t ref)
{
	struct grant_entry_v1 *e;
	unsigned long flags;
	uint16_t f;

	if (ref < GNTTAB_RESERVED || ref >= nr_entries)
		return -EINVAL;
	e = &gnttab[ref];
	f = __atomic_load_n(&e->flags, __ATOMIC_ACQUIRE);
	do {
		if (!(f & GTF_permit_access))
			return -EINVAL;
		if (f & (GTF_reading | GTF_writing))
			return -EBUSY;
		/* Xen sets reading/writing with a cmpxchg too: whoever is first wins. */
	} while (!__atomic_compare_exchange_n(&e->flags, &f, 0, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_ACQUIRE));
	flags = k_spin_lock_irqsave(&gnttab_lock);
	free_refs[nr_free++] = (uint16_t)ref;
	k_spin_unlock_irqrestore(&gnttab_lock, flags);
	return 0;
}

unsigned int xen_gnttab_free(void)
{
	return nr_free;
}

unsigned int xen_gnttab_size(void)
{
	return nr_entries;
}

/* K_INIT_PLAT 12: no interrupts needed; front-end drivers come at BUS or later. */
static int xen_gnttab_init(void)
{
	struct gnttab_query_size q = { .dom = XEN_DOMID_SELF };
	unsigned int frames = CONFIG_XEN_GNTTAB_FRAMES;
	long rc;

	if (!xen_present())
		return -ENODEV;
	rc = xen_hypercall(XEN_HC_grant_table_op, GNTTABOP_query_size, (uintptr_t)&q, 1);
	if (rc == 0 && q.status == 0 && q.max_nr_frames && q.max_nr_frames < frames)
		frames = q.max_nr_frames;
	gnttab = xen_gnttab_area(frames);
	if (!gnttab) {
		k_err("xen: no guest pages for the grant table\n");
		return -ENODEV;
	}
	for (unsigned int i = 0; i < frames; i++) {
		rc = xen_add_to_physmap(XEN_XENMAPSPACE_grant_table, i,
					(char *)gnttab + i * 4096);
		if (rc) {
			k_err("xen: grant table frame %u refused (%ld)\n", i, rc);
			if (i == 0)
				return (int)rc;
			frames = i;
			break;
		}
	}
	nr_entries = frames * ENTRIES_PER_FRAME;
	for (unsigned int r = nr_entries; r-- > GNTTAB_RESERVED;)
		free_refs[nr_free++] = (uint16_t)r;
	k_debug("xen: grant table, %u frames, %u entries\n", frames, nr_entries);
	return 0;
}
K_INIT(xen_gnttab_init, K_INIT_PLAT, 12);
