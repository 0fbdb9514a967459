/* SPDX-License-Identifier: BSD-3-Clause */
/* Private interface between the APIC driver's files. */
#ifndef DRIVERS_APIC_H
#define DRIVERS_APIC_H

#include <stdbool.h>
#include <stdint.h>

/* Local APIC register offsets (SDM 3A §11.4.1, table 11-1). */
#define LAPIC_ID		0x020
#define LAPIC_VERSION		0x030
#define LAPIC_TPR		0x080
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_ESR		0x280
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_LVT_ERROR		0x370
#define LAPIC_TIMER_INIT	0x380
#define LAPIC_TIMER_CURRENT	0x390
#define LAPIC_TIMER_DIVIDE	0x3e0

#define LAPIC_LVT_MASKED	(1u << 16)

uint32_t lapic_read(unsigned int reg);
void lapic_write(unsigned int reg, uint32_t v);
void lapic_eoi(void);
uint32_t lapic_id(void);
int lapic_init(void);

/* What the MADT says (madt.c); defaults when there is no MADT. */
#define MADT_IOAPICS_MAX	4
struct madt_ioapic {
	uint64_t base;
	uint32_t gsi_base;
};

struct madt_isa_override {
	bool present;
	uint32_t gsi;
	unsigned int flags;		/* K_IRQ_LEVEL / K_IRQ_ACTIVE_LOW */
};

struct madt_info {
	struct madt_ioapic ioapic[MADT_IOAPICS_MAX];
	unsigned int nioapic;
	struct madt_isa_override isa[16];
};

void madt_read(struct madt_info *info);

int ioapic_init(const struct madt_info *info);

/* MSI lines follow the IOAPIC's (msi.c): line APIC_MSI_LINE_BASE + i. */
#define APIC_MSI_LINE_BASE	80	/* IOAPIC lines use vectors 0x30..0x7f */
#define APIC_MSI_LINES		64
struct k_msi_msg;
bool apic_msi_line(unsigned int line);
int apic_msi_alloc(struct k_msi_msg *msg);
void apic_msi_free(unsigned int line);
void pic_disable(void);
int apic_timer_init(void);

#endif /* DRIVERS_APIC_H */
