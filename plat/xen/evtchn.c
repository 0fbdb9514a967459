// SPDX-License-Identifier: BSD-3-Clause
/*
 * Event channels, 2-level ABI (xen/include/public/event_channel.h, xen.h): pending and
 * mask bitmaps in the shared info, a per-vCPU selector word saying which bitmap words
 * to scan. Xen raises one x86 vector for all of them (HVM_PARAM_CALLBACK_IRQ, type
 * vector: delivered without the local APIC, so there is no EOI). Each port is a line
 * of the "xen-evtchn" interrupt controller, so drivers use keel/irq.h as on any chip.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/x86_64/irq.h>
#include <keel/xen/evtchn.h>
#include "xenplat.h"

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq	1
#define EVTCHNOP_close		3
#define EVTCHNOP_send		4
#define EVTCHNOP_alloc_unbound	6
#define EVTCHNOP_unmask		9

/* Ports we hand out must be usable as IRQ lines. */
#define EVTCHN_PORTS		K_IRQ_LINES_MAX

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

static long evtchn_op(unsigned int cmd, void *arg)
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
 * k_irq_register's unmask, which raises it again, instead of finding no handler.
 * A port above what the IRQ layer takes is closed again: nobody could handle it.
 */
static int evtchn_new_port(uint32_t port, uint32_t *out)
{
	if (port >= EVTCHN_PORTS) {
		xen_evtchn_close(port);
		k_err("xen: event channel port %u is above the %u this image handles\n", port,
		      EVTCHN_PORTS);
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
	long rc = evtchn_op(EVTCHNOP_bind_virq, &b);

	rc = rc ? rc : evtchn_new_port(b.port, port);
	k_arch_irq_restore(flags);
	return (int)rc;
}

int xen_evtchn_alloc_unbound(xen_domid_t remote, uint32_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = XEN_DOMID_SELF, .remote_dom = remote };
	unsigned long flags = k_arch_irq_save();
	long rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);

	rc = rc ? rc : evtchn_new_port(a.port, port);
	k_arch_irq_restore(flags);
	return (int)rc;
}

int xen_evtchn_bind_interdomain(xen_domid_t remote, uint32_t remote_port,
				uint32_t *port)
{
	struct evtchn_bind_interdomain b = { .remote_dom = remote, .remote_port = remote_port };
	unsigned long flags = k_arch_irq_save();
	long rc = evtchn_op(EVTCHNOP_bind_interdomain, &b);

	rc = rc ? rc : evtchn_new_port(b.local_port, port);
	k_arch_irq_restore(flags);
	return (int)rc;
}

int xen_evtchn_send(uint32_t port)
{
	return (int)evtchn_op(EVTCHNOP_send, &port);
}

int xen_evtchn_close(uint32_t port)
{
	xen_evtchn_mask(port);
	return (int)evtchn_op(EVTCHNOP_close, &port);
}

void xen_evtchn_upcall(void *arg)
{
	struct xen_shared_info *s = xen_shared_info();
	struct xen_vcpu_info *v = &s->vcpu_info[0];

	(void)arg;
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
				if (port < EVTCHN_PORTS)
					k_irq_handle(port);
			}
		}
	}
}

static int evtchn_setup(unsigned int line, unsigned int flags)
{
	(void)line;
	return flags & (K_IRQ_LEVEL | K_IRQ_ACTIVE_LOW) ? -EINVAL : 0;
}

static void evtchn_chip_mask(unsigned int line)
{
	xen_evtchn_mask(line);
}

static void evtchn_chip_unmask(unsigned int line)
{
	uint32_t port = line;

	/* Xen clears the mask bit and raises the upcall if the port is pending. */
	evtchn_op(EVTCHNOP_unmask, &port);
}

static const struct k_irq_chip evtchn_chip = {
	.name = "xen-evtchn",
	.nr_lines = EVTCHN_PORTS,
	.setup = evtchn_setup,
	.mask = evtchn_chip_mask,
	.unmask = evtchn_chip_unmask,
};

/* K_INIT_PLAT 10, where other platforms start their interrupt controller. */
static int xen_evtchn_init(void)
{
	int vector, rc;

	if (!xen_shared_info())
		return -ENODEV;
	rc = k_irq_chip_register(&evtchn_chip);
	if (rc) {
		k_err("xen: another interrupt controller is registered (%d); "
		      "disable DRIVER_APIC for Xen\n", rc);
		return rc;
	}
	vector = x86_irq_vector_alloc(xen_evtchn_upcall, NULL);
	if (vector < 0)
		return vector;
	rc = xen_hvm_param_set(XEN_HVM_PARAM_CALLBACK_IRQ,
			       XEN_HVM_CALLBACK_VECTOR((unsigned int)vector));
	if (rc) {
		k_err("xen: the event channel upcall vector was refused (%d)\n", rc);
		x86_irq_vector_set((unsigned int)vector, NULL, NULL);
		return rc;
	}
	k_debug("xen: event channel upcall on vector 0x%x\n", vector);
	k_arch_irq_enable();
	return 0;
}
K_INIT(xen_evtchn_init, K_INIT_PLAT, 10);
