// SPDX-License-Identifier: BSD-3-Clause
/*
 * The x86 host bridge: ECAM windows from the ACPI MCFG table (PCI Firmware 3.2 §4.1.2,
 * QEMU q35), else configuration mechanism #1 (PCI 3.0 §3.2.2.3.2: the address goes to
 * port 0xcf8, the data through 0xcfc..0xcff; QEMU pc). BARs the bus driver assigns go
 * below the IOAPIC, above RAM and the ECAM windows, and above the chipset's ports; INTx
 * arrives on the ISA IRQ the firmware wrote into the interrupt line register.
 */
#include <errno.h>
#include <string.h>
#include <keel/acpi.h>
#include <keel/irq.h>
#include <keel/plat.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/x86_64/cpu.h>
#include "pci_priv.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_CONFIG_ENABLE	0x80000000u

#define MEM_WINDOW_END		0xfec00000ull	/* the IOAPIC, then LAPIC, HPET, BIOS */
#define IO_WINDOW_START		0xc000u		/* above the ISA and chipset ports */
#define IO_WINDOW_END		0x10000u

/* MCFG: the 36-byte ACPI header, 8 reserved bytes, then 16-byte entries. */
#define MCFG_ENTRIES_OFF	44
struct mcfg_entry {
	uint64_t base;
	uint16_t segment;
	uint8_t start_bus, end_bus;
	uint32_t reserved;
} __k_packed;

static struct pci_root found[PCI_ROOTS_MAX];
static unsigned int nfound;
static bool use_ports;
static struct k_spinlock port_lock = K_SPINLOCK_INIT;

static uint32_t port_address(const struct k_pci_dev *dev, unsigned int off)
{
	return PCI_CONFIG_ENABLE | (uint32_t)dev->bus << 16 | (uint32_t)dev->slot << 11 |
	       (uint32_t)dev->func << 8 | (off & 0xfc);
}

/* The address and data accesses must not interleave with another's. */
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

static const struct pci_port_ops x86_ports = { port_read, port_write };

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
		if (nfound == PCI_ROOTS_MAX) {
			k_warn("pci: more than %d MCFG entries; the rest are ignored\n",
			       PCI_ROOTS_MAX);
			return;
		}
		found[nfound++] = (struct pci_root){ .segment = e.segment, .start_bus = e.start_bus,
						     .end_bus = e.end_bus, .ecam = e.base };
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

/* The 32-bit memory window starts above every memory-map region and ECAM window under it. */
static uint64_t mem_window_start(void)
{
	const struct k_bootinfo *bi = k_bootinfo();
	uint64_t start = 0;

	for (unsigned int i = 0; i < nfound; i++) {
		uint64_t end = found[i].ecam +
			       ((uint64_t)(found[i].end_bus - found[i].start_bus + 1) << 20);

		if (end <= MEM_WINDOW_END && end > start)
			start = end;
	}
	for (unsigned int i = 0; bi && i < bi->nmem; i++) {
		uint64_t end = bi->mem[i].base + bi->mem[i].size;

		if (end <= MEM_WINDOW_END && end > start)
			start = end;
	}
	return start;
}

int pci_host_init(void)
{
	const struct acpi_sdt *mcfg = k_acpi_table("MCFG");
	uint64_t mem_start;

	if (mcfg && mcfg->length >= MCFG_ENTRIES_OFF)
		mcfg_read(mcfg);
	if (!nfound) {
		if (!ports_present()) {
			k_debug("pci: no PCI (no ACPI MCFG table and no host bridge at ports 0xcf8/0xcfc)\n");
			return -ENODEV;
		}
		use_ports = true;
		pci_cfg_use_ports(&x86_ports);
		found[nfound++] = (struct pci_root){ .segment = 0, .start_bus = 0, .end_bus = 255 };
	}
	mem_start = mem_window_start();
	for (unsigned int i = 0; i < nfound; i++) {
		found[i].mem = (struct pci_window){ mem_start, MEM_WINDOW_END };
		found[i].io = (struct pci_window){ IO_WINDOW_START, IO_WINDOW_END };
		pci_cfg_add_root(&found[i]);
	}
	return 0;
}

const char *pci_host_method(void)
{
	return use_ports ? "ports 0xcf8/0xcfc" : "ECAM";
}

/*
 * INTx: the interrupt line register holds the ISA IRQ the firmware routed the pin to.
 * PCI INTx is level-triggered and shared; the polarity is the one the firmware's MADT
 * override gives the IRQ (QEMU's says active high for its PCI IRQs 5, 9, 10, 11: its
 * IOAPIC input follows the emulated device's level).
 */
int pci_host_intx_route(struct k_pci_dev *dev, unsigned int *line, unsigned int *flags)
{
	int rc;

	if (dev->irq_line >= 16) {
		k_warn("pci: %s: interrupt line register is %u: the firmware routed INT%c to no ISA IRQ\n",
		       dev->name, dev->irq_line, 'A' + dev->irq_pin - 1);
		return -ENODEV;
	}
	rc = k_irq_isa(dev->irq_line, flags);
	if (rc < 0)
		return rc;
	*line = (unsigned int)rc;
	k_debug("pci: %s: INT%c on ISA IRQ %u, line %d, level, active %s\n", dev->name,
		'A' + dev->irq_pin - 1, dev->irq_line, rc,
		*flags & K_IRQ_ACTIVE_LOW ? "low" : "high");
	return 0;
}

void pci_host_fixup_root(const struct pci_root *r)
{
	pci_intx_fixup_ich9(r);
}

/* Port instructions reach the whole 64 KiB I/O space. */
uint32_t pci_host_io_read(const struct k_pci_dev *dev, uint64_t port, unsigned int size)
{
	(void)dev;
	if (port > IO_WINDOW_END - size)
		return 0xffffffffu;
	switch (size) {
	case 1: return inb((uint16_t)port);
	case 2: return inw((uint16_t)port);
	default: return inl((uint16_t)port);
	}
}

void pci_host_io_write(const struct k_pci_dev *dev, uint64_t port, unsigned int size, uint32_t v)
{
	(void)dev;
	if (port > IO_WINDOW_END - size)
		return;
	switch (size) {
	case 1: outb((uint16_t)port, (uint8_t)v); break;
	case 2: outw((uint16_t)port, (uint16_t)v); break;
	default: outl((uint16_t)port, v); break;
	}
}
