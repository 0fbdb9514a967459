// SPDX-License-Identifier: BSD-3-Clause
/*
 * Event channel delivery on x86_64: Xen raises one vector for all ports
 * (HVM_PARAM_CALLBACK_IRQ, type vector: delivered without the local APIC, so there is
 * no EOI). Each port is a line of the "xen-evtchn" interrupt controller, so keel/irq.h
 * works on ports as on any chip, and xen_evtchn_handler_set is k_irq_register.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/x86_64/irq.h>
#include <keel/xen/evtchn.h>
#include "../xenplat.h"

int xen_evtchn_handler_set(uint32_t port, k_irq_handler_t fn, void *arg, const char *name)
{
	return k_irq_register(port, fn, arg, name, K_IRQ_EDGE);
}

int xen_evtchn_handler_clear(uint32_t port, k_irq_handler_t fn, void *arg)
{
	return k_irq_unregister(port, fn, arg);
}

void xen_evtchn_dispatch(unsigned int port)
{
	k_irq_handle(port);
}

static void evtchn_vector(void *arg)
{
	(void)arg;
	xen_evtchn_upcall();
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
	xen_evtchn_unmask(line);
}

static const struct k_irq_chip evtchn_chip = {
	.name = "xen-evtchn",
	.nr_lines = XEN_EVTCHN_PORTS,
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
	vector = x86_irq_vector_alloc(evtchn_vector, NULL);
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
