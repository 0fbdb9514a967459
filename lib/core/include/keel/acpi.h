/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ACPI tables, for drivers that read them (MADT for the interrupt controllers, MCFG for
 * PCI). The platform implements k_acpi_table(): it knows where the RSDP is.
 */
#ifndef KEEL_ACPI_H
#define KEEL_ACPI_H

#include <stdint.h>
#include <keel/compiler.h>

struct acpi_sdt {			/* ACPI 6.4 §5.2.6: common table header */
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem[6 + 8];
	uint32_t oem_revision;
	uint32_t creator[2];
} __k_packed;

/*
 * The first table with this signature ("APIC", "MCFG", ...) whose checksum holds, in
 * the identity map; NULL when there is none or no ACPI at all.
 */
const struct acpi_sdt *k_acpi_table(const char *signature);

#endif /* KEEL_ACPI_H */
