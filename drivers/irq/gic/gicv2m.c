// SPDX-License-Identifier: BSD-3-Clause
/*
 * GICv2m MSI frames (Arm Server Base System Architecture, appendix "GICv2m"; the
 * device-tree binding interrupt-controller/arm,gic.yaml "arm,gic-v2m-frame"). A frame
 * turns a 32-bit write of an INTID to its MSI_SETSPI_NS register into an edge on that
 * SPI, for the contiguous range of SPIs that MSI_TYPER names. So an MSI is: address =
 * the frame's MSI_SETSPI_NS, data = the INTID, and the SPI is configured edge-triggered
 * like any other line. The properties "arm,msi-base-spi" and "arm,msi-num-spis" replace
 * MSI_TYPER's values where the hardware reports them wrong. Every range is checked
 * against the distributor's lines and the k_irq table before it is used.
 */
#include <errno.h>
#include <string.h>
#include <keel/fdt.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include "gic.h"

#define V2M_MSI_TYPER		0x008
#define V2M_TYPER_BASE(t)	(((t) >> 16) & 0x3ff)	/* the first SPI's INTID */
#define V2M_TYPER_COUNT(t)	((t) & 0x3ff)
#define V2M_MSI_SETSPI_NS	0x040			/* the doorbell */
#define V2M_FRAME_SIZE		0x1000
#define V2M_FRAMES_MAX		4
#define GIC_SPI_LAST		1019

struct v2m_frame {
	uint64_t doorbell;		/* physical address the devices write to */
	unsigned int base, count;	/* INTIDs base..base + count - 1 */
	uint64_t used[(GIC_SPI_LAST + 1) / 64 + 1];	/* by INTID - base */
};

static struct v2m_frame frames[V2M_FRAMES_MAX];
static unsigned int nframes;
static struct k_spinlock v2m_lock = K_SPINLOCK_INIT;

/* An optional one-cell property: 1 when present (in *v), 0 when absent, -EINVAL. */
static int prop_cell(const void *fdt, int node, const char *name, uint32_t *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return 0;
	if (len != sizeof(*p))
		return -EINVAL;
	*v = fdt32_to_cpu(*p);
	return 1;
}

/* MSI_TYPER, then the device tree's overrides; -EINVAL when a property is malformed. */
static int frame_range(const void *fdt, int node, volatile uint8_t *regs, uint32_t *base,
		       uint32_t *count, const char *name)
{
	uint32_t typer = arm64_mmio_read32(regs + V2M_MSI_TYPER);
	int b, c;

	*base = V2M_TYPER_BASE(typer);
	*count = V2M_TYPER_COUNT(typer);
	b = prop_cell(fdt, node, "arm,msi-base-spi", base);
	c = prop_cell(fdt, node, "arm,msi-num-spis", count);
	if (b < 0 || c < 0) {
		k_warn("gic: %s: arm,msi-base-spi or arm,msi-num-spis is not one cell; frame not used\n",
		       name);
		return -EINVAL;
	}
	if (b || c)
		k_debug("gic: %s: MSI_TYPER says SPIs from %u, %u of them; the device tree says from %u, %u\n",
			name, V2M_TYPER_BASE(typer), V2M_TYPER_COUNT(typer), *base, *count);
	return 0;
}

/*
 * The SPIs must be SPIs of this distributor; those the k_irq table cannot hold are
 * left out (said once). 0 or -EINVAL.
 */
static int frame_check(const char *name, uint32_t base, uint32_t *count)
{
	uint32_t usable = K_MIN(gic.lines, (unsigned int)K_IRQ_LINES_MAX);

	if (!*count || base < GIC_SPI_FIRST || base > GIC_SPI_LAST ||
	    *count > GIC_SPI_LAST + 1 - base || base + *count > gic.lines) {
		k_warn("gic: %s: %u MSI SPIs from INTID %u are not SPIs of this GIC (INTIDs %u..%u); frame not used\n",
		       name, *count, base, GIC_SPI_FIRST, gic.lines - 1);
		return -EINVAL;
	}
	if (base >= usable) {
		k_warn("gic: %s: MSI SPIs from %u are beyond the %u interrupt lines Keel handles; frame not used\n",
		       name, base, usable);
		return -EINVAL;
	}
	if (base + *count > usable) {
		k_warn("gic: %s: only MSI SPIs %u..%u of %u..%u are used (Keel handles %u lines)\n",
		       name, base, usable - 1, base, base + *count - 1, usable);
		*count = usable - base;
	}
	return 0;
}

