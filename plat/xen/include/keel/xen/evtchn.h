/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event channels (2-level ABI, xen/include/public/event_channel.h). A port is an
 * interrupt line of the "xen-evtchn" controller (keel/irq.h): bind or allocate a port
 * here, then attach the handler with k_irq_register(port, fn, arg, name, K_IRQ_EDGE),
 * which unmasks it. Ports come back masked from every call below.
 *
 *	uint32_t port;
 *	xen_evtchn_alloc_unbound(backend_domid, &port);
 *	k_irq_register(port, my_handler, dev, "netfront", K_IRQ_EDGE);
 *	xen_evtchn_send(port);
 */
#ifndef KEEL_XEN_EVTCHN_H
#define KEEL_XEN_EVTCHN_H

#include <stdint.h>
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
/* Close a port (unregister its handler first). */
int xen_evtchn_close(uint32_t port);
/* Mask a port without the IRQ layer (ports polled with xen_poll_port). */
void xen_evtchn_mask(uint32_t port);
/* Clear a port's pending bit; returns whether it was set. */
bool xen_evtchn_clear_pending(uint32_t port);

#endif /* KEEL_XEN_EVTCHN_H */
