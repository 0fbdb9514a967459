// SPDX-License-Identifier: BSD-3-Clause
/* The ACPI MADT ("APIC"): IOAPICs, ISA interrupt overrides (ACPI 6.4 §5.2.12). */
#include <string.h>
#include <keel/acpi.h>
#include <keel/irq.h>
#include <keel/print.h>
#include "apic.h"

#define MADT_TYPE_IOAPIC	1	/* §5.2.12.3 */
#define MADT_TYPE_ISO		2	/* §5.2.12.5: interrupt source override */
#define IOAPIC_DEFAULT_BASE	0xfec00000

/* MPS INTI flags (§5.2.12.5, table 5.50): polarity bits 1:0, trigger mode bits 3:2. */
static unsigned int madt_inti_flags(uint16_t inti)
{
	unsigned int flags = 0;

	if ((inti & 0x3) == 0x3)
		flags |= K_IRQ_ACTIVE_LOW;
	if (((inti >> 2) & 0x3) == 0x3)
		flags |= K_IRQ_LEVEL;
	return flags;
}

static void madt_entry(struct madt_info *info, const uint8_t *e)
{
	uint32_t u32;
	uint16_t u16;

	switch (e[0]) {
	case MADT_TYPE_IOAPIC:
		if (e[1] < 12 || info->nioapic == MADT_IOAPICS_MAX)
			break;
		memcpy(&u32, e + 4, 4);
		info->ioapic[info->nioapic].base = u32;
		memcpy(&info->ioapic[info->nioapic].gsi_base, e + 8, 4);
		info->nioapic++;
		break;
	case MADT_TYPE_ISO:
		/* bus 0 = ISA, source = ISA IRQ, then the GSI and the flags. */
		if (e[1] < 10 || e[2] != 0 || e[3] >= 16)
			break;
		memcpy(&u32, e + 4, 4);
		memcpy(&u16, e + 8, 2);
		info->isa[e[3]] = (struct madt_isa_override){ true, u32, madt_inti_flags(u16) };
		break;
	}
}

void madt_read(struct madt_info *info)
{
	const struct acpi_sdt *madt = k_acpi_table("APIC");

	memset(info, 0, sizeof(*info));
	/* Header, then the local APIC address and flags (8 bytes), then the entries. */
	if (madt && madt->length >= sizeof(*madt) + 8) {
		const uint8_t *p = (const uint8_t *)madt + sizeof(*madt);
		const uint8_t *end = (const uint8_t *)madt + madt->length;

		for (p += 8; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1])
			madt_entry(info, p);
	} else {
		k_debug("apic: no ACPI MADT; assuming one IOAPIC at 0x%x\n",
			IOAPIC_DEFAULT_BASE);
	}
	if (!info->nioapic) {
		info->ioapic[0] = (struct madt_ioapic){ IOAPIC_DEFAULT_BASE, 0 };
		info->nioapic = 1;
	}
}
