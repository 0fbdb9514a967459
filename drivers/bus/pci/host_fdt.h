/* SPDX-License-Identifier: BSD-3-Clause */
/* Host bridges from the device tree: shared by host_fdt.c and intx_fdt.c. */
#ifndef PCI_HOST_FDT_H
#define PCI_HOST_FDT_H

#include "pci_priv.h"

/* The device-tree node of each root that host_fdt.c added, by segment, and its I/O
 * window: ports io_pci..io_pci + io_size - 1 at CPU address io_cpu (mapped; size 0:
 * none). */
struct pci_fdt_host {
	int node;
	uint16_t segment;
	uint64_t io_pci, io_cpu, io_size;
};

extern struct pci_fdt_host pci_fdt_hosts[PCI_ROOTS_MAX];
extern unsigned int pci_fdt_nhosts;

#endif /* PCI_HOST_FDT_H */
