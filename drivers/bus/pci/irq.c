// SPDX-License-Identifier: BSD-3-Clause
/*
 * Interrupts: MSI-X (PCI 3.0 §6.8.2) with one k_irq MSI line per vector when the
 * interrupt controller has MSI, else one MSI vector (msi.c) for a function with MSI
 * but not MSI-X, else INTx where the host backend routes it (x86: the ISA IRQ in the
 * interrupt line register, PCI 3.0 §6.2.4; device tree: interrupt-map), shared and
 * level-triggered. pci.msix=0 on the command line forces INTx everywhere.
 */
#include <errno.h>
#include <string.h>
#include <keel/irq.h>
#include <keel/param.h>
#include <keel/print.h>
#include "pci_priv.h"

/* MSI-X capability: message control at +2, table offset/BIR at +4 (PCI 3.0 §6.8.2). */
#define MSIX_CTRL		2
#define MSIX_CTRL_FMASK		0x4000	/* function mask: no vector may signal */
#define MSIX_CTRL_ENABLE	0x8000
#define MSIX_TABLE		4
#define MSIX_TABLE_BIR		0x7
/* Table entries: address low, address high, data, vector control (bit 0 = masked). */
#define MSIX_ENTRY_SIZE		16
#define MSIX_ENTRY_WORDS	(MSIX_ENTRY_SIZE / 4)
#define MSIX_VCTRL_MASKED	0x1

static bool msix_allowed = true;

static int msix_param_set(const char *value)
{
	if (!value || !strcmp(value, "1") || !strcmp(value, "on"))
		msix_allowed = true;
	else if (!strcmp(value, "0") || !strcmp(value, "off"))
		msix_allowed = false;
	else
		return -EINVAL;
	return 0;
}
K_PARAM("pci.msix", msix_param_set,
	"1 (use MSI-X or MSI where devices have it) or 0 (INTx only)");


static volatile uint32_t *msix_entry(const struct k_pci_dev *dev, unsigned int i)
{
	return dev->msix_table + i * MSIX_ENTRY_WORDS;
}

/* The table, mapped, or NULL when the capability points outside its BAR. */
static volatile uint32_t *msix_table_map(struct k_pci_dev *dev)
{
	uint32_t t = k_pci_read32(dev, dev->msix_cap + MSIX_TABLE);
	unsigned int bir = t & MSIX_TABLE_BIR;
	uint64_t off = t & ~(uint32_t)MSIX_TABLE_BIR, len = dev->msix_count * MSIX_ENTRY_SIZE;
	uint8_t *base;

	if (bir >= 6 || !dev->bar[bir].size || (dev->bar[bir].flags & K_PCI_BAR_IO) ||
	    off + len > dev->bar[bir].size) {
		k_warn("pci: %s: MSI-X table (BAR%u offset 0x%lx, %u entries) is not inside a memory BAR; using INTx\n",
		       dev->name, bir, (unsigned long)off, dev->msix_count);
		return NULL;
	}
	base = k_pci_bar_map(dev, bir);
	return base ? (volatile uint32_t *)(base + off) : NULL;
}

