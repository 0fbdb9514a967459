// SPDX-License-Identifier: BSD-3-Clause
/*
 * I/O BARs (PCI 3.0 §6.2.5.1): a BAR holds an address in the bus's I/O space. The host
 * backend reaches it: port instructions on x86 (host_x86.c), the host bridge's I/O
 * window in CPU memory on arm64 (io_fdt.c, the device tree's "ranges" entry of space
 * code 01). Every access is checked against the BAR here, so a driver cannot reach
 * another device's ports through it.
 */
#include <stdbool.h>
#include <keel/compiler.h>
#include "pci_priv.h"

/* BAR bar of dev is an assigned I/O BAR and [off, off + size) lies inside, aligned. */
static bool io_ok(const struct k_pci_dev *dev, unsigned int bar, unsigned int off,
		  unsigned int size)
{
	const struct k_pci_bar *b;

	if (!dev || bar >= K_ARRAY_SIZE(dev->bar))
		return false;
	b = &dev->bar[bar];
	return (b->flags & K_PCI_BAR_IO) && b->addr && b->size >= size &&
	       off <= b->size - size && !(off & (size - 1));
}

static uint32_t io_read(const struct k_pci_dev *dev, unsigned int bar, unsigned int off,
			unsigned int size)
{
	if (!io_ok(dev, bar, off, size))
		return 0xffffffffu;
	return pci_host_io_read(dev, dev->bar[bar].addr + off, size);
}

static void io_write(const struct k_pci_dev *dev, unsigned int bar, unsigned int off,
		     unsigned int size, uint32_t v)
{
	if (io_ok(dev, bar, off, size))
		pci_host_io_write(dev, dev->bar[bar].addr + off, size, v);
}

uint8_t k_pci_io_read8(const struct k_pci_dev *dev, unsigned int bar, unsigned int off)
{
	return (uint8_t)io_read(dev, bar, off, 1);
}

uint16_t k_pci_io_read16(const struct k_pci_dev *dev, unsigned int bar, unsigned int off)
{
	return (uint16_t)io_read(dev, bar, off, 2);
}

uint32_t k_pci_io_read32(const struct k_pci_dev *dev, unsigned int bar, unsigned int off)
{
	return io_read(dev, bar, off, 4);
}

void k_pci_io_write8(const struct k_pci_dev *dev, unsigned int bar, unsigned int off, uint8_t v)
{
	io_write(dev, bar, off, 1, v);
}

void k_pci_io_write16(const struct k_pci_dev *dev, unsigned int bar, unsigned int off,
		      uint16_t v)
{
	io_write(dev, bar, off, 2, v);
}

void k_pci_io_write32(const struct k_pci_dev *dev, unsigned int bar, unsigned int off,
		      uint32_t v)
{
	io_write(dev, bar, off, 4, v);
}
