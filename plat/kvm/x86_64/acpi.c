// SPDX-License-Identifier: BSD-3-Clause
/*
 * ACPI on plat/kvm: the table lookup drivers use (keel/acpi.h), and S5 (soft off) for
 * machines without isa-debug-exit: find the FADT, read the \_S5 sleep type from the
 * DSDT, write it with SLP_EN to the PM1 control block, or to the sleep control register
 * on hardware-reduced ACPI (QEMU microvm). ACPI 6.4 §4.8, §5.2, §7.4.2.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/acpi.h>
#include <keel/arch.h>
#include "kvm.h"

struct acpi_gas {			/* §5.2.3.2: generic address structure */
	uint8_t space;			/* 0 = memory, 1 = I/O port */
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
} __k_packed;

/* Byte offsets of the FADT fields we use (§5.2.9, table 5.9). */
#define FADT_DSDT		40
#define FADT_SMI_CMD		48
#define FADT_ACPI_ENABLE	52
#define FADT_PM1A_CNT		64
#define FADT_PM1B_CNT		68
#define FADT_FLAGS		112
#define FADT_X_DSDT		140
#define FADT_SLEEP_CONTROL	244
#define FADT_FLAG_HW_REDUCED	(1u << 20)
#define PM1_SCI_EN		(1u << 0)
#define PM1_SLP_EN		(1u << 13)
#define PM1_SLP_TYP_SHIFT	10
#define SLEEP_CTL_SLP_EN	(1u << 5)
#define SLEEP_CTL_TYP_SHIFT	2
#define LOW_4G			(4ull << 30)

static bool acpi_checksum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return sum == 0;
}

static uint64_t acpi_find_rsdp(void)
{
	static uint64_t rsdp;
	static bool searched;
	uint64_t sig;

	if (searched)
		return rsdp;
	searched = true;
	memcpy(&sig, "RSD PTR ", 8);
	/*
	 * §5.2.5.1: 16-byte aligned in the BIOS area 0xe0000..0xfffff (or the EBDA, whose
	 * pointer lives in page 0, which is unmapped; the firmwares we target use the
	 * BIOS area). One 8-byte compare per slot: on machines without ACPI the whole
	 * area is read, once; the answer is kept.
	 */
	for (uintptr_t p = 0xe0000; p < 0x100000; p += 16) {
		if (*(const volatile uint64_t *)p == sig && acpi_checksum_ok((const void *)p, 20)) {
			rsdp = p;
			break;
		}
	}
	return rsdp;
}

static const struct acpi_sdt *acpi_table(uint64_t addr, const char *sig)
{
	const struct acpi_sdt *t = (const void *)(uintptr_t)addr;

	if (!addr || addr >= LOW_4G || memcmp(t->signature, sig, 4) ||
	    t->length < sizeof(*t) || !acpi_checksum_ok(t, t->length))
		return NULL;
	return t;
}

static const struct acpi_sdt *acpi_find(uint64_t rsdp_addr, const char *sig)
{
	const uint8_t *rsdp = (const void *)(uintptr_t)rsdp_addr;
	uint64_t xsdt_addr = 0;
	uint32_t rsdt_addr;
	const struct acpi_sdt *root;
	bool wide;

	memcpy(&rsdt_addr, rsdp + 16, 4);
	if (rsdp[15] >= 2)
		memcpy(&xsdt_addr, rsdp + 24, 8);
	root = acpi_table(xsdt_addr, "XSDT");
	wide = root != NULL;
	if (!root)
		root = acpi_table(rsdt_addr, "RSDT");
	if (!root)
		return NULL;
	size_t entry = wide ? 8 : 4, n = (root->length - sizeof(*root)) / entry;
	for (size_t i = 0; i < n; i++) {
		uint64_t addr = 0;

		memcpy(&addr, (const uint8_t *)(root + 1) + i * entry, entry);
		const struct acpi_sdt *t = acpi_table(addr, sig);
		if (t)
			return t;
	}
	return NULL;
}

const struct acpi_sdt *k_acpi_table(const char *signature)
{
	const struct k_bootinfo *bi = k_bootinfo();
	uint64_t rsdp = bi ? bi->acpi_rsdp : 0;

	if (!rsdp)
		rsdp = acpi_find_rsdp();
	return rsdp ? acpi_find(rsdp, signature) : NULL;
}

static uint32_t acpi_field32(const struct acpi_sdt *t, size_t off)
{
	uint32_t v = 0;

	if (off + 4 <= t->length)
		memcpy(&v, (const uint8_t *)t + off, 4);
	return v;
}

