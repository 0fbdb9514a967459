// SPDX-License-Identifier: BSD-3-Clause
/*
 * INTx routing on QEMU's q35 (ICH9). qboot, the firmware qemu-run uses there, writes
 * interrupt line registers that do not follow the chipset's routing for every slot
 * (slot 1's INTA says IRQ 11 where it arrives on 10), so on ICH9 the line is worked
 * out again: the pin is swizzled up to the root bus (swizzle.c), QEMU's ICH9 sends
 * root slot S pin P to PIRQ E + (S + P) % 4 (its default D31IR..D0IR), and the LPC
 * bridge's PIRQE..H routing registers (0x68..0x6b: bit 7 = not routed, bits 3:0 = ISA
 * IRQ) name the ISA IRQ. Checked end to end by tests/apps/pci on slots 1, 2, 3, 5 and
 * behind a bridge.
 */
#include <keel/print.h>
#include "pci_priv.h"

#define ICH9_LPC_SLOT		31
#define ICH9_LPC_DEVICE		0x2918
#define ICH9_PIRQE_ROUT		0x68
#define PIRQ_ROUT_DISABLED	0x80
#define PIRQ_ROUT_IRQ		0x0f

void pci_intx_fixup_ich9(const struct pci_root *r)
{
	const struct k_pci_dev *lpc = pci_find(r->segment, r->start_bus, ICH9_LPC_SLOT, 0, -1);
	const struct k_pci_dev *top;
	unsigned int pin;

	if (!lpc || lpc->vendor_id != 0x8086 || lpc->device_id != ICH9_LPC_DEVICE)
		return;
	k_list_for_each(pos, &pci_devices) {
		struct k_pci_dev *d = k_list_entry(pos, struct k_pci_dev, node);
		unsigned int pirq;
		uint8_t rout;

		if (d->segment != r->segment || !d->irq_pin || !(top = pci_intx_swizzle(r, d, &pin)))
			continue;
		pirq = (top->slot + pin) % 4;
		rout = k_pci_read8(lpc, ICH9_PIRQE_ROUT + pirq);
		if (rout & PIRQ_ROUT_DISABLED)
			continue;
		if ((rout & PIRQ_ROUT_IRQ) != d->irq_line)
			k_debug("pci: %s: INT%c goes to PIRQ%c = IRQ %u on ICH9, not %u as the line register says\n",
				d->name, 'A' + d->irq_pin - 1, 'E' + pirq, rout & PIRQ_ROUT_IRQ,
				d->irq_line);
		d->irq_line = rout & PIRQ_ROUT_IRQ;
		k_pci_write8(d, K_PCI_INTERRUPT_LINE, d->irq_line);
	}
}
