// SPDX-License-Identifier: BSD-3-Clause
/*
 * The legacy 8259A pair: moved off the exception vectors, then fully masked; the
 * IOAPIC delivers device interrupts instead. (8259A data sheet: ICW1..ICW4, OCW1.)
 */
#include <keel/arch.h>
#include <keel/x86_64/irq.h>
#include "apic.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define ICW1_INIT_ICW4	0x11	/* edge, cascade, ICW4 follows */
#define ICW4_8086	0x01

void pic_disable(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, X86_IRQ_VECTOR_LEGACY_PIC);	/* ICW2: vector base */
	outb(PIC2_DATA, X86_IRQ_VECTOR_LEGACY_PIC + 8);
	outb(PIC1_DATA, 1 << 2);			/* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	outb(PIC1_DATA, 0xff);				/* OCW1: mask everything */
	outb(PIC2_DATA, 0xff);
}
