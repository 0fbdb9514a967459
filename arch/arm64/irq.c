// SPDX-License-Identifier: BSD-3-Clause
/*
 * The IRQ exception: the interrupt controller's handler (keel/arm64/irq.h) acknowledges
 * and dispatches, bracketed by k_irq_enter/k_irq_leave, so that the outermost interrupt
 * ends at the scheduler's preemption point.
 */
#include <errno.h>
#include <keel/arm64/irq.h>
#include <keel/irq.h>
#include <keel/print.h>
#include "traps.h"

static void (*irq_root)(void);
static unsigned long spurious;

int arm64_irq_root_set(void (*fn)(void))
{
	if (irq_root && fn)
		return -EBUSY;
	irq_root = fn;
	return 0;
}

unsigned long arm64_irq_spurious(void)
{
	return spurious;
}

void arm64_irq(struct arm64_trap_frame *f);

void arm64_irq(struct arm64_trap_frame *f)
{
	(void)f;
	k_irq_enter();
	if (irq_root)
		irq_root();
	else if (spurious++ == 0)
		k_warn("irq: an interrupt came with no interrupt controller driver\n");
	k_irq_leave();
}
