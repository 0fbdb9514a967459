/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/xen arm64 internals shared between its files. */
#ifndef PLAT_XEN_ARM64PLAT_H
#define PLAT_XEN_ARM64PLAT_H

/* Look for the /hypervisor node; 0 or -ENODEV (not a Xen guest). Before hypercalls. */
int xen_arm64_hypervisor_find(const void *fdt);
/* The event channel upcall's GIC line and keel/irq.h flags, from that node. */
int xen_arm64_upcall_line(unsigned int *line, unsigned int *flags);
/* Find the vuart (or, outside Xen, a PL011) for xen_debug_write. */
void xen_arm64_uart_init(const void *fdt);

#endif /* PLAT_XEN_ARM64PLAT_H */
