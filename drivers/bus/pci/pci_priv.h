/* SPDX-License-Identifier: BSD-3-Clause */
/* The PCI bus driver's internals: configuration access, the device list, drivers. */
#ifndef PCI_PRIV_H
#define PCI_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/pci.h>

/* Type 1 header (PCI-to-PCI bridge, PCI Bridge 1.2 §3.2). */
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBORDINATE_BUS	0x1a
#define PCI_HEADER_MULTI	0x80
#define PCI_HEADER_LAYOUT	0x7f

/* Configuration access (config.c). A root is one bus range to scan from its start. */
struct pci_root {
	uint16_t segment;
	uint8_t start_bus, end_bus;
};

/* Finds ECAM (MCFG) or the port mechanism; -ENODEV when there is no PCI. */
int pci_cfg_init(void);
const char *pci_cfg_method(void);
unsigned int pci_cfg_roots(const struct pci_root **roots);
/* The end of the highest ECAM window below limit, 0 without ECAM. */
uint64_t pci_cfg_ecam_top(uint64_t limit);
/* Point dev->ecam at its 4 KiB (mapping the bus's window first); 0 or -errno. */
int pci_cfg_attach(struct k_pci_dev *dev);

/* The enumerated functions (enum.c), in scan order. */
extern struct k_list pci_devices;

/* BAR assignment (assign.c) when the firmware left every BAR of a root at 0. */
void pci_assign_root(const struct pci_root *root);

/* INTx lines worked out again where the firmware's are known wrong (intx.c). */
void pci_intx_fixup_root(const struct pci_root *root);

/* Drivers (dev.c): offer every unclaimed function to every registered driver. */
void pci_probe_all(void);

#endif /* PCI_PRIV_H */
