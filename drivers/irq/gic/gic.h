/* SPDX-License-Identifier: BSD-3-Clause */
/* GIC driver internals: the distributor registers both versions share, and each version. */
#ifndef DRIVERS_GIC_H
#define DRIVERS_GIC_H

#include <stdint.h>
#include <keel/arch.h>
#include <keel/compiler.h>

/* Distributor registers (GIC architecture spec IHI 0069, §12.9; v2 IHI 0048 §4.3). */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICPENDR		0x0280
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800	/* v2 */
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000	/* v3 */
#define GICD_TYPER_LINES(t)	(32 * (((t) & 0x1f) + 1))

#define GIC_PRIO_DEFAULT	0xa0
#define GIC_PRIO_MASK		0xf0	/* let through every priority above 0xf0 */
#define GIC_INTID_SPURIOUS	1020	/* 1020-1023: no interrupt to acknowledge */
#define GIC_SPI_FIRST		32

struct gic {
	volatile uint8_t *dist;
	unsigned int lines;
	/* PPI/SGI registers: the distributor's banked copies (v2) or the redistributor's. */
	volatile uint8_t *(*private_base)(void);
};

extern struct gic gic;

static inline void gicd_write(unsigned int off, uint32_t v)
{
	arm64_mmio_write32(gic.dist + off, v);
}

static inline uint32_t gicd_read(unsigned int off)
{
	return arm64_mmio_read32(gic.dist + off);
}

/* Map a register window (device memory). NULL on failure. */
volatile uint8_t *gic_map(uint64_t base, uint64_t size);

int gicv2_init(const void *fdt, int node);
int gicv3_init(const void *fdt, int node);

struct k_irq_chip;
/* MSI through the device tree's GICv2m frames: sets chip's MSI hooks when a frame is
 * usable. Returns how many frames are (0: no MSI). */
int gicv2m_init(const void *fdt, struct k_irq_chip *chip);

#endif /* DRIVERS_GIC_H */
