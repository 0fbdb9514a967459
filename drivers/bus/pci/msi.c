// SPDX-License-Identifier: BSD-3-Clause
/*
 * MSI (PCI 3.0 §6.8.1) for functions without MSI-X: one message, the address and data
 * the interrupt controller gives (k_irq_msi_alloc), enabled once a handler is attached.
 * Multiple messages would need consecutive, aligned data values from the controller,
 * which k_irq_msi_alloc does not promise, so a function gets one vector.
 */
#include <errno.h>
#include <keel/irq.h>
#include <keel/print.h>
#include "pci_priv.h"

/* Message control at +2; address at +4; then data at +8, or upper address at +8 and
 * data at +12 when the function takes 64-bit addresses. */
#define MSI_CTRL		2
#define MSI_CTRL_ENABLE		0x0001
#define MSI_CTRL_MME		0x0070	/* multiple message enable: 0 = one message */
#define MSI_CTRL_64BIT		0x0080
#define MSI_ADDR_LO		4
#define MSI_ADDR_HI		8
#define MSI_DATA_32		8
#define MSI_DATA_64		12

int pci_msi_setup(struct k_pci_dev *dev)
{
	unsigned int cap = k_pci_cap_find(dev, K_PCI_CAP_MSI, 0);
	struct k_msi_msg msg;
	uint16_t ctrl;
	int line;

	if (!cap)
		return -ENODEV;
	line = k_irq_msi_alloc(&msg);
	if (line < 0)
		return line;		/* -ENODEV: the interrupt controller has no MSI */
	ctrl = k_pci_read16(dev, cap + MSI_CTRL);
	if ((msg.addr >> 32) && !(ctrl & MSI_CTRL_64BIT)) {
		k_warn("pci: %s: MSI takes 32-bit addresses, the doorbell is at 0x%lx; using INTx\n",
		       dev->name, (unsigned long)msg.addr);
		k_irq_msi_free((unsigned int)line);
		return -EINVAL;
	}
	k_pci_write16(dev, cap + MSI_CTRL, ctrl & ~(MSI_CTRL_ENABLE | MSI_CTRL_MME));
	k_pci_write32(dev, cap + MSI_ADDR_LO, (uint32_t)msg.addr);
	if (ctrl & MSI_CTRL_64BIT) {
		k_pci_write32(dev, cap + MSI_ADDR_HI, (uint32_t)(msg.addr >> 32));
		k_pci_write16(dev, cap + MSI_DATA_64, (uint16_t)msg.data);
	} else {
		k_pci_write16(dev, cap + MSI_DATA_32, (uint16_t)msg.data);
	}
	dev->msi_cap = cap;
	dev->irq_lines[0] = line;
	dev->nr_irqs = 1;
	dev->msi = true;
	k_debug("pci: %s: MSI, line %d\n", dev->name, line);
	return 1;
}

/* The message is a DMA write: bus mastering on; INTx off while MSI is on (§6.8.1.3). */
void pci_msi_enable(struct k_pci_dev *dev)
{
	k_pci_write16(dev, K_PCI_COMMAND, k_pci_read16(dev, K_PCI_COMMAND) |
					  K_PCI_COMMAND_MASTER | K_PCI_COMMAND_INTX_OFF);
	k_pci_write16(dev, dev->msi_cap + MSI_CTRL,
		      k_pci_read16(dev, dev->msi_cap + MSI_CTRL) | MSI_CTRL_ENABLE);
}
