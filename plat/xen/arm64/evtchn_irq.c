// SPDX-License-Identifier: BSD-3-Clause
/*
 * Event channel delivery on arm64: Xen raises one GIC PPI for all ports while vCPU 0's
 * evtchn_upcall_pending is set (the /hypervisor node's interrupt; guest.txt). The GIC
 * is the system's interrupt controller (drivers/irq/gic) and the PPI one of its lines;
 * ports are dispatched from here to the handlers xen_evtchn_handler_set attached.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/xen/evtchn.h>
#include "../xenplat.h"
#include "arm64plat.h"

struct evtchn_handler {
	k_irq_handler_t fn;
	void *arg;
	const char *name;
	uint64_t unclaimed;
};

static struct evtchn_handler handlers[XEN_EVTCHN_PORTS];
static struct k_spinlock handlers_lock = K_SPINLOCK_INIT;
static bool upcall_ready;

int xen_evtchn_handler_set(uint32_t port, k_irq_handler_t fn, void *arg, const char *name)
{
	const char *owner = NULL;
	unsigned long flags;

	if (!upcall_ready)
		return -ENODEV;
	if (port == 0 || port >= XEN_EVTCHN_PORTS || !fn)
		return -EINVAL;
	flags = k_spin_lock_irqsave(&handlers_lock);
	if (handlers[port].fn)
		owner = handlers[port].name;
	else
		handlers[port] = (struct evtchn_handler){ fn, arg, name, 0 };
	k_spin_unlock_irqrestore(&handlers_lock, flags);
	if (owner) {
		k_warn("xen: event channel port %u is taken by %s; %s not attached\n", port,
		       owner, name);
		return -EBUSY;
	}
	xen_evtchn_unmask(port);
	return 0;
}

int xen_evtchn_handler_clear(uint32_t port, k_irq_handler_t fn, void *arg)
{
	unsigned long flags;
	int rc = -ENOENT;

	if (port >= XEN_EVTCHN_PORTS)
		return -ENOENT;
	flags = k_spin_lock_irqsave(&handlers_lock);
	if (handlers[port].fn == fn && handlers[port].arg == arg) {
		xen_evtchn_mask(port);
		handlers[port].fn = NULL;
		rc = 0;
	}
	k_spin_unlock_irqrestore(&handlers_lock, flags);
	return rc;
}

/* From xen_evtchn_upcall, interrupts off. */
void xen_evtchn_dispatch(unsigned int port)
{
	struct evtchn_handler *h = &handlers[port];

	if (h->fn && h->fn(h->arg) == K_IRQ_HANDLED)
		return;
	if (h->unclaimed++ == 0)
		k_warn("xen: event channel port %u fired and no handler claimed it\n", port);
}

static int evtchn_upcall_irq(void *arg)
{
	(void)arg;
	xen_evtchn_upcall();
	return K_IRQ_HANDLED;
}

/* K_INIT_PLAT 11: after the GIC (10), before the grant table and xenstore (12). */
static int xen_evtchn_init(void)
{
	unsigned int line, flags;
	int rc;

	if (!xen_shared_info())
		return -ENODEV;
	rc = xen_arm64_upcall_line(&line, &flags);
	if (rc) {
		k_err("xen: the device tree's hypervisor node names no event channel "
		      "interrupt; no event channels\n");
		return rc;
	}
	/* guest.txt: a level-triggered PPI; the GIC takes no active-low lines. */
	rc = k_irq_register(line, evtchn_upcall_irq, NULL, "xen-evtchn",
			    (flags & ~K_IRQ_ACTIVE_LOW) | K_IRQ_LEVEL);
	if (rc) {
		k_err("xen: cannot attach the event channel upcall to INTID %u (%d)\n", line,
		      rc);
		return rc;
	}
	upcall_ready = true;
	k_debug("xen: event channel upcall on INTID %u\n", line);
	return 0;
}
K_INIT(xen_evtchn_init, K_INIT_PLAT, 11);
