// SPDX-License-Identifier: BSD-3-Clause
/*
 * Event channels, 2-level ABI (xen/include/public/event_channel.h, xen.h): pending and
 * mask bitmaps in the shared info, a per-vCPU selector word saying which bitmap words
 * to scan. Xen raises one upcall for all of them (x86_64: a vector; arm64: a GIC PPI);
 * the architecture's file delivers it to xen_evtchn_upcall and hands each pending port
 * to its handler.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/xen/evtchn.h>
#include "xenplat.h"

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq	1
#define EVTCHNOP_close		3
#define EVTCHNOP_send		4
#define EVTCHNOP_alloc_unbound	6
#define EVTCHNOP_unmask		9


struct evtchn_bind_virq {
	uint32_t virq;
	uint32_t vcpu;
	uint32_t port;			/* out */
};

struct evtchn_bind_interdomain {
	xen_domid_t remote_dom;
	uint32_t remote_port;
	uint32_t local_port;		/* out */
};

struct evtchn_alloc_unbound {
	xen_domid_t dom;
	xen_domid_t remote_dom;
	uint32_t port;			/* out */
};

long xen_evtchn_op(unsigned int cmd, void *arg)
{
	if (!xen_present())
		return -ENODEV;
	return xen_hypercall2(XEN_HC_event_channel_op, cmd, (uintptr_t)arg);
}

void xen_evtchn_mask(uint32_t port)
{
	struct xen_shared_info *s = xen_shared_info();

	if (s && port < XEN_EVTCHN_2L_WORDS * 64)
		__atomic_fetch_or(&s->evtchn_mask[port / 64], 1ull << (port % 64),
				  __ATOMIC_SEQ_CST);
}

bool xen_evtchn_clear_pending(uint32_t port)
{
	struct xen_shared_info *s = xen_shared_info();
	uint64_t bit = 1ull << (port % 64);

	if (!s || port >= XEN_EVTCHN_2L_WORDS * 64)
		return false;
	return __atomic_fetch_and(&s->evtchn_pending[port / 64], ~bit, __ATOMIC_SEQ_CST) & bit;
}

/*
 * A new port is masked before interrupts come back on: binding may leave it pending
 * (event_channel.h: bind_interdomain always does), and that event must wait for
 * xen_evtchn_handler_set's unmask, which raises it again, instead of finding no
 * handler. A port above what the dispatch takes is closed again: nobody could handle it.
 */
static int evtchn_new_port(uint32_t port, uint32_t *out)
{
	if (port >= XEN_EVTCHN_PORTS) {
		xen_evtchn_close(port);
		k_err("xen: event channel port %u is above the %u this image handles\n", port,
		      (unsigned int)XEN_EVTCHN_PORTS);
		return -ENOSPC;
	}
	xen_evtchn_mask(port);
	*out = port;
	return 0;
}

int xen_evtchn_bind_virq(uint32_t virq, uint32_t *port)
{
	struct evtchn_bind_virq b = { .virq = virq, .vcpu = 0 };
	unsigned long flags = k_arch_irq_save();
	long rc = xen_evtchn_op(EVTCHNOP_bind_virq, &b);

	rc = rc ? rc : evtchn_new_port(b.port, port);
	k_arch_irq_restore(flags);
	return (int)rc;
}

int xen_evtchn_alloc_unbound(xen_domid_t remote, uint32_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = XEN_DOMID_SELF, .remote_dom = remote };
	unsigned long flags = k_arch_irq_save();
	long rc = xen_evtchn_op(EVTCHNOP_alloc_unbound, &a);

	rc = rc ? rc : evtchn_new_port(a.port, port);
	k_arch_irq_restore(flags);
	return (int)rc;
}

int xen_evtchn_bind_interdomain(xen_domid_t remote, uint32_t remote_port,
				uint32_t *port)
{
	struct evtchn_bind_interdomain b = { .remote_dom = remote, .remote_port = remote_port };
	unsigned long flags = k_arch_irq_save();
	long rc = xen_evtchn_op(EVTCHNOP_bind_interdomain, &b);

	rc = rc ? rc : evtchn_new_port(b.local_port, port);
	k_arch_irq_restore(flags);
	return (int)rc;
}

int xen_evtchn_send(uint32_t port)
{
	return (int)xen_evtchn_op(EVTCHNOP_send, &port);
}

int xen_evtchn_close(uint32_t port)
{
	xen_evtchn_mask(port);
	return (int)xen_evtchn_op(EVTCHNOP_close, &port);
}

void xen_evtchn_upcall(void)
{
	struct xen_shared_info *s = xen_shared_info();
	struct xen_vcpu_info *v = &s->vcpu_info[0];

	/* Xen raises the vector again while upcall_pending is set: clear it first. */
	while (__atomic_exchange_n(&v->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST)) {
		uint64_t sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);

		while (sel) {
			unsigned int w = (unsigned int)__builtin_ctzll(sel);
			uint64_t bits;

			sel &= sel - 1;
			bits = __atomic_load_n(&s->evtchn_pending[w], __ATOMIC_ACQUIRE) &
			       ~__atomic_load_n(&s->evtchn_mask[w], __ATOMIC_ACQUIRE);
			while (bits) {
				unsigned int port = w * 64 + (unsigned int)__builtin_ctzll(bits);

				bits &= bits - 1;
				/* Edge semantics: an event during the handler is kept. */
				xen_evtchn_clear_pending(port);
				if (port < XEN_EVTCHN_PORTS)
					xen_evtchn_dispatch(port);
			}
		}
	}
}

int xen_evtchn_unmask(uint32_t port)
{
	/* Xen clears the mask bit and raises the upcall if the port is pending. */
	return (int)xen_evtchn_op(EVTCHNOP_unmask, &port);
}
