/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI and PCI Express devices (PCI Local Bus 3.0, PCIe Base 4.0 §7). The bus driver
 * enumerates every function at K_INIT_BUS 90, through ECAM when ACPI's MCFG (q35) or
 * the device tree's host bridge (arm64 virt) gives one, and through the port I/O
 * mechanism (0xcf8/0xcfc) otherwise (pc); without either (microvm) there are no
 * functions. When the firmware assigned no BAR (qboot on q35, no firmware on virt) the
 * bus driver assigns them from the host bridge's windows and opens the bridges' windows.
 * Drivers register at K_INIT_DRIVER and are probed for each function they match:
 *
 *	static const struct k_pci_id ids[] = { { 0x1af4, K_PCI_ANY_ID }, { 0 } };
 *	static struct k_pci_driver drv = { "virtio-pci", ids, my_probe };
 *	k_pci_driver_register(&drv);
 */
#ifndef KEEL_PCI_H
#define KEEL_PCI_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/irq.h>
#include <keel/list.h>

#define K_PCI_ANY_ID		0xffff

/* Configuration space registers (PCI 3.0 §6.1). */
#define K_PCI_VENDOR_ID		0x00
#define K_PCI_DEVICE_ID		0x02
#define K_PCI_COMMAND		0x04
#define K_PCI_STATUS		0x06
#define K_PCI_CLASS_REVISION	0x08
#define K_PCI_HEADER_TYPE	0x0e
#define K_PCI_BAR0		0x10
#define K_PCI_SUBSYS_VENDOR_ID	0x2c
#define K_PCI_SUBSYS_ID		0x2e
#define K_PCI_CAP_PTR		0x34
#define K_PCI_INTERRUPT_LINE	0x3c
#define K_PCI_INTERRUPT_PIN	0x3d

#define K_PCI_COMMAND_IO	0x0001
#define K_PCI_COMMAND_MEMORY	0x0002
#define K_PCI_COMMAND_MASTER	0x0004
#define K_PCI_COMMAND_INTX_OFF	0x0400
#define K_PCI_STATUS_CAP_LIST	0x0010

/* Capability ids (PCI 3.0 appendix H). */
#define K_PCI_CAP_MSI		0x05
#define K_PCI_CAP_VENDOR	0x09
#define K_PCI_CAP_PCIE		0x10
#define K_PCI_CAP_MSIX		0x11

#define K_PCI_BAR_IO		0x1	/* flags of struct k_pci_bar */
#define K_PCI_BAR_MEM64		0x2
#define K_PCI_BAR_PREFETCH	0x4

/* A 64-bit BAR is described in bar[i]; bar[i + 1], its upper half, stays empty. */
struct k_pci_bar {
	uint64_t addr;			/* bus address (physical), 0 when absent/unassigned */
	uint64_t size;
	unsigned int flags;
	void *virt;			/* set by k_pci_bar_map() */
};

struct k_pci_driver;

struct k_pci_dev {
	uint16_t segment;
	uint8_t bus, slot, func;
	uint16_t vendor_id, device_id;
	uint16_t subsys_vendor_id, subsys_id;
	uint8_t class_code, subclass, prog_if, revision;
	uint8_t irq_pin;		/* 1..4 = INTA..INTD, 0 none */
	uint8_t irq_line;		/* what the firmware wrote: the ISA IRQ / GSI */
	struct k_pci_bar bar[6];
	char name[16];			/* "00:03.0" */
	const struct k_pci_driver *driver;
	void *drvdata;
	struct k_list node;
	/* Bus private: where config space is and the interrupt setup. */
	volatile uint8_t *ecam;		/* this function's 4 KiB, or NULL for port I/O */
	unsigned int msix_cap, msix_count;
	volatile uint32_t *msix_table;
	int irq_lines[32];		/* k_irq line per vector; -1 unused */
	unsigned int nr_irqs;
	unsigned int intx_flags;	/* k_irq_register flags of the INTx line */
	unsigned int msi_cap;		/* the MSI capability, once MSI is set up */
	bool msix;
	bool msi;			/* MSI (one vector), not MSI-X */
};

struct k_pci_id {
	uint16_t vendor_id, device_id;	/* K_PCI_ANY_ID matches any; {0, 0} ends a table */
};

struct k_pci_driver {
	const char *name;
	const struct k_pci_id *ids;
	/* 0 when the driver took the device; -errno otherwise (logged, the next driver). */
	int (*probe)(struct k_pci_dev *dev, const struct k_pci_id *id);
	struct k_list node;
};

