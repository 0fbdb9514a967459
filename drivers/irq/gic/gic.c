// SPDX-License-Identifier: BSD-3-Clause
/*
 * Arm GIC: finds the controller in the device tree, and the k_irq_chip both versions
 * share (enable, trigger and priority registers have the same layout; SGIs and PPIs sit
 * in the distributor on v2 and in the redistributor on v3). MSI comes from GICv2m
 * frames (gicv2m.c) when the device tree has them; the GICv3 ITS is not supported.
 */
#include <errno.h>
#include <keel/fdt.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include "gic.h"

struct gic gic;
static struct k_spinlock gic_lock = K_SPINLOCK_INIT;

volatile uint8_t *gic_map(uint64_t base, uint64_t size)
{
	uint64_t start = base & ~(uint64_t)(K_ARCH_PAGE_SIZE - 1);
	uint64_t end = (base + size + K_ARCH_PAGE_SIZE - 1) & ~(uint64_t)(K_ARCH_PAGE_SIZE - 1);

	if (!size || base + size < base ||
	    k_arch_map((uintptr_t)start, start, (size_t)(end - start),
		       K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE))
		return NULL;
	return (volatile uint8_t *)(uintptr_t)base;
}

/* The register block holding line's bit: the banked private one below 32. */
static volatile uint8_t *gic_regs(unsigned int line)
{
	return line < GIC_SPI_FIRST ? gic.private_base() : gic.dist;
}

static void gic_bit_write(unsigned int reg, unsigned int line)
{
	arm64_mmio_write32(gic_regs(line) + reg + 4 * (line / 32), 1u << (line % 32));
}

static void gic_mask(unsigned int line)
{
	gic_bit_write(GICD_ICENABLER, line);
}

static void gic_unmask(unsigned int line)
{
	gic_bit_write(GICD_ISENABLER, line);
}

/* Two bits per line in ICFGR, the upper one set for edge-triggered (IHI 0069 §12.9.9). */
static int gic_setup(unsigned int line, unsigned int flags)
{
	volatile uint8_t *r = gic_regs(line) + GICD_ICFGR + 4 * (line / 16);
	unsigned int shift = 2 * (line % 16) + 1;
	unsigned long irqf;
	uint32_t v;

	/* The GIC takes only active-high levels and rising edges. */
	if (flags & K_IRQ_ACTIVE_LOW)
		return -EINVAL;
	if (line < 16)
		return -EINVAL;		/* SGIs are not device interrupts */
	irqf = k_spin_lock_irqsave(&gic_lock);
	v = arm64_mmio_read32(r);
	v = flags & K_IRQ_LEVEL ? v & ~(1u << shift) : v | 1u << shift;
	/* PPI triggers may be fixed by the implementation; the write is then ignored. */
	arm64_mmio_write32(r, v);
	k_spin_unlock_irqrestore(&gic_lock, irqf);
	return 0;
}

static int gic_isa_line(unsigned int isa_irq, unsigned int *flags)
{
	(void)isa_irq;
	(void)flags;
	return -ENODEV;
}

static struct k_irq_chip gic_chip = {
	.setup = gic_setup,
	.mask = gic_mask,
	.unmask = gic_unmask,
	.isa_line = gic_isa_line,
};

static const char *const gic_v2_compat[] = { "arm,cortex-a15-gic", "arm,gic-400",
					     "arm,cortex-a9-gic", "arm,arm11mp-gic" };

/* Why PCI devices will use INTx: said once, at debug level. */
static void gic_msi_none(const void *fdt)
{
	if (fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v2m-frame") >= 0)
		k_debug("gic: no MSI: no usable GICv2m frame (PCI devices use INTx)\n");
	else if (fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3-its") >= 0)
		k_debug("gic: no MSI: the GICv3 ITS is not supported (PCI devices use INTx)\n");
	else
		k_debug("gic: no MSI controller in the device tree (PCI devices use INTx)\n");
}

static int gic_init(void)
{
	const void *fdt = k_fdt();
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3") : -1, rc;
	bool v3 = node >= 0;

	for (unsigned int i = 0; fdt && node < 0 && i < K_ARRAY_SIZE(gic_v2_compat); i++)
		node = fdt_node_offset_by_compatible(fdt, -1, gic_v2_compat[i]);
	if (node < 0) {
		k_warn("gic: no GIC in the device tree; no interrupts\n");
		return -ENODEV;
	}
	rc = v3 ? gicv3_init(fdt, node) : gicv2_init(fdt, node);
	if (rc) {
		k_err("gic: %s set-up failed (error %d); no interrupts\n", v3 ? "GICv3" : "GICv2",
		      rc);
		return rc;
	}
	gic_chip.name = v3 ? "gicv3" : "gicv2";
	gic_chip.nr_lines = K_MIN(gic.lines, (unsigned int)K_IRQ_LINES_MAX);
	if (!gicv2m_init(fdt, &gic_chip))
		gic_msi_none(fdt);
	rc = k_irq_chip_register(&gic_chip);
	if (rc)
		return rc;
	k_arch_irq_enable();
	return 0;
}
K_INIT(gic_init, K_INIT_PLAT, 10);
