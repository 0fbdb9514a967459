/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupt lines for drivers. A line number is what the interrupt controller calls
 * an input: a GSI on x86 (IOAPIC pins; ISA IRQs through k_irq_isa()), an INTID on arm64.
 *
 *	static int mydev_irq(void *arg) { ...; return K_IRQ_HANDLED; }
 *	k_irq_register(line, mydev_irq, dev, "mydev", K_IRQ_LEVEL | K_IRQ_SHARED);
 *
 * Handlers run with interrupts off on the interrupted thread's stack: they must not
 * block (no mutex, no sleep, no k_malloc of large blocks). Hand longer work to a
 * thread with k_work_submit() (keel/work.h).
 */
#ifndef KEEL_IRQ_H
#define KEEL_IRQ_H

#include <stdint.h>

#define K_IRQ_NONE		0	/* not my device (shared lines) */
#define K_IRQ_HANDLED		1

/* k_irq_register flags */
#define K_IRQ_EDGE		0x0	/* edge-triggered, active high: ISA default */
#define K_IRQ_LEVEL		0x1	/* level-triggered */
#define K_IRQ_ACTIVE_LOW	0x2
#define K_IRQ_SHARED		0x4	/* other handlers may share the line */

#define K_IRQ_LINES_MAX		256
#define K_IRQ_ACTIONS_MAX	64

typedef int (*k_irq_handler_t)(void *arg);

/*
 * Attach fn(arg) to line and unmask it. 0, or -ENODEV (no interrupt controller),
 * -EINVAL (line out of range, bad flags), -EBUSY (line taken and not shared by both),
 * -ENOSPC (K_IRQ_ACTIONS_MAX handlers registered).
 */
int k_irq_register(unsigned int line, k_irq_handler_t fn, void *arg, const char *name,
		   unsigned int flags);
/* Detach; the line is masked when its last handler goes. 0 or -ENOENT. */
int k_irq_unregister(unsigned int line, k_irq_handler_t fn, void *arg);

/* How many times line fired, and how often no handler claimed it. */
uint64_t k_irq_count(unsigned int line);
uint64_t k_irq_unclaimed(unsigned int line);

/*
 * The line an ISA IRQ (0..15) arrives on and the flags that describe it, after the
 * firmware's overrides (ACPI MADT). -ENODEV when there is no ISA bridge.
 */
int k_irq_isa(unsigned int isa_irq, unsigned int *flags);

/* Message-signalled interrupts (PCI MSI and MSI-X): what the device writes, and where. */
struct k_msi_msg {
	uint64_t addr;
	uint32_t data;
};

/*
 * A fresh line for one MSI vector of a device: program msg into the device, then attach
 * the handler with k_irq_register(line, fn, arg, name, K_IRQ_EDGE). Returns the line,
 * -ENODEV (the interrupt controller has no MSI) or -ENOSPC.
 */
int k_irq_msi_alloc(struct k_msi_msg *msg);
/* Give the line back once its handler is unregistered. */
void k_irq_msi_free(unsigned int line);

/* For interrupt-controller drivers. */
struct k_irq_chip {
	const char *name;
	unsigned int nr_lines;
	int (*setup)(unsigned int line, unsigned int flags);	/* trigger, polarity */
	void (*mask)(unsigned int line);
	void (*unmask)(unsigned int line);
	int (*isa_line)(unsigned int isa_irq, unsigned int *flags);
	int (*msi_alloc)(struct k_msi_msg *msg);	/* optional */
	void (*msi_free)(unsigned int line);
};

int k_irq_chip_register(const struct k_irq_chip *chip);

/* The controller's interrupt entry calls this for a line, interrupts off. */
void k_irq_handle(unsigned int line);

/*
 * The arch calls these around every interrupt. k_irq_leave() is the preemption
 * point: a switch that became due runs as the outermost handler returns.
 */
void k_irq_enter(void);
void k_irq_leave(void);

#endif /* KEEL_IRQ_H */