/*
 * Probes every enumerated function it matches that no driver has taken yet, at once; a
 * driver registered before enumeration (K_INIT_BUS 90) is probed when it runs. Call
 * from init functions or one thread (no lock). 0, or -EINVAL.
 */
int k_pci_driver_register(struct k_pci_driver *drv);

/* Configuration space; out of range (256 bytes without ECAM) or unaligned: all-ones. */

uint8_t k_pci_read8(const struct k_pci_dev *dev, unsigned int off);
uint16_t k_pci_read16(const struct k_pci_dev *dev, unsigned int off);
uint32_t k_pci_read32(const struct k_pci_dev *dev, unsigned int off);
void k_pci_write8(const struct k_pci_dev *dev, unsigned int off, uint8_t v);
void k_pci_write16(const struct k_pci_dev *dev, unsigned int off, uint16_t v);
void k_pci_write32(const struct k_pci_dev *dev, unsigned int off, uint32_t v);

/*
 * Capabilities: the offset of the first capability with id after offset from (0: from
 * the start of the list), or 0 when there is none. The walk stops at 48 entries, so a
 * looping list cannot hang it.
 */
unsigned int k_pci_cap_find(const struct k_pci_dev *dev, uint8_t id, unsigned int from);

/* Turn on memory and I/O decoding and bus mastering (DMA); a kind of decoding stays
 * off (logged) while one of its BARs is unassigned. */
void k_pci_enable(struct k_pci_dev *dev);
/* Map a memory BAR uncached; returns its virtual address (also in bar[i].virt) or NULL. */
void *k_pci_bar_map(struct k_pci_dev *dev, unsigned int bar);

/*
 * I/O BARs, on every architecture: port instructions on x86_64, the host bridge's I/O
 * window in memory on arm64 (the device tree's "ranges"). off is the offset in the BAR;
 * an access outside the BAR, unaligned, or to a BAR that is not an assigned I/O BAR
 * reads all-ones and writes nothing. Decoding must be on (k_pci_enable).
 */
uint8_t k_pci_io_read8(const struct k_pci_dev *dev, unsigned int bar, unsigned int off);
uint16_t k_pci_io_read16(const struct k_pci_dev *dev, unsigned int bar, unsigned int off);
uint32_t k_pci_io_read32(const struct k_pci_dev *dev, unsigned int bar, unsigned int off);
void k_pci_io_write8(const struct k_pci_dev *dev, unsigned int bar, unsigned int off, uint8_t v);
void k_pci_io_write16(const struct k_pci_dev *dev, unsigned int bar, unsigned int off,
		      uint16_t v);
void k_pci_io_write32(const struct k_pci_dev *dev, unsigned int bar, unsigned int off,
		      uint32_t v);

/*
 * Interrupts: up to want MSI-X vectors when the device has MSI-X and the interrupt
 * controller has MSI (x86: the local APIC; arm64: GICv2m frames), else one MSI vector
 * when the device has MSI, else its INTx line (shared, level-triggered: the IOAPIC on
 * x86, a GIC SPI through the host bridge's interrupt-map on arm64). Returns how many
 * vectors there are (1 for MSI and INTx) or -errno; a second call returns the first
 * one's count. MSI-X turns on memory decoding and bus mastering (the messages are
 * writes); every vector stays masked (MSI: disabled) until k_pci_irq_register attaches
 * fn to it. With INTx every i maps to the one shared line, so handlers must check their
 * device. The parameter pci.msix=0 forces INTx for every device.
 */
int k_pci_irq_alloc(struct k_pci_dev *dev, unsigned int want);
int k_pci_irq_register(struct k_pci_dev *dev, unsigned int i, k_irq_handler_t fn,
		       void *arg, const char *name);
bool k_pci_irq_is_msix(const struct k_pci_dev *dev);
/* "MSI-X", "MSI" or "INTx" once k_pci_irq_alloc succeeded, for reports; else "none". */
const char *k_pci_irq_mode(const struct k_pci_dev *dev);
/* The k_irq line of vector i (for counters), or -1. */
int k_pci_irq_line(const struct k_pci_dev *dev, unsigned int i);

/* Enumerated functions, for tests and tools. */
unsigned int k_pci_count(void);
struct k_pci_dev *k_pci_get(unsigned int n);

#endif /* KEEL_PCI_H */
