// SPDX-License-Identifier: BSD-3-Clause
/*
 * Configuration space access. PCIe Base 4.0 §7.2.2 (ECAM): each function has 4 KiB at
 * base + (bus << 20 | device << 15 | function << 12), where the ACPI MCFG table (PCI
 * Firmware 3.2 §4.1.2) gives the base per segment and bus range. Without MCFG, PCI 3.0
 * §3.2.2.3.2 (configuration mechanism #1): the address goes to port 0xcf8, the data
 * through 0xcfc..0xcff, 256 bytes per function.
 */
#include <errno.h>
#include <string.h>
#include <keel/acpi.h>
#include <keel/arch.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/x86_64/cpu.h>
#include "pci_priv.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_CONFIG_ENABLE	0x80000000u
#define PCI_PORT_SPACE		256
#define PCI_ECAM_SPACE		4096
#define PCI_ECAM_BUS_SIZE	(1u << 20)
#define PCI_ROOTS_MAX		4

/* MCFG: the 36-byte ACPI header, 8 reserved bytes, then 16-byte entries. */
#define MCFG_ENTRIES_OFF	44
struct mcfg_entry {
	uint64_t base;
	uint16_t segment;
	uint8_t start_bus, end_bus;
	uint32_t reserved;
} __k_packed;

struct ecam_window {
	uint64_t base;			/* of start_bus */
	uint32_t mapped[256 / 32];	/* buses whose 1 MiB is mapped */
};

static struct pci_root roots[PCI_ROOTS_MAX];
static struct ecam_window windows[PCI_ROOTS_MAX];
static unsigned int nroots;
static bool use_ports;
static struct k_spinlock port_lock = K_SPINLOCK_INIT;

static uint32_t port_address(const struct k_pci_dev *dev, unsigned int off)
{
	return PCI_CONFIG_ENABLE | (uint32_t)dev->bus << 16 | (uint32_t)dev->slot << 11 |
	       (uint32_t)dev->func << 8 | (off & 0xfc);
}

/* An access of size bytes at off is in range and naturally aligned. */
static bool cfg_ok(const struct k_pci_dev *dev, unsigned int off, unsigned int size)
{
	unsigned int space = dev->ecam ? PCI_ECAM_SPACE : PCI_PORT_SPACE;

	if (!dev->ecam && !use_ports)
		return false;
	return off < space && size <= space - off && !(off & (size - 1));
}

/* Port mechanism: the address and data accesses must not interleave with another's. */
static uint32_t port_read(const struct k_pci_dev *dev, unsigned int off, unsigned int size)
{
	unsigned long flags = k_spin_lock_irqsave(&port_lock);
	uint16_t data = (uint16_t)(PCI_CONFIG_DATA + (off & 3));
	uint32_t v;

	outl(PCI_CONFIG_ADDRESS, port_address(dev, off));
	v = size == 1 ? inb(data) : size == 2 ? inw(data) : inl(data);
	k_spin_unlock_irqrestore(&port_lock, flags);
	return v;
}

static void port_write(const struct k_pci_dev *dev, unsigned int off, unsigned int size,
		       uint32_t v)
{
	unsigned long flags = k_spin_lock_irqsave(&port_lock);
	uint16_t data = (uint16_t)(PCI_CONFIG_DATA + (off & 3));

	outl(PCI_CONFIG_ADDRESS, port_address(dev, off));
	if (size == 1)
		outb(data, (uint8_t)v);
	else if (size == 2)
		outw(data, (uint16_t)v);
	else
		outl(data, v);
	k_spin_unlock_irqrestore(&port_lock, flags);
}

uint8_t k_pci_read8(const struct k_pci_dev *dev, unsigned int off)
{
	if (!cfg_ok(dev, off, 1))
		return 0xff;
	return dev->ecam ? dev->ecam[off] : (uint8_t)port_read(dev, off, 1);
}

uint16_t k_pci_read16(const struct k_pci_dev *dev, unsigned int off)
{
	if (!cfg_ok(dev, off, 2))
		return 0xffff;
	return dev->ecam ? *(volatile uint16_t *)(dev->ecam + off) :
			   (uint16_t)port_read(dev, off, 2);
}

uint32_t k_pci_read32(const struct k_pci_dev *dev, unsigned int off)
{
	if (!cfg_ok(dev, off, 4))
		return 0xffffffff;
	return dev->ecam ? *(volatile uint32_t *)(dev->ecam + off) : port_read(dev, off, 4);
}

void k_pci_write8(const struct k_pci_dev *dev, unsigned int off, uint8_t v)
{
	if (!cfg_ok(dev, off, 1))
		return;
	if (dev->ecam)
		dev->ecam[off] = v;
	else
		port_write(dev, off, 1, v);
}

