/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 interrupt vectors, for the interrupt-controller drivers (LAPIC, IOAPIC, MSI). */
#ifndef KEEL_X86_64_IRQ_H
#define KEEL_X86_64_IRQ_H

#include <stdint.h>

/*
 * Vector map. The vector's upper nibble is its priority class (SDM 3A §11.8.3.1): the
 * timer sits above device interrupts, spurious at the top as the APIC requires it to
 * end in 0xf on older parts.
 */
#define X86_IRQ_VECTOR_FIRST		0x20
#define X86_IRQ_VECTOR_LEGACY_PIC	0x20	/* 0x20..0x2f: the masked 8259s */
#define X86_IRQ_VECTOR_IOAPIC		0x30	/* 0x30 + line for IOAPIC inputs */
#define X86_IRQ_VECTOR_DYNAMIC		0x80	/* MSI and other allocated vectors */
#define X86_IRQ_VECTOR_DYNAMIC_END	0xe0
#define X86_IRQ_VECTOR_TIMER		0xef
#define X86_IRQ_VECTOR_SPURIOUS		0xff

/* Install fn(arg) on vec (fn NULL removes). 0, -EINVAL or -EBUSY. */
int x86_irq_vector_set(unsigned int vec, void (*fn)(void *arg), void *arg);
/* A free vector from the dynamic range, or -ENOSPC. */
int x86_irq_vector_alloc(void (*fn)(void *arg), void *arg);
/* Interrupts that arrived on a vector without a handler. */
uint64_t x86_irq_spurious(void);

#endif /* KEEL_X86_64_IRQ_H */
