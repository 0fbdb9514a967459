// SPDX-License-Identifier: BSD-3-Clause
/*
 * Bus numbers for PCI-to-PCI bridges when no firmware gave them (QEMU -kernel on virt
 * runs no firmware). A bridge forwards configuration requests for the buses from its
 * secondary to its subordinate number (PCI Bridge 1.2 §3.2.5.3), so the numbering goes
 * depth first: each bridge is given the next number and the root's last bus while its
 * subtree is numbered, then the highest bus found there, and bridges not reached yet
 * still claim no bus, so no two ranges overlap at any time.
 */
#include <keel/print.h>
#include "pci_priv.h"

static unsigned int number_bus(const struct pci_root *r, unsigned int bus, unsigned int last,
			       unsigned int depth);

static unsigned int number_bridge(const struct pci_root *r, const struct k_pci_dev *br,
				  unsigned int last, unsigned int depth)
{
	unsigned int sec = last + 1;

	if (sec > r->end_bus || depth >= PCI_BRIDGE_DEPTH_MAX) {
		k_warn("pci: %02x:%02x.%u: bridge left without a bus number (%s)\n", br->bus,
		       br->slot, br->func, sec > r->end_bus ? "no bus number left" : "too deep");
		k_pci_write8(br, PCI_SECONDARY_BUS, 0);
		k_pci_write8(br, PCI_SUBORDINATE_BUS, 0);
		return last;
	}
	k_pci_write8(br, PCI_PRIMARY_BUS, br->bus);
	k_pci_write8(br, PCI_SECONDARY_BUS, (uint8_t)sec);
	k_pci_write8(br, PCI_SUBORDINATE_BUS, r->end_bus);
	last = number_bus(r, sec, sec, depth + 1);
	k_pci_write8(br, PCI_SUBORDINATE_BUS, (uint8_t)last);
	return last;
}

/* Number every bridge on bus and below; returns the highest bus number given. */
static unsigned int number_bus(const struct pci_root *r, unsigned int bus, unsigned int last,
			       unsigned int depth)
{
	struct k_pci_dev at = { .segment = r->segment, .bus = (uint8_t)bus };

	for (unsigned int slot = 0; slot < 32; slot++) {
		for (unsigned int func = 0; func < 8; func++) {
			uint16_t vendor;
			uint8_t header;

			at.slot = (uint8_t)slot;
			at.func = (uint8_t)func;
			if (pci_cfg_attach(&at))
				return last;
			vendor = k_pci_read16(&at, K_PCI_VENDOR_ID);
			if (vendor == 0xffff || vendor == 0) {
				if (func == 0)
					break;
				continue;
			}
			header = k_pci_read8(&at, K_PCI_HEADER_TYPE);
			if ((header & PCI_HEADER_LAYOUT) == 1)
				last = number_bridge(r, &at, last, depth);
			if (func == 0 && !(header & PCI_HEADER_MULTI))
				break;
		}
	}
	return last;
}

unsigned int pci_number_bridges(const struct pci_root *r, uint8_t bus, unsigned int last)
{
	return number_bus(r, bus, last, 0);
}
