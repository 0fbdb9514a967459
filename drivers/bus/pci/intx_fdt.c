// SPDX-License-Identifier: BSD-3-Clause
/*
 * INTx routing from the host bridge's interrupt-map (Devicetree Specification v0.4
 * §2.4.3, with the PCI binding's unit address of three cells and one interrupt cell,
 * 1..4 = INTA..INTD). A function's pin is swizzled up to the root bus first (swizzle.c);
 * the root-bus function's address and that pin, masked by interrupt-map-mask, select an
 * entry, whose parent specifier is read with the Arm GIC binding (k_fdt_gic_spec: three
 * cells, SPI or PPI, number, trigger; QEMU virt routes slot S pin P to SPI 3 + (S + P) % 4).
 */
#include <errno.h>
#include <keel/fdt.h>
#include <keel/irq.h>
#include <keel/print.h>
#include "host_fdt.h"

#define CHILD_CELLS		4	/* phys.hi, phys.mid, phys.lo, pin */
#define GIC_SPI_BASE		32	/* SPI n is INTID 32 + n */

static int host_node(uint16_t segment)
{
	for (unsigned int i = 0; i < pci_fdt_nhosts; i++)
		if (pci_fdt_hosts[i].segment == segment)
			return pci_fdt_hosts[i].node;
	return -1;
}

static const struct pci_root *root_of(const struct k_pci_dev *dev)
{
	const struct pci_root *roots;
	unsigned int n = pci_cfg_roots(&roots);

	for (unsigned int i = 0; i < n; i++)
		if (roots[i].segment == dev->segment && dev->bus >= roots[i].start_bus &&
		    dev->bus <= roots[i].end_bus)
			return &roots[i];
	return NULL;
}

/* A GIC specifier (keel/fdt.h) that PCI INTx can be: an SPI, active high. */
static int gic_spec(const void *fdt, int parent, const fdt32_t *spec, unsigned int *line,
		    unsigned int *flags)
{
	unsigned int l, f;

	if (!fdt_getprop(fdt, parent, "interrupt-controller", NULL) ||
	    k_fdt_gic_spec(spec, &l, &f) || l < GIC_SPI_BASE || (f & K_IRQ_ACTIVE_LOW))
		return -EINVAL;
	*line = l;
	*flags = f;
	return 0;
}

/* A cell-count property, def when absent; -1 when malformed. */
static int cells_prop(const void *fdt, int node, const char *name, int def)
{
	int len;
	const fdt32_t *p = node >= 0 ? fdt_getprop(fdt, node, name, &len) : NULL;

	if (!p)
		return def;
	return len == 4 && fdt32_to_cpu(*p) <= 4 ? (int)fdt32_to_cpu(*p) : -1;
}

/*
 * The interrupt-map entry whose child address and pin equal child's under mask (as a
 * parent's #address-cells, an absent one counts as 0), read as a GIC specifier.
 */
static int map_lookup(const void *fdt, int node, const uint32_t *child, const uint32_t *mask,
		      unsigned int *line, unsigned int *flags)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-map", &len);
	int left = p ? len / 4 : 0;

	while (left >= CHILD_CELLS + 1) {
		int parent = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[CHILD_CELLS]));
		int pac = cells_prop(fdt, parent, "#address-cells", 0);
		int pic = cells_prop(fdt, parent, "#interrupt-cells", -1);
		int entry = CHILD_CELLS + 1 + pac + pic;
		bool match = true;

		if (parent < 0 || pac < 0 || pic < 1 || entry > left)
			return -EINVAL;		/* the next entry cannot be found: malformed */
		for (int i = 0; i < CHILD_CELLS; i++)
			match &= !((fdt32_to_cpu(p[i]) ^ child[i]) & mask[i]);
		if (match)
			return pic == 3 ? gic_spec(fdt, parent, p + CHILD_CELLS + 1 + pac, line, flags) :
					  -EINVAL;
		p += entry;
		left -= entry;
	}
	return -ENOENT;
}

int pci_host_intx_route(struct k_pci_dev *dev, unsigned int *line, unsigned int *flags)
{
	const void *fdt = k_fdt();
	const struct pci_root *r = root_of(dev);
	int node = host_node(dev->segment), rc, mlen;
	const fdt32_t *m = node >= 0 ? fdt_getprop(fdt, node, "interrupt-map-mask", &mlen) : NULL;
	uint32_t child[CHILD_CELLS], mask[CHILD_CELLS];
	const struct k_pci_dev *top;
	unsigned int pin;

	if (!r || node < 0 || !(top = pci_intx_swizzle(r, dev, &pin)))
		return -ENODEV;
	for (int i = 0; i < CHILD_CELLS; i++)
		mask[i] = m && mlen == CHILD_CELLS * 4 ? fdt32_to_cpu(m[i]) : ~0u;
	child[0] = (uint32_t)top->bus << 16 | (uint32_t)top->slot << 11 | (uint32_t)top->func << 8;
	child[1] = child[2] = 0;
	child[3] = pin + 1;
	rc = map_lookup(fdt, node, child, mask, line, flags);
	if (rc) {
		k_warn("pci: %s: INT%c is not routed by %s's interrupt-map (%d)\n", dev->name,
		       'A' + dev->irq_pin - 1, fdt_get_name(fdt, node, NULL), rc);
		return rc == -ENOENT ? -ENODEV : rc;
	}
	k_debug("pci: %s: INT%c arrives as INT%c of %s, interrupt-map: GIC SPI %u, line %u, %s\n",
		dev->name, 'A' + dev->irq_pin - 1, 'A' + pin, top->name, *line - GIC_SPI_BASE,
		*line, *flags & K_IRQ_LEVEL ? "level" : "edge");
	return 0;
}
