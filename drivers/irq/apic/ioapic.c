// SPDX-License-Identifier: BSD-3-Clause
/*
 * IOAPIC: device interrupt inputs (GSIs) to vectors 0x30 + line on this CPU (82093AA
 * data sheet §3.2; the register layout every IOAPIC since keeps). Registered as the
 * system's k_irq_chip; the line number is the GSI.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/x86_64/irq.h>
#include "apic.h"

#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_REG_VERSION	0x01	/* bits 23:16: index of the last redirection entry */
#define IOAPIC_REG_REDIR(n)	(0x10 + 2 * (n))
#define REDIR_MASKED		(1u << 16)
#define REDIR_LEVEL		(1u << 15)
#define REDIR_ACTIVE_LOW	(1u << 13)
#define IOAPIC_LINES_MAX	(X86_IRQ_VECTOR_DYNAMIC - X86_IRQ_VECTOR_IOAPIC)
_Static_assert(IOAPIC_LINES_MAX == APIC_MSI_LINE_BASE, "MSI lines follow the IOAPIC's");

struct ioapic {
	volatile uint32_t *regs;
	uint32_t gsi_base;
	unsigned int nr_lines;
};

static struct ioapic ioapics[MADT_IOAPICS_MAX];
static unsigned int nioapic;
static const struct madt_info *ioapic_madt;
static struct madt_info madt_copy;
static struct k_spinlock ioapic_lock = K_SPINLOCK_INIT;

static uint32_t ioapic_read(const struct ioapic *io, uint32_t reg)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	return io->regs[IOAPIC_WINDOW / 4];
}

static void ioapic_write(const struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	io->regs[IOAPIC_WINDOW / 4] = v;
}

static struct ioapic *ioapic_for(unsigned int line, unsigned int *pin)
{
	for (unsigned int i = 0; i < nioapic; i++) {
		if (line >= ioapics[i].gsi_base &&
		    line - ioapics[i].gsi_base < ioapics[i].nr_lines) {
			*pin = line - ioapics[i].gsi_base;
			return &ioapics[i];
		}
	}
	return NULL;
}

static void ioapic_update(unsigned int line, uint32_t clear, uint32_t set)
{
	unsigned int pin;
	struct ioapic *io = ioapic_for(line, &pin);
	unsigned long flags;

	if (!io)
		return;
	flags = k_spin_lock_irqsave(&ioapic_lock);
	ioapic_write(io, IOAPIC_REG_REDIR(pin),
		     (ioapic_read(io, IOAPIC_REG_REDIR(pin)) & ~clear) | set);
	k_spin_unlock_irqrestore(&ioapic_lock, flags);
}

/* MSI lines are masked at the device (MSI-X vector control), not here. */
static void ioapic_mask(unsigned int line)
{
	if (!apic_msi_line(line))
		ioapic_update(line, 0, REDIR_MASKED);
}

static void ioapic_unmask(unsigned int line)
{
	if (!apic_msi_line(line))
		ioapic_update(line, REDIR_MASKED, 0);
}

/* Fixed delivery, physical destination: this CPU's APIC id; masked until unmask. */
static int ioapic_setup(unsigned int line, unsigned int flags)
{
	unsigned int pin;
	struct ioapic *io = ioapic_for(line, &pin);
	uint32_t lo = REDIR_MASKED | (X86_IRQ_VECTOR_IOAPIC + line);
	unsigned long irqf;

	if (apic_msi_line(line))
		return 0;
	if (!io)
		return -EINVAL;
	if (flags & K_IRQ_LEVEL)
		lo |= REDIR_LEVEL;
	if (flags & K_IRQ_ACTIVE_LOW)
		lo |= REDIR_ACTIVE_LOW;
	irqf = k_spin_lock_irqsave(&ioapic_lock);
	ioapic_write(io, IOAPIC_REG_REDIR(pin) + 1, lapic_id() << 24);
	ioapic_write(io, IOAPIC_REG_REDIR(pin), lo);
	k_spin_unlock_irqrestore(&ioapic_lock, irqf);
	return 0;
}

static int ioapic_isa_line(unsigned int isa_irq, unsigned int *flags)
{
	const struct madt_isa_override *o = &ioapic_madt->isa[isa_irq];

	if (flags)
		*flags = o->present ? o->flags : K_IRQ_EDGE;
	return (int)(o->present ? o->gsi : isa_irq);
}

/* Vector 0x30 + line: the line's handlers, then EOI (the IOAPIC then re-arms). */
static void ioapic_vector(void *arg)
{
	k_irq_handle((unsigned int)(uintptr_t)arg);
	lapic_eoi();
}

static struct k_irq_chip ioapic_chip = {
	.name = "ioapic",
	.setup = ioapic_setup,
	.mask = ioapic_mask,
	.unmask = ioapic_unmask,
	.isa_line = ioapic_isa_line,
	.msi_alloc = apic_msi_alloc,
	.msi_free = apic_msi_free,
};

static int ioapic_add(const struct madt_ioapic *m)
{
	struct ioapic *io = &ioapics[nioapic];
	uint64_t page = m->base & ~(uint64_t)(K_ARCH_PAGE_SIZE - 1);
	int rc = k_arch_map((uintptr_t)page, page, K_ARCH_PAGE_SIZE,
			    K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);

	if (rc) {
		k_err("apic: cannot map the IOAPIC at 0x%lx (error %d)\n",
		      (unsigned long)m->base, rc);
		return rc;
	}
	io->regs = (volatile uint32_t *)(uintptr_t)m->base;
	io->gsi_base = m->gsi_base;
	io->nr_lines = ((ioapic_read(io, IOAPIC_REG_VERSION) >> 16) & 0xff) + 1;
	for (unsigned int pin = 0; pin < io->nr_lines; pin++)
		ioapic_write(io, IOAPIC_REG_REDIR(pin), REDIR_MASKED);
	nioapic++;
	k_debug("apic: IOAPIC at 0x%lx, lines %u..%u\n", (unsigned long)m->base,
		io->gsi_base, io->gsi_base + io->nr_lines - 1);
	return 0;
}

int ioapic_init(const struct madt_info *info)
{
	unsigned int lines = 0;

	madt_copy = *info;
	ioapic_madt = &madt_copy;
	for (unsigned int i = 0; i < info->nioapic; i++)
		if (ioapic_add(&info->ioapic[i]) == 0)
			lines = K_MAX(lines, ioapics[nioapic - 1].gsi_base +
					     ioapics[nioapic - 1].nr_lines);
	if (!nioapic)
		return -ENODEV;
	lines = K_MIN(lines, (unsigned int)IOAPIC_LINES_MAX);
	for (unsigned int line = 0; line < lines; line++)
		x86_irq_vector_set(X86_IRQ_VECTOR_IOAPIC + line, ioapic_vector,
				   (void *)(uintptr_t)line);
	/* The chip's lines: the IOAPICs' pins, a gap, then the MSI lines. */
	ioapic_chip.nr_lines = APIC_MSI_LINE_BASE + APIC_MSI_LINES;
	return k_irq_chip_register(&ioapic_chip);
}
