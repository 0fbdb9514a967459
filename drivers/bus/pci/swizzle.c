// SPDX-License-Identifier: BSD-3-Clause
/*
 * Finding functions and bridges, and the INTx swizzle: a function behind a PCI-to-PCI
 * bridge raises its pin on the bridge's primary side as pin + slot, modulo 4 (PCI
 * Bridge 1.2 §9.1), up to the root bus, where the platform routes it.
 */
#include "pci_priv.h"


struct k_pci_dev *pci_find(uint16_t seg, int bus, int slot, int func, int secondary)
{
	k_list_for_each(pos, &pci_devices) {
		struct k_pci_dev *d = k_list_entry(pos, struct k_pci_dev, node);

		if (d->segment != seg)
			continue;
		if (secondary >= 0 ?
		    (k_pci_read8(d, K_PCI_HEADER_TYPE) & PCI_HEADER_LAYOUT) == 1 &&
		    k_pci_read8(d, PCI_SECONDARY_BUS) == secondary :
		    d->bus == bus && d->slot == slot && d->func == func)
			return d;
	}
	return NULL;
}

const struct k_pci_dev *pci_intx_swizzle(const struct pci_root *r, const struct k_pci_dev *dev,
					 unsigned int *pin)
{
	*pin = dev->irq_pin - 1u;
	for (unsigned int depth = 0; dev->bus != r->start_bus; depth++) {
		const struct k_pci_dev *br = pci_find(r->segment, -1, 0, 0, dev->bus);

		if (!br || depth > PCI_BRIDGE_DEPTH_MAX)
			return NULL;
		*pin = (*pin + dev->slot) % 4;
		dev = br;
	}
	return dev;
}
