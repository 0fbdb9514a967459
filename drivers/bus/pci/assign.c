// SPDX-License-Identifier: BSD-3-Clause
/*
 * BAR assignment for firmware that leaves it to the OS (qboot on QEMU q35 numbers the
 * buses and routes INTx but writes no BAR; QEMU -kernel on arm64 virt runs no firmware
 * at all). The host backend gives each root its windows (x86: below the IOAPIC and
 * above the chipset's ports; device tree: the host bridge's "ranges"). The 64-bit BARs
 * of the root bus's functions go into the 64-bit window when there is one; every other
 * BAR goes into the 32-bit memory window or the I/O window. Each PCI-to-PCI bridge gets
 * a memory and an I/O window covering what is behind it (PCI Bridge 1.2 §3.2.5.6..9),
 * and its prefetchable window stays closed, so prefetchable and 64-bit BARs behind a
 * bridge take 32-bit non-prefetchable addresses, which the specification allows.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/print.h>
#include "pci_priv.h"

#define PCI_IO_BASE		0x1c	/* u8: bits 7:4 = address bits 15:12 */
#define PCI_IO_LIMIT		0x1d
#define PCI_MEM_BASE		0x20	/* u16: bits 15:4 = address bits 31:20 */
#define PCI_MEM_LIMIT		0x22
#define PCI_PREF_BASE		0x24
#define PCI_PREF_LIMIT		0x26
#define PCI_PREF_BASE_UPPER	0x28
#define PCI_PREF_LIMIT_UPPER	0x2c
#define PCI_IO_BASE_UPPER	0x30
#define PCI_IO_LIMIT_UPPER	0x32

enum res_type { RES_MEM, RES_IO, RES_MEM64 };

static const uint64_t bridge_granule[] = { [RES_MEM] = 1 << 20, [RES_IO] = 1 << 12,
					   [RES_MEM64] = 1 << 20 };
static const char *const res_name[] = { [RES_MEM] = "memory", [RES_IO] = "I/O",
					[RES_MEM64] = "64-bit memory" };

/* The root being assigned has a 64-bit window for its root bus's 64-bit BARs. */
static bool root_has_mem64;

struct res_item {
	struct k_pci_dev *dev;
	int bar;		/* -1: the bridge window of dev */
	uint64_t size, align;
};

static bool bar_is(const struct k_pci_bar *b, enum res_type t, unsigned int depth)
{
	bool to64 = root_has_mem64 && depth == 0 && (b->flags & K_PCI_BAR_MEM64);

	if (!b->size)
		return false;
	if (t == RES_IO)
		return b->flags & K_PCI_BAR_IO;
	return !(b->flags & K_PCI_BAR_IO) && to64 == (t == RES_MEM64);
}

static int bridge_secondary(const struct k_pci_dev *dev)
{
	if ((k_pci_read8(dev, K_PCI_HEADER_TYPE) & PCI_HEADER_LAYOUT) != 1)
		return -1;
	return k_pci_read8(dev, PCI_SECONDARY_BUS);
}

static uint64_t bus_size(uint16_t seg, int bus, enum res_type t, uint64_t *align,
			 unsigned int depth);

/* The items on a bus, largest alignment first; *n is their count. NULL when none. */
static struct res_item *bus_items(uint16_t seg, int bus, enum res_type t, unsigned int *n,
				  unsigned int depth)
{
	struct res_item *items = NULL, tmp;
	unsigned int cap = 0;

	*n = 0;
	k_list_for_each(pos, &pci_devices) {
		struct k_pci_dev *dev = k_list_entry(pos, struct k_pci_dev, node);
		int sec = -1;

		if (dev->segment != seg || dev->bus != bus)
			continue;
		if (*n + 7 > cap) {
			struct res_item *more = k_realloc(items, (cap + 16) * sizeof(*items));

			if (!more)
				break;
			items = more;
			cap += 16;
		}
		for (int i = 0; i < 6; i++)
			if (bar_is(&dev->bar[i], t, depth))
				items[(*n)++] = (struct res_item){ dev, i, dev->bar[i].size,
								   dev->bar[i].size };
		sec = t == RES_MEM64 ? -1 : bridge_secondary(dev);
		if (sec > bus && depth < PCI_BRIDGE_DEPTH_MAX) {
			uint64_t a, s = bus_size(seg, sec, t, &a, depth + 1);

			/* Size a multiple of the alignment, so the next item stays aligned. */
			uint64_t al = K_MAX(a, bridge_granule[t]);

			if (s)
				items[(*n)++] = (struct res_item){ dev, -1, K_ALIGN_UP(s, al), al };
		}
	}
	/* Insertion sort by alignment, descending: the items then pack without gaps. */
	for (unsigned int i = 1; i < *n; i++)
		for (unsigned int j = i; j > 0 && items[j - 1].align < items[j].align; j--) {
			tmp = items[j];
			items[j] = items[j - 1];
			items[j - 1] = tmp;
		}
	return items;
}

/* Room a bus's devices and bridges need; *align is the largest alignment among them. */
static uint64_t bus_size(uint16_t seg, int bus, enum res_type t, uint64_t *align,
			 unsigned int depth)
{
	unsigned int n;
	struct res_item *items = bus_items(seg, bus, t, &n, depth);
	uint64_t size = 0;

	*align = n ? items[0].align : 1;
	for (unsigned int i = 0; i < n; i++)
		size += items[i].size;
	k_free(items);
	return size;
}