/* One AML data object at p: ZeroOp, OneOp, BytePrefix n. Returns -1 otherwise. */
static int aml_small_int(const uint8_t *p)
{
	if (p[0] == 0x00 || p[0] == 0x01)
		return p[0];
	if (p[0] == 0x0a)
		return p[1];
	return -1;
}

/* Find "Name(_S5_, Package() { typ_a, typ_b, ... })" in the DSDT (ACPI §7.4.2.5). */
static int acpi_s5_sleep_type(const struct acpi_sdt *dsdt)
{
	const uint8_t *aml = (const uint8_t *)(dsdt + 1);
	size_t len = dsdt->length - sizeof(*dsdt);

	for (size_t i = 1; i + 8 < len; i++) {
		if (memcmp(aml + i, "_S5_", 4) || aml[i + 4] != 0x12)	/* PackageOp */
			continue;
		if (aml[i - 1] != 0x08 && !(aml[i - 1] == '\\' && i >= 2 && aml[i - 2] == 0x08))
			continue;				/* not NameOp */
		/* PkgLength: bits 7..6 of the lead byte count the bytes that follow. */
		size_t p = i + 5 + 1 + (aml[i + 5] >> 6) + 1;	/* past NumElements */
		if (p + 2 > len)
			return -1;
		return aml_small_int(aml + p);
	}
	return -1;
}

static void acpi_write_gas(const struct acpi_gas *g, uint8_t v)
{
	if (g->space == 1 && g->address < 0x10000)
		outb((uint16_t)g->address, v);
	else if (g->space == 0 && g->address && g->address < LOW_4G) {
		/*
		 * Device registers are not in the direct map; before the page tables exist
		 * (-EAGAIN) the boot map covers all of the low 4 GiB.
		 */
		uintptr_t page = g->address & ~(uintptr_t)(K_ARCH_PAGE_SIZE - 1);
		int rc = k_arch_map(page, page, K_ARCH_PAGE_SIZE,
				    K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);

		if (rc && rc != -EAGAIN)
			return;
		*(volatile uint8_t *)(uintptr_t)g->address = v;
	}
}

void kvm_acpi_poweroff(uint64_t rsdp)
{
	const struct acpi_sdt *fadt, *dsdt;
	uint64_t dsdt_addr = 0;
	int typ;

	if (!rsdp)
		rsdp = acpi_find_rsdp();
	fadt = rsdp ? acpi_find(rsdp, "FACP") : NULL;
	if (!fadt)
		return;
	if (fadt->length >= FADT_X_DSDT + 8)
		memcpy(&dsdt_addr, (const uint8_t *)fadt + FADT_X_DSDT, 8);
	dsdt = acpi_table(dsdt_addr ? dsdt_addr : acpi_field32(fadt, FADT_DSDT), "DSDT");
	typ = dsdt ? acpi_s5_sleep_type(dsdt) : -1;
	if (typ < 0)
		return;
	if ((acpi_field32(fadt, FADT_FLAGS) & FADT_FLAG_HW_REDUCED) &&
	    fadt->length >= FADT_SLEEP_CONTROL + sizeof(struct acpi_gas)) {
		struct acpi_gas g;

		memcpy(&g, (const uint8_t *)fadt + FADT_SLEEP_CONTROL, sizeof(g));
		acpi_write_gas(&g, (uint8_t)(((typ & 7) << SLEEP_CTL_TYP_SHIFT) | SLEEP_CTL_SLP_EN));
		return;
	}
	uint32_t pm1a = acpi_field32(fadt, FADT_PM1A_CNT), pm1b = acpi_field32(fadt, FADT_PM1B_CNT);
	uint32_t smi = acpi_field32(fadt, FADT_SMI_CMD);

	if (!pm1a || pm1a > 0xffff)
		return;
	/* §4.8.2.1: hand the hardware from SMM to the OS first when that was not done. */
	if (smi && smi <= 0xffff && !(inw((uint16_t)pm1a) & PM1_SCI_EN)) {
		outb((uint16_t)smi, ((const uint8_t *)fadt)[FADT_ACPI_ENABLE]);
		for (int i = 0; i < 100000 && !(inw((uint16_t)pm1a) & PM1_SCI_EN); i++)
			;
	}
	outw((uint16_t)pm1a, (uint16_t)((typ << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN));
	if (pm1b && pm1b <= 0xffff)
		outw((uint16_t)pm1b, (uint16_t)((typ << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN));
}
