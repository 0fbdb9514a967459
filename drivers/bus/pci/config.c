// SPDX-License-Identifier: BSD-3-Clause
/*
 * Configuration space access. PCIe Base 4.0 §7.2.2 (ECAM): each function has 4 KiB at
 * base + (bus << 20 | device << 15 | function << 12), where the host backend gives the
 * base per segment and bus range (ACPI MCFG, or the device tree's host bridge "reg").
 * A root without ECAM goes through the backend's port mechanism (x86 only), 256 bytes
 * per function.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/print.h>
#include "pci_priv.h"

#define PCI_PORT_SPACE		256
#define PCI_ECAM_SPACE		4096

static struct pci_root roots[PCI_ROOTS_MAX];
static uint32_t ecam_mapped[PCI_ROOTS_MAX][256 / 32];	/* buses whose 1 MiB is mapped */
static unsigned int nroots;
static const struct pci_port_ops *port_ops;

int pci_cfg_add_root(const struct pci_root *r)
{
	if (nroots == PCI_ROOTS_MAX) {
		k_warn("pci: more than %d host bridges; segment %u buses %02x..%02x ignored\n",
		       PCI_ROOTS_MAX, r->segment, r->start_bus, r->end_bus);
		return -ENOSPC;
	}
	roots[nroots++] = *r;
	return 0;
}

void pci_cfg_use_ports(const struct pci_port_ops *ops)
{
	port_ops = ops;
}

unsigned int pci_cfg_roots(const struct pci_root **r)
{
	*r = roots;
	return nroots;
}

/* An access of size bytes at off is in range and naturally aligned. */
static bool cfg_ok(const struct k_pci_dev *dev, unsigned int off, unsigned int size)
{
	unsigned int space = dev->ecam ? PCI_ECAM_SPACE : PCI_PORT_SPACE;

	if (!dev->ecam && !port_ops)
		return false;
	return off < space && size <= space - off && !(off & (size - 1));
}

uint8_t k_pci_read8(const struct k_pci_dev *dev, unsigned int off)
{
	if (!cfg_ok(dev, off, 1))
		return 0xff;
	return dev->ecam ? dev->ecam[off] : (uint8_t)port_ops->read(dev, off, 1);
}

uint16_t k_pci_read16(const struct k_pci_dev *dev, unsigned int off)
{
	if (!cfg_ok(dev, off, 2))
		return 0xffff;
	return dev->ecam ? *(volatile uint16_t *)(dev->ecam + off) :
			   (uint16_t)port_ops->read(dev, off, 2);
}

uint32_t k_pci_read32(const struct k_pci_dev *dev, unsigned int off)
{
	if (!cfg_ok(dev, off, 4))
		return 0xffffffff;
	return dev->ecam ? *(volatile uint32_t *)(dev->ecam + off) :
			   port_ops->read(dev, off, 4);
}

void k_pci_write8(const struct k_pci_dev *dev, unsigned int off, uint8_t v)
{
	if (!cfg_ok(dev, off, 1))
		return;
	if (dev->ecam)
		dev->ecam[off] = v;
	else
		port_ops->write(dev, off, 1, v);
}

void k_pci_write16(const struct k_pci_dev *dev, unsigned int off, uint16_t v)
{
	if (!cfg_ok(dev, off, 2))
		return;
	if (dev->ecam)
		*(volatile uint16_t *)(dev->ecam + off) = v;
	else
		port_ops->write(dev, off, 2, v);
}

void k_pci_write32(const struct k_pci_dev *dev, unsigned int off, uint32_t v)
{
	if (!cfg_ok(dev, off, 4))
		return;
	if (dev->ecam)
		*(volatile uint32_t *)(dev->ecam + off) = v;
	else
		port_ops->write(dev, off, 4, v);
}

static int root_for(const struct k_pci_dev *dev)
{
	for (unsigned int i = 0; i < nroots; i++) {
		if (roots[i].segment == dev->segment && dev->bus >= roots[i].start_bus &&
		    dev->bus <= roots[i].end_bus)
			return (int)i;
	}
	return -ENODEV;
}

int pci_cfg_attach(struct k_pci_dev *dev)
{
	int i = root_for(dev), rc;
	unsigned int rel;
	uint64_t bus_base;

	dev->ecam = NULL;
	if (i < 0)
		return i;
	if (!roots[i].ecam)
		return port_ops ? 0 : -ENODEV;
	rel = dev->bus - roots[i].start_bus;
	bus_base = roots[i].ecam + ((uint64_t)rel << 20);
	if (!(ecam_mapped[i][rel / 32] & (1u << (rel % 32)))) {
		rc = k_arch_map((uintptr_t)bus_base, bus_base, PCI_ECAM_BUS_SIZE,
				K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);
		if (rc) {
			k_err("pci: cannot map the ECAM window of bus %02x at 0x%lx (error %d)\n",
			      dev->bus, (unsigned long)bus_base, rc);
			return rc;
		}
		ecam_mapped[i][rel / 32] |= 1u << (rel % 32);
	}
	dev->ecam = (volatile uint8_t *)(uintptr_t)(bus_base + ((uint32_t)dev->slot << 15) +
						    ((uint32_t)dev->func << 12));
	return 0;
}
