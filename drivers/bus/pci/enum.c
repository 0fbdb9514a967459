// SPDX-License-Identifier: BSD-3-Clause
/*
 * Enumeration at K_INIT_BUS 90: every bus reachable from each root, through PCI-to-PCI
 * bridges (their secondary bus, as the firmware numbered it), every function of
 * multi-function devices (header type bit 7, PCI 3.0 §6.2.1), and the BARs' sizes
 * (PCI 3.0 §6.2.5.1).
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/print.h>
#include "pci_priv.h"

#define PCI_SLOTS		32
#define PCI_FUNCS		8
#define PCI_BAR_MEM_TYPE_64	0x4	/* bits 2:1 of a memory BAR = 10b */
#define PCI_BAR_MEM_PREFETCH	0x8
#define PCI_MSIX_CTRL_SIZE	0x07ff	/* message control bits 10:0: table size - 1 */

struct k_list pci_devices = K_LIST_INIT(pci_devices);
static unsigned int ndevices;

/* The bits a BAR decodes, 64 wide; restores the BAR. Decoding is off meanwhile. */
static uint64_t bar_mask(struct k_pci_dev *dev, unsigned int off, bool is64)
{
	uint32_t lo = k_pci_read32(dev, off), hi = 0, mlo, mhi = 0xffffffff;

	k_pci_write32(dev, off, 0xffffffff);
	mlo = k_pci_read32(dev, off);
	k_pci_write32(dev, off, lo);
	if (is64) {
		hi = k_pci_read32(dev, off + 4);
		k_pci_write32(dev, off + 4, 0xffffffff);
		mhi = k_pci_read32(dev, off + 4);
		k_pci_write32(dev, off + 4, hi);
	}
	return (uint64_t)mhi << 32 | mlo;
}

/* Size BAR i; returns the slots it takes (2 for a 64-bit BAR). */
static unsigned int bar_probe(struct k_pci_dev *dev, unsigned int i, unsigned int nbars)
{
	unsigned int off = K_PCI_BAR0 + 4 * i;
	uint32_t lo = k_pci_read32(dev, off);
	struct k_pci_bar *b = &dev->bar[i];
	bool is64 = !(lo & K_PCI_BAR_IO) && (lo & 0x6) == PCI_BAR_MEM_TYPE_64;
	uint64_t mask, addr;

	if (is64 && i + 1 >= nbars) {
		k_warn("pci: %s: 64-bit BAR%u has no upper half; ignored\n", dev->name, i);
		return 1;
	}
	mask = bar_mask(dev, off, is64);
	if (lo & K_PCI_BAR_IO) {
		mask &= ~(uint64_t)0x3;
		/* An I/O BAR may decode only 16 bits: the upper ones read back 0. */
		if (!(mask & 0xffff0000))
			mask |= 0xffff0000;
		addr = lo & ~(uint32_t)0x3;
		b->flags = K_PCI_BAR_IO;
	} else {
		mask &= ~(uint64_t)0xf;
		addr = lo & ~(uint32_t)0xf;
		if (is64)
			addr |= (uint64_t)k_pci_read32(dev, off + 4) << 32;
		b->flags = (is64 ? K_PCI_BAR_MEM64 : 0) |
			   (lo & PCI_BAR_MEM_PREFETCH ? K_PCI_BAR_PREFETCH : 0);
	}
	/* Not implemented (reads back 0); a 64-bit BAR of 4 GiB or more has a zero low half. */
	if ((is64 ? mask : (uint32_t)mask) == 0 || (uint32_t)mask == 0xffff0000) {
		memset(b, 0, sizeof(*b));
		return is64 ? 2 : 1;
	}
	b->size = ~mask + 1;
	b->addr = addr;
	if (b->size & (b->size - 1)) {
		k_warn("pci: %s: BAR%u decodes a non-power-of-two size (mask 0x%lx); ignored\n",
		       dev->name, i, (unsigned long)mask);
		memset(b, 0, sizeof(*b));
	}
	return is64 ? 2 : 1;
}

static void bars_probe(struct k_pci_dev *dev, unsigned int nbars)
{
	uint16_t cmd = k_pci_read16(dev, K_PCI_COMMAND);

	/* No decoding while a BAR holds all-ones: it would claim a random range. */
	k_pci_write16(dev, K_PCI_COMMAND, cmd & ~(K_PCI_COMMAND_IO | K_PCI_COMMAND_MEMORY));
	for (unsigned int i = 0; i < nbars; i += bar_probe(dev, i, nbars))
		;
	k_pci_write16(dev, K_PCI_COMMAND, cmd);
}