static void bar_write(struct k_pci_dev *dev, int i, uint64_t addr)
{
	unsigned int off = K_PCI_BAR0 + 4 * (unsigned int)i;
	uint32_t low_flags = k_pci_read32(dev, off) & (dev->bar[i].flags & K_PCI_BAR_IO ? 0x3 : 0xf);

	k_pci_write32(dev, off, (uint32_t)addr | low_flags);
	if (dev->bar[i].flags & K_PCI_BAR_MEM64)
		k_pci_write32(dev, off + 4, (uint32_t)(addr >> 32));
	dev->bar[i].addr = addr;
}

static void bridge_window(struct k_pci_dev *dev, enum res_type t, uint64_t base, uint64_t size)
{
	uint64_t last = base + size - 1;

	if (t == RES_MEM) {
		k_pci_write16(dev, PCI_MEM_BASE, (uint16_t)((base >> 16) & 0xfff0));
		k_pci_write16(dev, PCI_MEM_LIMIT, (uint16_t)((last >> 16) & 0xfff0));
	} else {
		k_pci_write8(dev, PCI_IO_BASE, (uint8_t)((base >> 8) & 0xf0));
		k_pci_write8(dev, PCI_IO_LIMIT, (uint8_t)((last >> 8) & 0xf0));
		k_pci_write16(dev, PCI_IO_BASE_UPPER, 0);
		k_pci_write16(dev, PCI_IO_LIMIT_UPPER, 0);
	}
	k_pci_write16(dev, K_PCI_COMMAND, k_pci_read16(dev, K_PCI_COMMAND) | K_PCI_COMMAND_MASTER |
			  (t == RES_MEM ? K_PCI_COMMAND_MEMORY : K_PCI_COMMAND_IO));
	k_debug("pci: %s: bridge %s window 0x%lx-0x%lx\n", dev->name, res_name[t],
		(unsigned long)base, (unsigned long)last);
}

/* Place a bus's items from base (aligned to the largest), bridges recursively. */
static void bus_assign(uint16_t seg, int bus, enum res_type t, uint64_t base,
		       unsigned int depth)
{
	unsigned int n;
	struct res_item *items = bus_items(seg, bus, t, &n, depth);

	for (unsigned int i = 0; i < n; i++) {
		struct res_item *it = &items[i];

		if (it->bar >= 0) {
			bar_write(it->dev, it->bar, base);
		} else {
			bus_assign(seg, bridge_secondary(it->dev), t, base, depth + 1);
			bridge_window(it->dev, t, base, it->size);
		}
		base += it->size;
	}
	k_free(items);
}

/* Closed windows (base above limit) on every bridge, before any is opened. */
static void bridges_close(uint16_t seg)
{
	k_list_for_each(pos, &pci_devices) {
		struct k_pci_dev *dev = k_list_entry(pos, struct k_pci_dev, node);

		if (dev->segment != seg || bridge_secondary(dev) < 0)
			continue;
		k_pci_write8(dev, PCI_IO_BASE, 0xf0);
		k_pci_write8(dev, PCI_IO_LIMIT, 0);
		k_pci_write16(dev, PCI_MEM_BASE, 0xfff0);
		k_pci_write16(dev, PCI_MEM_LIMIT, 0);
		k_pci_write16(dev, PCI_PREF_BASE, 0xfff0);
		k_pci_write16(dev, PCI_PREF_LIMIT, 0);
		k_pci_write32(dev, PCI_PREF_BASE_UPPER, 0);
		k_pci_write32(dev, PCI_PREF_LIMIT_UPPER, 0);
	}
}

static void root_assign_type(const struct pci_root *r, enum res_type t,
			     const struct pci_window *w)
{
	uint64_t align, size = bus_size(r->segment, r->start_bus, t, &align, 0), base;

	if (!size)
		return;
	base = K_ALIGN_UP(w->start, align);
	if (base < w->start || base + size > w->end || base + size < base) {
		k_warn("pci: the %s BARs need 0x%lx bytes, more than the window 0x%lx-0x%lx holds; not assigned\n",
		       res_name[t], (unsigned long)size, (unsigned long)w->start,
		       (unsigned long)w->end);
		return;
	}
	bus_assign(r->segment, r->start_bus, t, base, 0);
	k_debug("pci: %s BARs assigned at 0x%lx-0x%lx\n", res_name[t], (unsigned long)base,
		(unsigned long)(base + size - 1));
}

/* Assign the root's BARs when the firmware assigned none of them. */
void pci_assign_root(const struct pci_root *r)
{
	unsigned int sized = 0, assigned = 0;

	k_list_for_each(pos, &pci_devices) {
		struct k_pci_dev *dev = k_list_entry(pos, struct k_pci_dev, node);

		if (dev->segment != r->segment)
			continue;
		for (int i = 0; i < 6; i++) {
			sized += dev->bar[i].size != 0;
			assigned += dev->bar[i].addr != 0;
		}
	}
	if (!sized || assigned)
		return;
	k_info("pci: the firmware assigned no BARs; assigning them\n");
	bridges_close(r->segment);
	root_has_mem64 = r->mem64.end != 0;
	if (root_has_mem64)
		root_assign_type(r, RES_MEM64, &r->mem64);
	root_assign_type(r, RES_MEM, &r->mem);
	root_assign_type(r, RES_IO, &r->io);
}
