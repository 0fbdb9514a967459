// SPDX-License-Identifier: BSD-3-Clause
/* Capabilities, decoding, BAR mappings and the PCI drivers. */
#include <errno.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/print.h>
#include "pci_priv.h"

#define PCI_CAP_WALK_MAX	48	/* (256 - 64) / 4: more entries means a loop */

static struct k_list pci_drivers = K_LIST_INIT(pci_drivers);

/* PCI 3.0 §6.7: the list starts at 0x34, entries are id, next (dword aligned). */
unsigned int k_pci_cap_find(const struct k_pci_dev *dev, uint8_t id, unsigned int from)
{
	unsigned int off;

	if (!(k_pci_read16(dev, K_PCI_STATUS) & K_PCI_STATUS_CAP_LIST))
		return 0;
	off = from ? k_pci_read8(dev, from + 1) : k_pci_read8(dev, K_PCI_CAP_PTR);
	for (unsigned int n = 0; n < PCI_CAP_WALK_MAX; n++) {
		off &= 0xfc;
		if (off < 0x40)		/* 0 ends the list; below 0x40 is the header */
			return 0;
		if (k_pci_read8(dev, off) == id)
			return off;
		off = k_pci_read8(dev, off + 1);
	}
	return 0;
}

/* Decoding of a kind stays off while one of its BARs is unassigned (address 0). */
void k_pci_enable(struct k_pci_dev *dev)
{
	uint16_t cmd = k_pci_read16(dev, K_PCI_COMMAND) | K_PCI_COMMAND_MASTER;
	bool io = true, mem = true;

	for (unsigned int i = 0; i < K_ARRAY_SIZE(dev->bar); i++) {
		if (dev->bar[i].size && !dev->bar[i].addr) {
			if (dev->bar[i].flags & K_PCI_BAR_IO)
				io = false;
			else
				mem = false;
		}
	}
	if (io)
		cmd |= K_PCI_COMMAND_IO;
	if (mem)
		cmd |= K_PCI_COMMAND_MEMORY;
	if (!io || !mem)
		k_warn("pci: %s: %s decoding stays off: a BAR is unassigned\n", dev->name,
		       !mem ? "memory" : "I/O");
	k_pci_write16(dev, K_PCI_COMMAND, cmd);
}

void *k_pci_bar_map(struct k_pci_dev *dev, unsigned int i)
{
	struct k_pci_bar *b;
	uint64_t start, end;
	int rc;

	if (i >= K_ARRAY_SIZE(dev->bar))
		return NULL;
	b = &dev->bar[i];
	if (b->virt)
		return b->virt;
	if (!b->size || !b->addr || (b->flags & K_PCI_BAR_IO))
		return NULL;
	start = K_ALIGN_DOWN(b->addr, (uint64_t)K_ARCH_PAGE_SIZE);
	end = K_ALIGN_UP(b->addr + b->size, (uint64_t)K_ARCH_PAGE_SIZE);
	if (end <= start) {
		k_warn("pci: %s: BAR%u 0x%lx+0x%lx wraps around; not mapped\n", dev->name, i,
		       (unsigned long)b->addr, (unsigned long)b->size);
		return NULL;
	}
	rc = k_arch_map((uintptr_t)start, start, (size_t)(end - start),
			K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);
	if (rc) {
		k_err("pci: %s: cannot map BAR%u at 0x%lx (error %d)\n", dev->name, i,
		      (unsigned long)b->addr, rc);
		return NULL;
	}
	b->virt = (void *)(uintptr_t)b->addr;
	return b->virt;
}

static const struct k_pci_id *driver_match(const struct k_pci_driver *drv,
					   const struct k_pci_dev *dev)
{
	for (const struct k_pci_id *id = drv->ids; id->vendor_id || id->device_id; id++) {
		if ((id->vendor_id == K_PCI_ANY_ID || id->vendor_id == dev->vendor_id) &&
		    (id->device_id == K_PCI_ANY_ID || id->device_id == dev->device_id))
			return id;
	}
	return NULL;
}

static void driver_try(struct k_pci_driver *drv, struct k_pci_dev *dev)
{
	const struct k_pci_id *id;
	int rc;

	if (dev->driver || !(id = driver_match(drv, dev)))
		return;
	rc = drv->probe(dev, id);
	if (rc) {
		k_warn("pci: %s %04x:%04x: %s probe failed (%d)\n", dev->name, dev->vendor_id,
		       dev->device_id, drv->name, rc);
		return;
	}
	dev->driver = drv;
	k_debug("pci: %s: driven by %s\n", dev->name, drv->name);
}

/*
 * Registration probes at once every function enumerated so far; functions found later
 * (a driver registered before K_INIT_BUS 90) are offered by pci_probe_all(). Call it
 * from init functions or one thread: the lists have no lock.
 */
int k_pci_driver_register(struct k_pci_driver *drv)
{
	if (!drv || !drv->probe || !drv->ids)
		return -EINVAL;
	k_list_add_tail(&pci_drivers, &drv->node);
	k_list_for_each(pos, &pci_devices)
		driver_try(drv, k_list_entry(pos, struct k_pci_dev, node));
	return 0;
}

void pci_probe_all(void)
{
	k_list_for_each(d, &pci_drivers) {
		k_list_for_each(pos, &pci_devices)
			driver_try(k_list_entry(d, struct k_pci_driver, node),
				   k_list_entry(pos, struct k_pci_dev, node));
	}
}