void k_pci_write16(const struct k_pci_dev *dev, unsigned int off, uint16_t v)
{
	if (!cfg_ok(dev, off, 2))
		return;
	if (dev->ecam)
		*(volatile uint16_t *)(dev->ecam + off) = v;
	else
		port_write(dev, off, 2, v);
}

void k_pci_write32(const struct k_pci_dev *dev, unsigned int off, uint32_t v)
{
	if (!cfg_ok(dev, off, 4))
		return;
	if (dev->ecam)
		*(volatile uint32_t *)(dev->ecam + off) = v;
	else
		port_write(dev, off, 4, v);
}

/* The MCFG entries that make sense; a bad one is logged and skipped. */
static void mcfg_read(const struct acpi_sdt *mcfg)
{
	const uint8_t *p = (const uint8_t *)mcfg + MCFG_ENTRIES_OFF;
	const uint8_t *end = (const uint8_t *)mcfg + mcfg->length;
	struct mcfg_entry e;

	for (; p + sizeof(e) <= end; p += sizeof(e)) {
		memcpy(&e, p, sizeof(e));
		if (!e.base || e.start_bus > e.end_bus || (e.base & (PCI_ECAM_BUS_SIZE - 1))) {
			k_warn("pci: ignoring MCFG entry: base 0x%lx buses %u..%u\n",
			       (unsigned long)e.base, e.start_bus, e.end_bus);
			continue;
		}
		if (nroots == PCI_ROOTS_MAX) {
			k_warn("pci: more than %d MCFG entries; the rest are ignored\n",
			       PCI_ROOTS_MAX);
			return;
		}
		roots[nroots] = (struct pci_root){ e.segment, e.start_bus, e.end_bus };
		windows[nroots].base = e.base;
		nroots++;
	}
}

/* Mechanism #1 is there when CONFIG_ADDRESS keeps what is written to it. */
static bool ports_present(void)
{
	uint32_t saved = inl(PCI_CONFIG_ADDRESS), back;

	outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE);
	back = inl(PCI_CONFIG_ADDRESS);
	outl(PCI_CONFIG_ADDRESS, saved);
	return back == PCI_CONFIG_ENABLE;
}

int pci_cfg_init(void)
{
	const struct acpi_sdt *mcfg = k_acpi_table("MCFG");

	if (mcfg && mcfg->length >= MCFG_ENTRIES_OFF)
		mcfg_read(mcfg);
	if (nroots)
		return 0;
	if (!ports_present())
		return -ENODEV;
	use_ports = true;
	roots[0] = (struct pci_root){ 0, 0, 255 };
	nroots = 1;
	return 0;
}

const char *pci_cfg_method(void)
{
	return use_ports ? "ports 0xcf8/0xcfc" : "ECAM";
}

unsigned int pci_cfg_roots(const struct pci_root **r)
{
	*r = roots;
	return nroots;
}

uint64_t pci_cfg_ecam_top(uint64_t limit)
{
	uint64_t top = 0;

	for (unsigned int i = 0; !use_ports && i < nroots; i++) {
		uint64_t end = windows[i].base +
			       ((uint64_t)(roots[i].end_bus - roots[i].start_bus + 1) << 20);

		if (end <= limit && end > top)
			top = end;
	}
	return top;
}

static struct ecam_window *ecam_window_for(const struct k_pci_dev *dev, unsigned int *idx)
{
	for (unsigned int i = 0; i < nroots; i++) {
		if (roots[i].segment == dev->segment && dev->bus >= roots[i].start_bus &&
		    dev->bus <= roots[i].end_bus) {
			*idx = i;
			return &windows[i];
		}
	}
	return NULL;
}

int pci_cfg_attach(struct k_pci_dev *dev)
{
	struct ecam_window *w;
	unsigned int i, rel;
	uint64_t bus_base;
	int rc;

	dev->ecam = NULL;
	if (use_ports)
		return dev->segment == 0 ? 0 : -ENODEV;
	w = ecam_window_for(dev, &i);
	if (!w)
		return -ENODEV;
	rel = dev->bus - roots[i].start_bus;
	bus_base = w->base + ((uint64_t)rel << 20);
	if (!(w->mapped[rel / 32] & (1u << (rel % 32)))) {
		rc = k_arch_map((uintptr_t)bus_base, bus_base, PCI_ECAM_BUS_SIZE,
				K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);
		if (rc) {
			k_err("pci: cannot map the ECAM window of bus %02x at 0x%lx (error %d)\n",
			      dev->bus, (unsigned long)bus_base, rc);
			return rc;
		}
		w->mapped[rel / 32] |= 1u << (rel % 32);
	}
	dev->ecam = (volatile uint8_t *)(uintptr_t)(bus_base + ((uint32_t)dev->slot << 15) +
						    ((uint32_t)dev->func << 12));
	return 0;
}
