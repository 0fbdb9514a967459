// SPDX-License-Identifier: BSD-3-Clause
/*
 * MSI (and INTx) end to end with QEMU's "edu" device (1234:11e8, QEMU docs/specs/edu):
 * BAR0 holds an identification word (0x..00ed) at 0x00, a liveness register at 0x04
 * that reads back inverted, the interrupt status at 0x24, and two write-only registers:
 * 0x60 ORs the value into the status and raises the interrupt (an MSI when MSI is on,
 * else INTA), 0x64 clears those bits, which lowers INTA. Three raises with distinct
 * bits must each arrive once, through the line k_pci_irq_alloc gave, and k_irq_count
 * for that line must have risen by as many.
 */
#include <stdio.h>
#include <keel/sync.h>
#include <keel/time.h>
#include "pciapp.h"

#define EDU_ID		0x00
#define EDU_LIVENESS	0x04
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
#define EDU_RAISES	3

struct edu {
	volatile uint32_t *regs;
	struct k_sem raised;
	unsigned int irqs;
	uint32_t seen;
};

#define EDU_REG(e, off)	((e)->regs[(off) / 4])

static int edu_irq(void *arg)
{
	struct edu *e = arg;
	uint32_t status = EDU_REG(e, EDU_IRQ_STATUS);

	if (!status)
		return K_IRQ_NONE;	/* INTx is shared */
	EDU_REG(e, EDU_IRQ_ACK) = status;
	e->seen |= status;
	e->irqs++;
	k_sem_post(&e->raised);
	return K_IRQ_HANDLED;
}

static int edu_raise_all(struct k_pci_dev *dev, struct edu *e, int line)
{
	uint64_t before = k_irq_count((unsigned int)line), rose;

	for (unsigned int i = 0; i < EDU_RAISES; i++) {
		EDU_REG(e, EDU_IRQ_RAISE) = 1u << i;
		if (k_sem_wait_until(&e->raised, k_time_ns() + 5 * K_NSEC_PER_SEC)) {
			printf("pciapp: edu %s: raise %u: no interrupt within 5 s (%s, line %d): FAIL\n",
			       dev->name, i, k_pci_irq_mode(dev), line);
			return 1;
		}
	}
	rose = k_irq_count((unsigned int)line) - before;
	printf("pciapp: edu-irq %s: %s, line %d, %u interrupts, status bits 0x%x, line count +%llu\n",
	       dev->name, k_pci_irq_mode(dev), line, e->irqs, e->seen, (unsigned long long)rose);
	return e->irqs == EDU_RAISES && e->seen == (1u << EDU_RAISES) - 1 && rose >= EDU_RAISES &&
	       !EDU_REG(e, EDU_IRQ_STATUS) ? 0 : 1;
}

static int edu_one(struct k_pci_dev *dev)
{
	struct edu e = { 0 };
	int line, fail;

	k_pci_enable(dev);
	e.regs = k_pci_bar_map(dev, 0);
	if (!e.regs || (EDU_REG(&e, EDU_ID) & 0xffff) != 0x00ed) {
		printf("pciapp: edu %s: BAR0 is not the edu registers: FAIL\n", dev->name);
		return 1;
	}
	EDU_REG(&e, EDU_LIVENESS) = 0x12345678;
	if (EDU_REG(&e, EDU_LIVENESS) != ~0x12345678u) {
		printf("pciapp: edu %s: the liveness register does not invert: FAIL\n", dev->name);
		return 1;
	}
	k_sem_init(&e.raised, 0);
	if (k_pci_irq_alloc(dev, 1) != 1 ||
	    k_pci_irq_register(dev, 0, edu_irq, &e, "pciapp-edu")) {
		printf("pciapp: edu %s: no interrupt: FAIL\n", dev->name);
		return 1;
	}
	line = k_pci_irq_line(dev, 0);
	fail = edu_raise_all(dev, &e, line);
	k_irq_unregister((unsigned int)line, edu_irq, &e);
	printf("pciapp: edu-irq %s: %s\n", dev->name, fail ? "FAIL" : "ok");
	return fail;
}

int edu_irq_test(unsigned int *found)
{
	int fail = 0;

	*found = 0;
	for (unsigned int n = 0; n < k_pci_count(); n++) {
		struct k_pci_dev *dev = k_pci_get(n);

		if (dev->vendor_id != EDU_VENDOR || dev->device_id != EDU_DEVICE)
			continue;
		(*found)++;
		fail += edu_one(dev);
	}
	return fail;
}