static void frame_add(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	uint64_t pbase, size;
	volatile uint8_t *regs;
	uint32_t base, count;

	if (k_fdt_reg(fdt, node, 0, &pbase, &size) || size < V2M_FRAME_SIZE ||
	    (pbase & (V2M_FRAME_SIZE - 1))) {
		k_warn("gic: %s: no usable 4 KiB frame in reg; frame not used\n", name);
		return;
	}
	regs = gic_map(pbase, V2M_FRAME_SIZE);
	if (!regs) {
		k_warn("gic: %s: cannot map the frame at 0x%lx; frame not used\n", name,
		       (unsigned long)pbase);
		return;
	}
	if (frame_range(fdt, node, regs, &base, &count, name) ||
	    frame_check(name, base, &count))
		return;
	for (unsigned int i = 0; i < nframes; i++) {
		if (base < frames[i].base + frames[i].count && frames[i].base < base + count) {
			k_warn("gic: %s: MSI SPIs %u..%u overlap another frame's; frame not used\n",
			       name, base, base + count - 1);
			return;
		}
	}
	frames[nframes++] = (struct v2m_frame){ .doorbell = pbase + V2M_MSI_SETSPI_NS,
						 .base = base, .count = count };
	k_debug("gic: %s: MSI frame at 0x%lx, SPIs %u..%u\n", name, (unsigned long)pbase, base,
		base + count - 1);
}

/* A free SPI of a frame, marked used; -ENOSPC when every one is taken. */
static int frame_take(struct v2m_frame *f)
{
	for (unsigned int i = 0; i < f->count; i++) {
		if (!(f->used[i / 64] & (1ull << (i % 64)))) {
			f->used[i / 64] |= 1ull << (i % 64);
			return (int)(f->base + i);
		}
	}
	return -ENOSPC;
}

static int gicv2m_msi_alloc(struct k_msi_msg *msg)
{
	unsigned long irqf = k_spin_lock_irqsave(&v2m_lock);
	int line = -ENOSPC;

	for (unsigned int i = 0; i < nframes && line < 0; i++) {
		line = frame_take(&frames[i]);
		if (line >= 0) {
			msg->addr = frames[i].doorbell;
			msg->data = (uint32_t)line;
		}
	}
	k_spin_unlock_irqrestore(&v2m_lock, irqf);
	return line;
}

static void gicv2m_msi_free(unsigned int line)
{
	unsigned long irqf = k_spin_lock_irqsave(&v2m_lock);

	for (unsigned int i = 0; i < nframes; i++) {
		struct v2m_frame *f = &frames[i];

		if (line >= f->base && line < f->base + f->count)
			f->used[(line - f->base) / 64] &= ~(1ull << ((line - f->base) % 64));
	}
	k_spin_unlock_irqrestore(&v2m_lock, irqf);
}

int gicv2m_init(const void *fdt, struct k_irq_chip *chip)
{
	unsigned int spis = 0;

	for (int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v2m-frame");
	     node >= 0; node = fdt_node_offset_by_compatible(fdt, node, "arm,gic-v2m-frame")) {
		const char *status = k_fdt_string(fdt, node, "status");

		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		if (nframes == V2M_FRAMES_MAX) {
			k_warn("gic: more than %u MSI frames; the others are not used\n",
			       V2M_FRAMES_MAX);
			break;
		}
		frame_add(fdt, node);
	}
	if (!nframes)
		return 0;
	for (unsigned int i = 0; i < nframes; i++)
		spis += frames[i].count;
	chip->msi_alloc = gicv2m_msi_alloc;
	chip->msi_free = gicv2m_msi_free;
	k_info("gic: MSI through %u GICv2m frame%s, %u SPIs\n", nframes, nframes > 1 ? "s" : "",
	       spis);
	return (int)nframes;
}