static int msix_setup(struct k_pci_dev *dev, unsigned int want)
{
	unsigned int ctrl_off = dev->msix_cap + MSIX_CTRL, n, got = 0;
	uint16_t ctrl = k_pci_read16(dev, ctrl_off);
	struct k_msi_msg msg;
	int line = -ENOSPC;

	/* Memory decoding must stay off while a memory BAR has no address (it would decode 0). */
	for (unsigned int i = 0; i < 6; i++)
		if (dev->bar[i].size && !dev->bar[i].addr && !(dev->bar[i].flags & K_PCI_BAR_IO))
			return -EINVAL;
	/* An interrupt controller without MSI (a GIC without v2m frames): INTx, quietly. */
	line = k_irq_msi_alloc(&msg);
	if (line == -ENODEV)
		return line;
	dev->msix_table = msix_table_map(dev);
	if (!dev->msix_table) {
		if (line >= 0)
			k_irq_msi_free((unsigned int)line);
		return -EINVAL;
	}
	/* The table is reached through the BAR; the messages are DMA writes. */
	k_pci_write16(dev, K_PCI_COMMAND, k_pci_read16(dev, K_PCI_COMMAND) |
					  K_PCI_COMMAND_MEMORY | K_PCI_COMMAND_MASTER);
	/* Enabled but function-masked while the entries are written, each masked too. */
	k_pci_write16(dev, ctrl_off, ctrl | MSIX_CTRL_ENABLE | MSIX_CTRL_FMASK);
	for (unsigned int i = 0; i < dev->msix_count; i++)
		msix_entry(dev, i)[3] |= MSIX_VCTRL_MASKED;
	n = K_MIN(K_MIN(want, dev->msix_count), (unsigned int)K_ARRAY_SIZE(dev->irq_lines));
	for (; got < n; got++) {
		volatile uint32_t *e = msix_entry(dev, got);

		if (got)
			line = k_irq_msi_alloc(&msg);
		if (line < 0)
			break;
		e[0] = (uint32_t)msg.addr;
		e[1] = (uint32_t)(msg.addr >> 32);
		e[2] = msg.data;
		dev->irq_lines[got] = line;
	}
	if (!got) {
		k_pci_write16(dev, ctrl_off, ctrl & ~(MSIX_CTRL_ENABLE | MSIX_CTRL_FMASK));
		k_warn("pci: %s: no MSI line (error %d); using INTx\n", dev->name, line);
		return line;
	}
	dev->msix = true;
	dev->nr_irqs = got;
	k_pci_write16(dev, ctrl_off, (ctrl | MSIX_CTRL_ENABLE) & ~MSIX_CTRL_FMASK);
	k_debug("pci: %s: %u MSI-X vectors, lines %d..%d\n", dev->name, got,
		dev->irq_lines[0], dev->irq_lines[got - 1]);
	return (int)got;
}

/* INTx: level-triggered and shared; the host backend knows where the pin arrives. */
static int intx_setup(struct k_pci_dev *dev)
{
	unsigned int line, flags = 0;
	int rc;

	if (!dev->irq_pin) {
		k_warn("pci: %s: no MSI-X and no interrupt pin\n", dev->name);
		return -ENODEV;
	}
	rc = pci_host_intx_route(dev, &line, &flags);
	if (rc)
		return rc;
	dev->intx_flags = (flags & K_IRQ_ACTIVE_LOW) | K_IRQ_LEVEL | K_IRQ_SHARED;
	dev->irq_lines[0] = (int)line;
	dev->nr_irqs = 1;
	dev->msix = false;
	return 1;
}

int k_pci_irq_alloc(struct k_pci_dev *dev, unsigned int want)
{
	if (dev->nr_irqs)
		return (int)dev->nr_irqs;
	if (dev->msix_cap && msix_allowed && msix_setup(dev, want ? want : 1) > 0)
		return (int)dev->nr_irqs;
	if (!dev->msix_cap && msix_allowed && pci_msi_setup(dev) > 0)
		return 1;
	return intx_setup(dev);
}

int k_pci_irq_register(struct k_pci_dev *dev, unsigned int i, k_irq_handler_t fn,
		       void *arg, const char *name)
{
	int rc;

	if (!dev->nr_irqs || (dev->msix && i >= dev->nr_irqs))
		return -EINVAL;
	if (dev->msi) {
		if (i)
			return -EINVAL;
		rc = k_irq_register((unsigned int)dev->irq_lines[0], fn, arg, name, K_IRQ_EDGE);
		if (!rc)
			pci_msi_enable(dev);
		return rc;
	}
	if (!dev->msix) {
		rc = k_irq_register((unsigned int)dev->irq_lines[0], fn, arg, name,
				    dev->intx_flags);
		if (!rc)
			k_pci_write16(dev, K_PCI_COMMAND, k_pci_read16(dev, K_PCI_COMMAND) &
							  ~K_PCI_COMMAND_INTX_OFF);
		return rc;
	}
	rc = k_irq_register((unsigned int)dev->irq_lines[i], fn, arg, name, K_IRQ_EDGE);
	if (!rc)
		msix_entry(dev, i)[3] &= ~MSIX_VCTRL_MASKED;
	return rc;
}

bool k_pci_irq_is_msix(const struct k_pci_dev *dev)
{
	return dev->msix;
}

const char *k_pci_irq_mode(const struct k_pci_dev *dev)
{
	if (!dev->nr_irqs)
		return "none";
	return dev->msix ? "MSI-X" : dev->msi ? "MSI" : "INTx";
}

int k_pci_irq_line(const struct k_pci_dev *dev, unsigned int i)
{
	if (!dev->nr_irqs)
		return -1;
	if (!dev->msix)
		return dev->irq_lines[0];
	return i < dev->nr_irqs ? dev->irq_lines[i] : -1;
}
