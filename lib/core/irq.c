// SPDX-License-Identifier: BSD-3-Clause
/*
 * Interrupt lines: handler registration for drivers (keel/irq.h) over whichever
 * interrupt controller the platform registered. Handlers come from a fixed pool, so
 * registration works before and without the allocators.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/spinlock.h>

struct irq_action {
	k_irq_handler_t fn;
	void *arg;
	const char *name;
	unsigned int flags;
	struct irq_action *next;
};

struct irq_line {
	struct irq_action *actions;
	uint64_t count;
	uint64_t unclaimed;
};

static const struct k_irq_chip *irq_chip;
static struct irq_line irq_lines[K_IRQ_LINES_MAX];
static struct irq_action irq_pool[K_IRQ_ACTIONS_MAX];
static struct k_spinlock irq_lock = K_SPINLOCK_INIT;

int k_irq_chip_register(const struct k_irq_chip *chip)
{
	if (irq_chip)
		return -EBUSY;
	irq_chip = chip;
	k_debug("irq: %s, %u lines\n", chip->name, chip->nr_lines);
	return 0;
}

int k_irq_msi_alloc(struct k_msi_msg *msg)
{
	if (!irq_chip || !irq_chip->msi_alloc)
		return -ENODEV;
	return irq_chip->msi_alloc(msg);
}

void k_irq_msi_free(unsigned int line)
{
	if (irq_chip && irq_chip->msi_free)
		irq_chip->msi_free(line);
}

static struct irq_action *irq_action_alloc(void)
{
	for (size_t i = 0; i < K_IRQ_ACTIONS_MAX; i++)
		if (!irq_pool[i].fn)
			return &irq_pool[i];
	return NULL;
}

static int irq_check(unsigned int line, k_irq_handler_t fn, unsigned int flags)
{
	const unsigned int known = K_IRQ_LEVEL | K_IRQ_ACTIVE_LOW | K_IRQ_SHARED;

	if (!irq_chip)
		return -ENODEV;
	if (!fn || line >= irq_chip->nr_lines || line >= K_IRQ_LINES_MAX || (flags & ~known))
		return -EINVAL;
	return 0;
}

int k_irq_register(unsigned int line, k_irq_handler_t fn, void *arg, const char *name,
		   unsigned int flags)
{
	struct irq_action *a, *first;
	unsigned long irqf;
	int rc = irq_check(line, fn, flags);

	if (rc)
		return rc;
	irqf = k_spin_lock_irqsave(&irq_lock);
	first = irq_lines[line].actions;
	if (first && !(first->flags & flags & K_IRQ_SHARED)) {
		rc = -EBUSY;
	} else if (!(a = irq_action_alloc())) {
		rc = -ENOSPC;
	} else {
		*a = (struct irq_action){ fn, arg, name ? name : "?", flags, first };
		if (!first)
			rc = irq_chip->setup(line, flags);
		if (rc)
			a->fn = NULL;
		else
			irq_lines[line].actions = a;
		if (!rc && !first)
			irq_chip->unmask(line);
	}
	k_spin_unlock_irqrestore(&irq_lock, irqf);
	if (rc == -EBUSY)
		k_warn("irq: line %u is taken by %s and not shared; %s not attached\n", line,
		       first->name, name ? name : "?");
	return rc;
}

int k_irq_unregister(unsigned int line, k_irq_handler_t fn, void *arg)
{
	unsigned long irqf;
	int rc = -ENOENT;

	if (line >= K_IRQ_LINES_MAX)
		return -ENOENT;
	irqf = k_spin_lock_irqsave(&irq_lock);
	for (struct irq_action **p = &irq_lines[line].actions; *p; p = &(*p)->next) {
		if ((*p)->fn == fn && (*p)->arg == arg) {
			struct irq_action *a = *p;

			*p = a->next;
			a->fn = NULL;
			rc = 0;
			break;
		}
	}
	if (!rc && !irq_lines[line].actions)
		irq_chip->mask(line);
	k_spin_unlock_irqrestore(&irq_lock, irqf);
	return rc;
}

void k_irq_handle(unsigned int line)
{
	struct irq_line *l;
	bool claimed = false;

	if (line >= K_IRQ_LINES_MAX)
		return;
	l = &irq_lines[line];
	l->count++;
	for (struct irq_action *a = l->actions; a; a = a->next)
		claimed |= a->fn(a->arg) == K_IRQ_HANDLED;
	if (!claimed && l->unclaimed++ == 0)
		k_warn("irq: line %u fired and no handler claimed it\n", line);
}

uint64_t k_irq_count(unsigned int line)
{
	return line < K_IRQ_LINES_MAX ? irq_lines[line].count : 0;
}

uint64_t k_irq_unclaimed(unsigned int line)
{
	return line < K_IRQ_LINES_MAX ? irq_lines[line].unclaimed : 0;
}

int k_irq_isa(unsigned int isa_irq, unsigned int *flags)
{
	if (!irq_chip || !irq_chip->isa_line)
		return -ENODEV;
	if (isa_irq >= 16)
		return -EINVAL;
	return irq_chip->isa_line(isa_irq, flags);
}
