/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device tree the loader passed, for the platform and drivers. libfdt's own API
 * (libfdt.h) reads it; these helpers decode the properties every driver needs.
 *
 *	const void *fdt = k_fdt();
 *	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
 *	k_fdt_reg(fdt, node, 0, &base, &size);
 */
#ifndef KEEL_FDT_H
#define KEEL_FDT_H

#include <stdint.h>
#include <libfdt.h>

/* The device tree, NULL when the platform has none. */
const void *k_fdt(void);
/* The platform records the tree once it checked its header. */
void k_fdt_set(const void *fdt);

/*
 * Entry idx of node's "reg", in the parent's #address-cells/#size-cells. 0, or -ENOENT
 * (no such entry), -EINVAL (malformed property or cell counts).
 */
int k_fdt_reg(const void *fdt, int node, int idx, uint64_t *base, uint64_t *size);

/*
 * Entry idx of node's "interrupts", for an interrupt parent with the Arm GIC binding
 * (three cells: SPI/PPI, number, trigger): the INTID (SPI n = 32 + n, PPI n = 16 + n)
 * and keel/irq.h flags (K_IRQ_LEVEL, K_IRQ_ACTIVE_LOW). 0, -ENOENT, or -EINVAL (another
 * binding, malformed).
 */
int k_fdt_irq(const void *fdt, int node, int idx, unsigned int *line, unsigned int *flags);

/*
 * One interrupt specifier of the Arm GIC binding (interrupt-controller/arm,gic.yaml:
 * type 0 = SPI or 1 = PPI, number, trigger in bits 3:0), wherever it comes from
 * ("interrupts", an "interrupt-map" entry's parent specifier): the INTID and keel/irq.h
 * flags as k_fdt_irq gives them. 0, or -EINVAL (another type, a number out of range, an
 * unknown trigger); *line and *flags are left alone then.
 */
int k_fdt_gic_spec(const fdt32_t *spec, unsigned int *line, unsigned int *flags);

/* A string property, NULL when absent or not NUL-terminated. */
const char *k_fdt_string(const void *fdt, int node, const char *name);

#endif /* KEEL_FDT_H */
