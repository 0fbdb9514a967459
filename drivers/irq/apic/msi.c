// SPDX-License-Identifier: BSD-3-Clause
/*
 * MSI for PCI devices: each MSI line gets a vector from the dynamic range. The device
 * writes the vector number to the local APIC's address window (SDM 3A §11.11), which
 * delivers it like any other interrupt; the lines follow the IOAPIC's.
 */
#include <errno.h>
#include <stdint.h>
#include <keel/irq.h>
#include <keel/spinlock.h>
#include <keel/x86_64/irq.h>
#include "apic.h"

/* SDM 3A §11.11.1: the address is 0xFEE in bits 31:20, the destination APIC id in
 * 19:12; redirection hint and destination mode 0 (physical). */
#define MSI_ADDR_BASE		0xfee00000u
#define MSI_ADDR_DEST_SHIFT	12
/* §11.11.2: the data is the vector, fixed delivery mode, edge-triggered. */

static uint8_t msi_vector[APIC_MSI_LINES];	/* 0: the line is free */
static struct k_spinlock msi_lock = K_SPINLOCK_INIT;

bool apic_msi_line(unsigned int line)
{
	return line >= APIC_MSI_LINE_BASE && line < APIC_MSI_LINE_BASE + APIC_MSI_LINES;
}

/* An edge-triggered vector: the handlers, then EOI. */
static void msi_vector_entry(void *arg)
{
	k_irq_handle((unsigned int)(uintptr_t)arg);
	lapic_eoi();
}

int apic_msi_alloc(struct k_msi_msg *msg)
{
	unsigned long flags = k_spin_lock_irqsave(&msi_lock);
	int vec = -ENOSPC;
	unsigned int i;

	for (i = 0; i < APIC_MSI_LINES; i++)
		if (!msi_vector[i])
			break;
	if (i < APIC_MSI_LINES)
		vec = x86_irq_vector_alloc(msi_vector_entry,
					   (void *)(uintptr_t)(APIC_MSI_LINE_BASE + i));
	if (vec >= 0)
		msi_vector[i] = (uint8_t)vec;
	k_spin_unlock_irqrestore(&msi_lock, flags);
	if (vec < 0)
		return vec;
	msg->addr = MSI_ADDR_BASE | (lapic_id() << MSI_ADDR_DEST_SHIFT);
	msg->data = (uint32_t)vec;
	return (int)(APIC_MSI_LINE_BASE + i);
}

void apic_msi_free(unsigned int line)
{
	unsigned long flags;

	if (!apic_msi_line(line))
		return;
	flags = k_spin_lock_irqsave(&msi_lock);
	if (msi_vector[line - APIC_MSI_LINE_BASE]) {
		x86_irq_vector_set(msi_vector[line - APIC_MSI_LINE_BASE], NULL, NULL);
		msi_vector[line - APIC_MSI_LINE_BASE] = 0;
	}
	k_spin_unlock_irqrestore(&msi_lock, flags);
}
