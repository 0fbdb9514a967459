// SPDX-License-Identifier: BSD-3-Clause
/*
 * INTx routing on QEMU's q35 (ICH9). qboot, the firmware qemu-run uses there, writes
 * interrupt line registers that do not follow the chipset's routing for every slot
 * (slot 1's INTA says IRQ 11 where it arrives on 10), so on ICH9 the line is worked
 * out again: the pin is swizzled up to the root bus through each bridge (PCI Bridge
 * 1.2 §9.1: pin + slot, modulo 4), QEMU's ICH9 sends root slot S pin P to PIRQ
 * E + (S + P) % 4 (its default D31IR..D0IR), and the LPC bridge's PIRQE..H routing
 * registers (0x68..0x6b: bit 7 = not routed, bits 3:0 = ISA IRQ) name the ISA IRQ.
 * Checked end to end by tests/apps/pci on slots 1, 2, 3, 5 and behind a bridge.
 */
#include <keel/print.h>
#include "pci_priv.h"

#define ICH9_LPC_SLOT		31
#define ICH9_LPC_DEVICE		0x2918
#define ICH9_PIRQE_ROUT		0x68
#define PIRQ_ROUT_DISABLED	0x80
#define PIRQ_ROUT_IRQ		0x0f

static struct k_pci_dev *find_dev(uint16_t seg, int bus, int slot, int func, int secondary)
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

/* The root-bus slot and pin (0..3) a function's INTx arrives as; false if lost. */
static bool swizzle(const struct pci_root *r, const struct k_pci_dev *dev, unsigned int *slot,
		    unsigned int *pin)
{
	unsigned int bus = dev->bus;

	*slot = dev->slot;
	*pin = dev->irq_pin - 1u;
	for (unsigned int depth = 0; bus != r->start_bus; depth++) {
		const struct k_pci_dev *br = find_dev(r->segment, -1, 0, 0, (int)bus);

		if (!br || depth > 16)
			return false;
		*pin = (*pin + *slot) % 4;
		*slot = br->slot;
		bus = br->bus;
	}
	return true;
}

void pci_intx_fixup_root(const struct pci_root *r)
{
	const struct k_pci_dev *lpc = find_dev(r->segment, r->start_bus, ICH9_LPC_SLOT, 0, -1);
	unsigned int slot, pin;

	if (!lpc || lpc->vendor_id != 0x8086 || lpc->device_id != ICH9_LPC_DEVICE)
		return;
	k_list_for_each(pos, &pci_devices) {
		struct k_pci_dev *d = k_list_entry(pos, struct k_pci_dev, node);
		uint8_t rout;

		if (d->segment != r->segment || !d->irq_pin || !swizzle(r, d, &slot, &pin))
			continue;
		rout = k_pci_read8(lpc, ICH9_PIRQE_ROUT + (slot + pin) % 4);
		if (rout & PIRQ_ROUT_DISABLED)
			continue;
		if ((rout & PIRQ_ROUT_IRQ) != d->irq_line)
			k_debug("pci: %s: INT%c goes to PIRQ%c = IRQ %u on ICH9, not %u as the line register says\n",
				d->name, 'A' + d->irq_pin - 1, 'E' + (slot + pin) % 4,
				rout & PIRQ_ROUT_IRQ, d->irq_line);
		d->irq_line = rout & PIRQ_ROUT_IRQ;
		k_pci_write8(d, K_PCI_INTERRUPT_LINE, d->irq_line);
	}
}
