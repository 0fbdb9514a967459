// SPDX-License-Identifier: BSD-3-Clause
/* Keel's device-tree helpers over libfdt (keel/fdt.h). Every property is checked. */
#include <errno.h>
#include <keel/fdt.h>
#include <keel/irq.h>

#define GIC_SPI		0	/* Arm GIC binding: first interrupt cell */
#define GIC_PPI		1
#define GIC_EDGE_RISING	0x1	/* third cell, bits 3:0 */
#define GIC_EDGE_FALLING 0x2
#define GIC_LEVEL_HIGH	0x4
#define GIC_LEVEL_LOW	0x8
#define GIC_SPI_BASE	32	/* SPI n is INTID 32 + n, SPIs end at INTID 1019 */
#define GIC_SPI_COUNT	988
#define GIC_PPI_BASE	16	/* PPI n is INTID 16 + n */
#define GIC_PPI_COUNT	16

static const void *fdt_blob;

const void *k_fdt(void)
{
	return fdt_blob;
}

void k_fdt_set(const void *fdt)
{
	fdt_blob = fdt;
}

const char *k_fdt_string(const void *fdt, int node, const char *name)
{
	int len;
	const char *s = fdt_getprop(fdt, node, name, &len);

	if (!s || len < 1 || s[len - 1] != '\0')
		return NULL;
	return s;
}

static uint64_t fdt_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

int k_fdt_reg(const void *fdt, int node, int idx, uint64_t *base, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node), ac, sc, len;
	const fdt32_t *reg;

	if (parent < 0)
		return -EINVAL;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -EINVAL;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return -ENOENT;
	if (len % (int)((ac + sc) * sizeof(*reg)))
		return -EINVAL;
	if (idx < 0 || idx >= len / (int)((ac + sc) * sizeof(*reg)))
		return -ENOENT;
	reg += idx * (ac + sc);
	*base = fdt_cells(reg, ac);
	*size = fdt_cells(reg + ac, sc);
	return 0;
}

/* The interrupt-parent of node: its own property, else an ancestor's. */
static int fdt_irq_parent(const void *fdt, int node)
{
	for (int n = node; n >= 0; n = fdt_parent_offset(fdt, n)) {
		int len;
		const fdt32_t *p = fdt_getprop(fdt, n, "interrupt-parent", &len);

		if (p && len == sizeof(*p))
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p));
	}
	return -FDT_ERR_NOTFOUND;
}

static int fdt_gic_flags(uint32_t trigger, unsigned int *flags)
{
	switch (trigger & 0xf) {
	case GIC_EDGE_RISING: *flags = 0; return 0;
	case GIC_EDGE_FALLING: *flags = K_IRQ_ACTIVE_LOW; return 0;
	case GIC_LEVEL_HIGH: *flags = K_IRQ_LEVEL; return 0;
	case GIC_LEVEL_LOW: *flags = K_IRQ_LEVEL | K_IRQ_ACTIVE_LOW; return 0;
	default: return -EINVAL;
	}
}

int k_fdt_gic_spec(const fdt32_t *spec, unsigned int *line, unsigned int *flags)
{
	uint32_t type = fdt32_to_cpu(spec[0]), num = fdt32_to_cpu(spec[1]);
	unsigned int l, f;

	if (type == GIC_SPI && num < GIC_SPI_COUNT)
		l = GIC_SPI_BASE + num;
	else if (type == GIC_PPI && num < GIC_PPI_COUNT)
		l = GIC_PPI_BASE + num;
	else
		return -EINVAL;
	if (fdt_gic_flags(fdt32_to_cpu(spec[2]), &f))
		return -EINVAL;
	*line = l;
	*flags = f;
	return 0;
}

int k_fdt_irq(const void *fdt, int node, int idx, unsigned int *line, unsigned int *flags)
{
	int parent = fdt_irq_parent(fdt, node), len;
	const fdt32_t *cells, *p;

	if (parent < 0)
		return -EINVAL;
	cells = fdt_getprop(fdt, parent, "#interrupt-cells", &len);
	if (!cells || len != sizeof(*cells) || fdt32_to_cpu(*cells) != 3)
		return -EINVAL;
	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (!p)
		return -ENOENT;
	if (len % 12)
		return -EINVAL;
	if (idx < 0 || idx >= len / 12)
		return -ENOENT;
	return k_fdt_gic_spec(p + idx * 3, line, flags);
}
