// SPDX-License-Identifier: BSD-3-Clause
/*
 * The local APIC in xAPIC mode (memory-mapped registers, SDM 3A chapter 11), and the
 * driver's start: 8259s masked, local APIC on, IOAPIC routes, timer, interrupts on.
 */
#include <errno.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/x86_64/irq.h>
#include "apic.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	(1ull << 11)	/* xAPIC global enable */
#define APIC_BASE_X2APIC	(1ull << 10)
#define APIC_BASE_ADDR_MASK	0x000ffffffffff000ull
#define SVR_APIC_ENABLE		(1u << 8)
#define LVT_DELIVERY_NMI	(4u << 8)
#define CPUID1_EDX_APIC		(1u << 9)

static volatile uint32_t *lapic_regs;

uint32_t lapic_read(unsigned int reg)
{
	return lapic_regs[reg / 4];
}

void lapic_write(unsigned int reg, uint32_t v)
{
	lapic_regs[reg / 4] = v;
}

/* Any write to EOI ends the in-service interrupt of highest priority (§11.8.5). */
void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

/* Spurious interrupts need no EOI (§11.9); count nothing, just return. */
static void lapic_spurious(void *arg)
{
	(void)arg;
}

int lapic_init(void)
{
	uint64_t base;
	int rc;

	if (!(x86_cpuid(1, 0).edx & CPUID1_EDX_APIC)) {
		k_err("apic: this CPU has no local APIC; no interrupts, no timers\n");
		return -ENODEV;
	}
	base = x86_rdmsr(MSR_APIC_BASE);
	if (base & APIC_BASE_X2APIC) {
		/* Leaving x2APIC mode needs a full disable first (§11.12.5). */
		x86_wrmsr(MSR_APIC_BASE, base & ~(APIC_BASE_ENABLE | APIC_BASE_X2APIC));
		base &= ~APIC_BASE_X2APIC;
	}
	x86_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	base &= APIC_BASE_ADDR_MASK;
	rc = k_arch_map((uintptr_t)base, base, K_ARCH_PAGE_SIZE,
			K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);
	if (rc) {
		k_err("apic: cannot map the local APIC at 0x%lx (error %d)\n",
		      (unsigned long)base, rc);
		return rc;
	}
	lapic_regs = (volatile uint32_t *)(uintptr_t)base;
	x86_irq_vector_set(X86_IRQ_VECTOR_SPURIOUS, lapic_spurious, NULL);
	/* Software-enable first: while disabled, LVT mask bits cannot be cleared (§11.4.7.2). */
	lapic_write(LAPIC_SVR, SVR_APIC_ENABLE | X86_IRQ_VECTOR_SPURIOUS);
	lapic_write(LAPIC_TPR, 0);			/* accept every priority class */
	lapic_write(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);	/* 8259 virtual wire: unused */
	lapic_write(LAPIC_LVT_LINT1, LVT_DELIVERY_NMI);
	lapic_write(LAPIC_LVT_ERROR, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
	lapic_eoi();
	return 0;
}

static int apic_init(void)
{
	struct madt_info info;
	int rc;

	madt_read(&info);
	/* Masked even when the MADT says there are none: an absent port ignores it. */
	pic_disable();
	rc = lapic_init();
	if (rc)
		return rc;
	/* Without an IOAPIC there are no device interrupts, but the timer still works. */
	rc = ioapic_init(&info);
	if (rc)
		k_err("apic: no usable IOAPIC (error %d); device interrupts will not arrive\n",
		      rc);
	rc = apic_timer_init();
	if (rc)
		return rc;
	k_arch_irq_enable();
	return 0;
}
K_INIT(apic_init, K_INIT_PLAT, 10);
