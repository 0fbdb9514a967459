// SPDX-License-Identifier: BSD-3-Clause
/*
 * The small calls everything else uses: HVM parameters, mapping Xen pages into our
 * physical address space, the shared info page. Finding Xen and the hypercall
 * instruction are the architecture's (x86_64/, arm64/).
 */
#include <errno.h>
#include <keel/arch.h>
#include "xenplat.h"

bool xen_hypercall_ready;
/* A page of the image; XENMEM_add_to_physmap puts the shared info frame in its place. */
static struct xen_shared_info *shinfo;
static char shinfo_page[4096] __k_aligned(4096);

bool xen_present(void)
{
	return xen_hypercall_ready;
}

int xen_hvm_param_get(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = XEN_DOMID_SELF, .index = index };
	long rc;

	if (!xen_hypercall_ready)
		return -ENODEV;
	rc = xen_hypercall2(XEN_HC_hvm_op, XEN_HVMOP_get_param, (uintptr_t)&p);
	if (rc == 0)
		*value = p.value;
	return (int)rc;
}

int xen_hvm_param_set(uint32_t index, uint64_t value)
{
	struct xen_hvm_param p = { .domid = XEN_DOMID_SELF, .index = index, .value = value };

	if (!xen_hypercall_ready)
		return -ENODEV;
	return (int)xen_hypercall2(XEN_HC_hvm_op, XEN_HVMOP_set_param, (uintptr_t)&p);
}

int xen_add_to_physmap(uint32_t space, uint64_t idx, void *page)
{
	struct xen_add_to_physmap a = {
		.domid = XEN_DOMID_SELF, .space = space, .idx = idx,
		.gpfn = (uintptr_t)page >> 12,
	};

	if (!xen_hypercall_ready)
		return -ENODEV;
	/*
	 * The Xen page takes the guest frame's place (a RAM frame goes back to Xen); the
	 * identity map covers the address as normal memory, so nothing else changes.
	 */
	return (int)xen_hypercall2(XEN_HC_memory_op, XEN_XENMEM_add_to_physmap,
				   (uintptr_t)&a);
}

int xen_shared_info_init(void)
{
	int rc = xen_add_to_physmap(XEN_XENMAPSPACE_shared_info, 0, shinfo_page);

	if (rc == 0)
		shinfo = (struct xen_shared_info *)shinfo_page;
	return rc;
}

struct xen_shared_info *xen_shared_info(void)
{
	return shinfo;
}

