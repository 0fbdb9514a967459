/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event channels (2-level ABI, xen/include/public/event_channel.h). Bind or allocate
 * a port here, then attach the handler with xen_evtchn_handler_set, which unmasks it.
 * Ports come back masked from every call below. Handlers run as interrupt handlers
 * (keel/irq.h rules) and return K_IRQ_HANDLED.
 *
 *	uint32_t port;
 *	xen_evtchn_alloc_unbound(backend_domid, &port);
 *	xen_evtchn_handler_set(port, my_handler, dev, "netfront");
 *	xen_evtchn_send(port);
 *
 * On x86_64 a port is also a line of the "xen-evtchn" interrupt controller, and
 * xen_evtchn_handler_set is k_irq_register(port, ..., K_IRQ_EDGE). On arm64 the GIC
 * is the interrupt controller and Xen's upcall one of its lines; ports are not
 * keel/irq.h lines there, so portable code uses the calls below.
 */
#ifndef KEEL_XEN_EVTCHN_H
#define KEEL_XEN_EVTCHN_H

#include <stdint.h>
#include <keel/irq.h>
#include <keel/xen/xen.h>

/* Bind a virtual interrupt (XEN_VIRQ_*) of vCPU 0. 0 or a negative errno. */
int xen_evtchn_bind_virq(uint32_t virq, uint32_t *port);
/* A fresh port a remote domain (a back-end) can bind to. */
int xen_evtchn_alloc_unbound(xen_domid_t remote, uint32_t *port);
/* Connect to a remote domain's unbound port (XEN_DOMID_SELF: a loopback pair). */
int xen_evtchn_bind_interdomain(xen_domid_t remote, uint32_t remote_port,
				uint32_t *port);
/* Notify the other end. */
int xen_evtchn_send(uint32_t port);
/*
 * Attach fn(arg) to port and unmask it. 0, -EINVAL (a port this image cannot handle),
 * -EBUSY (the port has a handler), -ENODEV (no event channel upcall).
 */
int xen_evtchn_handler_set(uint32_t port, k_irq_handler_t fn, void *arg, const char *name);
/* Mask the port and detach fn(arg). 0 or -ENOENT. */
int xen_evtchn_handler_clear(uint32_t port, k_irq_handler_t fn, void *arg);
/* Close a port (clear its handler first). */
int xen_evtchn_close(uint32_t port);
/* Mask a port without the IRQ layer (ports polled with xen_poll_port). */
void xen_evtchn_mask(uint32_t port);
/* Clear a port's pending bit; returns whether it was set. */
bool xen_evtchn_clear_pending(uint32_t port);

#endif /* KEEL_XEN_EVTCHN_H */