/* The debug line: "pci: 00:03.0 1af4:1041 class 02.00 bar4 mem64 0x...+0x4000 msix 3". */
static void dev_log(const struct k_pci_dev *dev)
{
	int secondary = -1;
	char buf[256];
	size_t n = 0;

	if ((k_pci_read8(dev, K_PCI_HEADER_TYPE) & PCI_HEADER_LAYOUT) == 1)
		secondary = k_pci_read8(dev, PCI_SECONDARY_BUS);
	n += (size_t)k_snprintf(buf, sizeof(buf), "%s %04x:%04x class %02x.%02x", dev->name,
				dev->vendor_id, dev->device_id, dev->class_code, dev->subclass);
	for (unsigned int i = 0; i < 6 && n < sizeof(buf); i++) {
		const struct k_pci_bar *b = &dev->bar[i];

		if (!b->size)
			continue;
		n += (size_t)k_snprintf(buf + n, sizeof(buf) - n, " bar%u %s%s 0x%lx+0x%lx", i,
					b->flags & K_PCI_BAR_IO ? "io" :
					b->flags & K_PCI_BAR_MEM64 ? "mem64" : "mem",
					b->flags & K_PCI_BAR_PREFETCH ? " pref" : "",
					(unsigned long)b->addr, (unsigned long)b->size);
	}
	if (dev->msix_cap && n < sizeof(buf))
		n += (size_t)k_snprintf(buf + n, sizeof(buf) - n, " msix %u", dev->msix_count);
	if (dev->irq_pin && n < sizeof(buf))
		n += (size_t)k_snprintf(buf + n, sizeof(buf) - n, " int%c irq %u",
					'a' + dev->irq_pin - 1, dev->irq_line);
	if (secondary >= 0 && n < sizeof(buf))
		k_snprintf(buf + n, sizeof(buf) - n, " bridge to bus %02x", secondary);
	k_debug("pci: %s\n", buf);
}

static void dev_fill(struct k_pci_dev *dev, unsigned int layout)
{
	uint32_t class = k_pci_read32(dev, K_PCI_CLASS_REVISION);
	unsigned int cap;

	dev->class_code = (uint8_t)(class >> 24);
	dev->subclass = (uint8_t)(class >> 16);
	dev->prog_if = (uint8_t)(class >> 8);
	dev->revision = (uint8_t)class;
	if (layout == 0) {
		dev->subsys_vendor_id = k_pci_read16(dev, K_PCI_SUBSYS_VENDOR_ID);
		dev->subsys_id = k_pci_read16(dev, K_PCI_SUBSYS_ID);
	}
	if (layout <= 1) {
		dev->irq_pin = k_pci_read8(dev, K_PCI_INTERRUPT_PIN);
		dev->irq_line = k_pci_read8(dev, K_PCI_INTERRUPT_LINE);
		if (dev->irq_pin > 4)
			dev->irq_pin = 0;
		bars_probe(dev, layout == 0 ? 6 : 2);
	}
	for (unsigned int i = 0; i < K_ARRAY_SIZE(dev->irq_lines); i++)
		dev->irq_lines[i] = -1;
	cap = k_pci_cap_find(dev, K_PCI_CAP_MSIX, 0);
	if (cap) {
		dev->msix_cap = cap;
		dev->msix_count = (k_pci_read16(dev, cap + 2) & PCI_MSIX_CTRL_SIZE) + 1u;
	}
}

static void dev_name(struct k_pci_dev *dev)
{
	if (dev->segment)
		k_snprintf(dev->name, sizeof(dev->name), "%04x:%02x:%02x.%u", dev->segment,
			   dev->bus, dev->slot, dev->func);
	else
		k_snprintf(dev->name, sizeof(dev->name), "%02x:%02x.%u", dev->bus, dev->slot,
			   dev->func);
}

/*
 * One function: -1 when absent, else its header type byte. *secondary is the bus
 * behind it when it is a bridge the firmware numbered, else -1.
 */
