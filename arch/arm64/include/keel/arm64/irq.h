/* SPDX-License-Identifier: BSD-3-Clause */
/* arm64 interrupt entry, for the interrupt-controller driver (the GIC). */
#ifndef KEEL_ARM64_IRQ_H
#define KEEL_ARM64_IRQ_H

/*
 * The controller's handler for the IRQ exception: acknowledge, k_irq_handle() the
 * INTID, end the interrupt. The arch brackets it with k_irq_enter/k_irq_leave. 0, or
 * -EBUSY when one is installed already.
 */
int arm64_irq_root_set(void (*fn)(void));

/* IRQ exceptions that came with no controller handler installed. */
unsigned long arm64_irq_spurious(void);

#endif /* KEEL_ARM64_IRQ_H */
