// SPDX-License-Identifier: BSD-3-Clause
/*
 * GICv3: distributor with affinity routing, this CPU's redistributor, and the
 * system-register CPU interface (IHI 0069H, §12.1 and §12.11). Interrupts are Group 1,
 * delivered as IRQs.
 */
#include <errno.h>
#include <keel/arm64/irq.h>
#include <keel/fdt.h>
#include <keel/irq.h>
#include "gic.h"

#define GICD_CTLR_RWP		(1u << 31)	/* register write pending */
#define GICD_CTLR_ENABLE_G1	(1u << 1)
#define GICD_CTLR_ARE		(1u << 4)	/* affinity routing */
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1u << 1)	/* ProcessorSleep */
#define GICR_WAKER_ASLEEP	(1u << 2)	/* ChildrenAsleep */
#define GICR_SGI_FRAME		0x10000		/* SGI/PPI registers, after RD_base */
#define GICR_MAP_SIZE		0x20000
#define WAIT_SPINS		1000000

/* ICC system registers by encoding (§12.11), so no assembler extension is needed. */
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_BPR1_EL1		S3_0_C12_C12_3
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_SRE_EL1		S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_SRE_SRE		1

#define icc_read(reg)		arm64_sysreg_read(reg)
#define icc_write(reg, v)	arm64_sysreg_write(reg, v)

static volatile uint8_t *gicr;

static volatile uint8_t *gicv3_private(void)
{
	return gicr + GICR_SGI_FRAME;
}

static void gicv3_handle(void)
{
	uint64_t iar = icc_read(ICC_IAR1_EL1);
	unsigned int intid = iar & 0xffffff;

	if (intid >= GIC_INTID_SPURIOUS && intid < 1024)
		return;
	k_irq_handle(intid);
	icc_write(ICC_EOIR1_EL1, iar);
	arm64_isb();
}

static int gicv3_wait(volatile uint8_t *reg, uint32_t bit, uint32_t want)
{
	for (int i = 0; i < WAIT_SPINS; i++)
		if ((arm64_mmio_read32(reg) & bit) == want)
			return 0;
	return -ETIMEDOUT;
}

static int gicv3_dist_init(void)
{
	/* MPIDR_EL1 Aff3 (bits 39:32) and Aff2..0: where SPIs go (IROUTER, §12.9.22). */
	uint64_t mpidr = arm64_sysreg_read(mpidr_el1), aff = mpidr & 0xff00ffffffull;

	gicd_write(GICD_CTLR, 0);
	if (gicv3_wait(gic.dist + GICD_CTLR, GICD_CTLR_RWP, 0))
		return -ETIMEDOUT;
	gic.lines = K_MIN(GICD_TYPER_LINES(gicd_read(GICD_TYPER)), 1020u);
	for (unsigned int i = GIC_SPI_FIRST; i < gic.lines; i += 32) {
		gicd_write(GICD_IGROUPR + i / 8, 0xffffffffu);
		gicd_write(GICD_ICENABLER + i / 8, 0xffffffffu);
		gicd_write(GICD_ICPENDR + i / 8, 0xffffffffu);
	}
	for (unsigned int i = GIC_SPI_FIRST; i < gic.lines; i += 4)
		gicd_write(GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT * 0x01010101u);
	for (unsigned int i = GIC_SPI_FIRST; i < gic.lines; i++)
		arm64_mmio_write64(gic.dist + GICD_IROUTER + 8 * i, aff);
	gicd_write(GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	return gicv3_wait(gic.dist + GICD_CTLR, GICD_CTLR_RWP, 0);
}

static int gicv3_redist_init(void)
{
	volatile uint8_t *sgi = gicr + GICR_SGI_FRAME;

	/* Wake the redistributor (§12.11.41): clear ProcessorSleep, wait for ChildrenAsleep. */
	arm64_mmio_write32(gicr + GICR_WAKER,
			   arm64_mmio_read32(gicr + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	if (gicv3_wait(gicr + GICR_WAKER, GICR_WAKER_ASLEEP, 0))
		return -ETIMEDOUT;
	arm64_mmio_write32(sgi + GICD_IGROUPR, 0xffffffffu);
	arm64_mmio_write32(sgi + GICD_ICENABLER, 0xffffffffu);
	arm64_mmio_write32(sgi + GICD_ICPENDR, 0xffffffffu);
	for (unsigned int i = 0; i < GIC_SPI_FIRST; i += 4)
		arm64_mmio_write32(sgi + GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT * 0x01010101u);
	return 0;
}

static void gicv3_cpu_init(void)
{
	icc_write(ICC_SRE_EL1, icc_read(ICC_SRE_EL1) | ICC_SRE_SRE);
	arm64_isb();
	icc_write(ICC_PMR_EL1, GIC_PRIO_MASK);
	icc_write(ICC_BPR1_EL1, 0);
	icc_write(ICC_CTLR_EL1, 0);	/* EOImode 0: an EOI write also deactivates */
	icc_write(ICC_IGRPEN1_EL1, 1);
	arm64_isb();
}

int gicv3_init(const void *fdt, int node)
{
	uint64_t dbase, dsize, rbase, rsize;
	int rc;

	if (k_fdt_reg(fdt, node, 0, &dbase, &dsize) || k_fdt_reg(fdt, node, 1, &rbase, &rsize) ||
	    rsize < GICR_MAP_SIZE)
		return -EINVAL;
	/* One CPU: its redistributor is the first of the region. */
	gic.dist = gic_map(dbase, dsize);
	gicr = gic_map(rbase, GICR_MAP_SIZE);
	if (!gic.dist || !gicr)
		return -ENOMEM;
	gic.private_base = gicv3_private;
	rc = gicv3_dist_init();
	if (!rc)
		rc = gicv3_redist_init();
	if (rc)
		return rc;
	gicv3_cpu_init();
	return arm64_irq_root_set(gicv3_handle);
}
