// SPDX-License-Identifier: BSD-3-Clause
/* GICv2: distributor and the memory-mapped CPU interface (IHI 0048B, §4.3 and §4.4). */
#include <errno.h>
#include <keel/arm64/irq.h>
#include <keel/fdt.h>
#include <keel/irq.h>
#include "gic.h"

#define GICC_CTLR	0x00
#define GICC_PMR	0x04
#define GICC_BPR	0x08
#define GICC_IAR	0x0c
#define GICC_EOIR	0x10
#define GICD_CTLR_ENABLE 0x1
#define GICC_CTLR_ENABLE 0x1
#define TARGET_CPU0	0x01010101u	/* ITARGETSR: every byte's line goes to CPU interface 0 */

static volatile uint8_t *gicc;

static volatile uint8_t *gicv2_private(void)
{
	return gic.dist;	/* v2 banks the SGI/PPI registers in the distributor */
}

static void gicv2_handle(void)
{
	uint32_t iar = arm64_mmio_read32(gicc + GICC_IAR);
	unsigned int intid = iar & 0x3ff;

	if (intid >= GIC_INTID_SPURIOUS)
		return;
	k_irq_handle(intid);
	arm64_mmio_write32(gicc + GICC_EOIR, iar);
}

int gicv2_init(const void *fdt, int node)
{
	uint64_t dbase, dsize, cbase, csize;

	if (k_fdt_reg(fdt, node, 0, &dbase, &dsize) || k_fdt_reg(fdt, node, 1, &cbase, &csize))
		return -EINVAL;
	gic.dist = gic_map(dbase, dsize);
	gicc = gic_map(cbase, csize);
	if (!gic.dist || !gicc)
		return -ENOMEM;
	gic.private_base = gicv2_private;
	gicd_write(GICD_CTLR, 0);
	gic.lines = K_MIN(GICD_TYPER_LINES(gicd_read(GICD_TYPER)), 1020u);
	for (unsigned int i = 0; i < gic.lines; i += 32) {
		gicd_write(GICD_ICENABLER + i / 8, 0xffffffffu);
		gicd_write(GICD_ICPENDR + i / 8, 0xffffffffu);
	}
	for (unsigned int i = 0; i < gic.lines; i += 4) {
		gicd_write(GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT * 0x01010101u);
		if (i >= GIC_SPI_FIRST)
			gicd_write(GICD_ITARGETSR + i, TARGET_CPU0);
	}
	gicd_write(GICD_CTLR, GICD_CTLR_ENABLE);
	arm64_mmio_write32(gicc + GICC_PMR, GIC_PRIO_MASK);
	arm64_mmio_write32(gicc + GICC_BPR, 0);
	arm64_mmio_write32(gicc + GICC_CTLR, GICC_CTLR_ENABLE);
	return arm64_irq_root_set(gicv2_handle);
}
