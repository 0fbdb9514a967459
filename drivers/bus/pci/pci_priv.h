/* SPDX-License-Identifier: BSD-3-Clause */
/* The PCI bus driver's internals: configuration access, host bridges, the device list. */
#ifndef PCI_PRIV_H
#define PCI_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/pci.h>

/* Type 1 header (PCI-to-PCI bridge, PCI Bridge 1.2 §3.2). */
#define PCI_PRIMARY_BUS		0x18
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBORDINATE_BUS	0x1a
#define PCI_HEADER_MULTI	0x80
#define PCI_HEADER_LAYOUT	0x7f

#define PCI_ECAM_BUS_SIZE	(1u << 20)
#define PCI_ROOTS_MAX		4
#define PCI_BRIDGE_DEPTH_MAX	16	/* deeper bridge chains are not followed */

/* A window of bus addresses [start, end) for BARs; end == 0: the root has none. */
struct pci_window {
	uint64_t start, end;
};

/*
 * A root: one bus range scanned from its start, its configuration space (an ECAM
 * window, or 0 for the port mechanism), and where BARs go when the bus driver assigns
 * them. Memory windows are identity (bus address = physical address); I/O BARs hold
 * I/O bus addresses.
 */
struct pci_root {
	uint16_t segment;
	uint8_t start_bus, end_bus;
	uint64_t ecam;			/* physical address of start_bus's configuration space */
	struct pci_window mem;		/* 32-bit, non-prefetchable */
	struct pci_window mem64;	/* 64-bit BARs of the root bus's functions, if any */
	struct pci_window io;
	bool unnumbered;		/* no firmware numbered the buses: the driver does */
};

/* Configuration access for a root without ECAM (x86 ports 0xcf8/0xcfc). */
struct pci_port_ops {
	uint32_t (*read)(const struct k_pci_dev *dev, unsigned int off, unsigned int size);
	void (*write)(const struct k_pci_dev *dev, unsigned int off, unsigned int size,
		      uint32_t v);
};

/*
 * The host-bridge backend (host_x86.c: ACPI MCFG or the ports; host_fdt.c: the device
 * tree's "pci-host-ecam-generic" nodes). pci_host_init() adds the roots with
 * pci_cfg_add_root(); -ENODEV (after one debug line saying why) when there is no PCI.
 */
int pci_host_init(void);
const char *pci_host_method(void);
/* The k_irq line and flags that a function's INTx pin arrives on; 0 or -errno (logged). */
int pci_host_intx_route(struct k_pci_dev *dev, unsigned int *line, unsigned int *flags);
/* After a root's BARs are in place: platform fix-ups (x86: ICH9 INTx lines). */
void pci_host_fixup_root(const struct pci_root *root);
/* I/O space (io.c checked the BAR): size 1, 2 or 4 bytes at a bus I/O address.
 * Outside what the host bridge decodes: reads all-ones, writes are dropped. */
uint32_t pci_host_io_read(const struct k_pci_dev *dev, uint64_t port, unsigned int size);
void pci_host_io_write(const struct k_pci_dev *dev, uint64_t port, unsigned int size,
		       uint32_t v);

/* config.c: the roots and the accessors. */
int pci_cfg_add_root(const struct pci_root *root);
void pci_cfg_use_ports(const struct pci_port_ops *ops);
unsigned int pci_cfg_roots(const struct pci_root **roots);
/* Point dev->ecam at its 4 KiB (mapping the bus's window first); 0 or -errno. */
int pci_cfg_attach(struct k_pci_dev *dev);

/* The enumerated functions (enum.c), in scan order. */
extern struct k_list pci_devices;

/* A function of a root, or the bridge whose secondary bus is secondary (>= 0). */
struct k_pci_dev *pci_find(uint16_t seg, int bus, int slot, int func, int secondary);
/* The root-bus function and pin (0..3, INTA..INTD) a function's INTx arrives as,
 * through the bridges' swizzle (PCI Bridge 1.2 §9.1); NULL when the chain is broken. */
const struct k_pci_dev *pci_intx_swizzle(const struct pci_root *r, const struct k_pci_dev *dev,
					 unsigned int *pin);

/* x86 (intx.c): INTx lines worked out again where qboot's are known wrong. */
void pci_intx_fixup_ich9(const struct pci_root *root);

/* Buses behind bridges nobody numbered (enum_bridge.c): numbers them depth first. */
unsigned int pci_number_bridges(const struct pci_root *r, uint8_t bus, unsigned int last);

/* MSI (msi.c): one vector set up (1), or -errno (INTx then); enabled by the second. */
int pci_msi_setup(struct k_pci_dev *dev);
void pci_msi_enable(struct k_pci_dev *dev);

/* BAR assignment (assign.c) when the firmware left every BAR of a root at 0. */
void pci_assign_root(const struct pci_root *root);

/* Drivers (dev.c): offer every unclaimed function to every registered driver. */
void pci_probe_all(void);

#endif /* PCI_PRIV_H */