static int scan_function(const struct k_pci_dev *at, int *secondary)
{
	struct k_pci_dev *dev;
	uint32_t id = k_pci_read32(at, K_PCI_VENDOR_ID);
	uint16_t vendor = (uint16_t)id;
	uint8_t header;

	*secondary = -1;
	if (vendor == 0xffff || vendor == 0)
		return -1;
	dev = k_calloc(1, sizeof(*dev));
	if (!dev)
		return -1;
	*dev = *at;
	dev->vendor_id = vendor;
	dev->device_id = (uint16_t)(id >> 16);
	k_list_init(&dev->node);
	dev_name(dev);
	header = k_pci_read8(dev, K_PCI_HEADER_TYPE);
	dev_fill(dev, header & PCI_HEADER_LAYOUT);
	if ((header & PCI_HEADER_LAYOUT) == 1) {
		*secondary = k_pci_read8(dev, PCI_SECONDARY_BUS);
		if (*secondary <= dev->bus) {
			k_warn("pci: %s: bridge with secondary bus %u (not numbered by the firmware); the buses behind it are not scanned\n",
			       dev->name, *secondary);
			*secondary = -1;
		}
	}
	k_list_add_tail(&pci_devices, &dev->node);
	ndevices++;
	return header;
}

/* Buses waiting to be scanned and those seen, for one root (no recursion: the boot
 * stack is small, and a looping bridge setup is scanned once). */
struct bus_queue {
	uint8_t bus[256];
	unsigned int head, tail;
	uint32_t seen[256 / 32];
};

static void queue_bus(struct bus_queue *q, const struct pci_root *r, int bus)
{
	if (bus < r->start_bus || bus > r->end_bus) {
		k_warn("pci: bus %02x is outside the root's buses %02x..%02x; not scanned\n",
		       bus, r->start_bus, r->end_bus);
		return;
	}
	if (q->seen[bus / 32] & (1u << (bus % 32)))
		return;
	q->seen[bus / 32] |= 1u << (bus % 32);
	q->bus[q->tail++] = (uint8_t)bus;
}

static void scan_slot(struct bus_queue *q, const struct pci_root *r, uint8_t bus,
		      uint8_t slot)
{
	struct k_pci_dev at = { .segment = r->segment, .bus = bus, .slot = slot };
	int header, secondary;

	for (unsigned int func = 0; func < PCI_FUNCS; func++) {
		at.func = (uint8_t)func;
		if (pci_cfg_attach(&at))
			return;
		header = scan_function(&at, &secondary);
		if (secondary >= 0)
			queue_bus(q, r, secondary);
		/* Function 0 decides: absent, or single-function, ends the slot. */
		if (func == 0 && (header < 0 || !(header & PCI_HEADER_MULTI)))
			return;
	}
}

static unsigned int scan_root(const struct pci_root *r)
{
	static struct bus_queue q;
	unsigned int buses = 0;

	memset(&q, 0, sizeof(q));
	queue_bus(&q, r, r->start_bus);
	while (q.head < q.tail) {
		uint8_t bus = q.bus[q.head++];

		buses++;
		for (unsigned int slot = 0; slot < PCI_SLOTS; slot++)
			scan_slot(&q, r, bus, (uint8_t)slot);
	}
	return buses;
}

static int pci_init(void)
{
	const struct pci_root *roots;
	unsigned int nroots, buses = 0;

	if (pci_host_init())
		return 0;
	nroots = pci_cfg_roots(&roots);
	for (unsigned int i = 0; i < nroots; i++) {
		if (roots[i].unnumbered)
			pci_number_bridges(&roots[i], roots[i].start_bus, roots[i].start_bus);
		buses += scan_root(&roots[i]);
		pci_assign_root(&roots[i]);
		pci_host_fixup_root(&roots[i]);
	}
	if (k_log_level >= K_LOG_DEBUG)
		k_list_for_each(pos, &pci_devices)
			dev_log(k_list_entry(pos, struct k_pci_dev, node));
	k_info("pci: %u functions on %u bus%s (%s)\n", ndevices, buses, buses == 1 ? "" : "es",
	       pci_host_method());
	pci_probe_all();
	return 0;
}
K_INIT(pci_init, K_INIT_BUS, 90);

unsigned int k_pci_count(void)
{
	return ndevices;
}

struct k_pci_dev *k_pci_get(unsigned int n)
{
	k_list_for_each(pos, &pci_devices) {
		if (n-- == 0)
			return k_list_entry(pos, struct k_pci_dev, node);
	}
	return NULL;
}
