// SPDX-License-Identifier: BSD-3-Clause
/*
 * The PC's CMOS real-time clock (Motorola MC146818A, and the compatible clocks in PC
 * chipsets and QEMU), read once at boot to set the wall clock of keel/time.h. The RTC
 * is taken to hold UTC, which is QEMU's default (-rtc base=utc).
 *
 * Access is indirect: write a register index to port 0x70, then read port 0x71. On PC
 * chipsets bit 7 of the byte written to port 0x70 masks NMIs while set. The port is
 * write-only there, so the previous state cannot be read back and kept; Keel never
 * masks NMIs through it, and this driver always writes the bit clear (NMIs enabled,
 * as the firmware hands over and as Linux does). QEMU ignores the bit.
 */
#include <errno.h>
#include <string.h>
#include <keel/acpi.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/time.h>
#include "date.h"

#define CMOS_INDEX		0x70
#define CMOS_DATA		0x71
#define CMOS_NMI_MASK		0x80	/* index bit 7: never set here, see above */

/* Register indices (MC146818A data sheet, "Address map"). */
#define RTC_SEC			0x00
#define RTC_MIN			0x02
#define RTC_HOUR		0x04
#define RTC_MDAY		0x07
#define RTC_MON			0x08
#define RTC_YEAR		0x09
#define RTC_REG_A		0x0a
#define RTC_REG_B		0x0b
#define RTC_REG_D		0x0d
#define RTC_A_UIP		0x80	/* register A bit 7: update in progress */
#define RTC_D_VRT		0x80	/* register D bit 7: valid RAM and time */

/* ACPI 6.4 §5.2.9, table 5.9: FADT byte 108 is CENTURY, a CMOS RAM index (0: none). */
#define FADT_CENTURY		108

/*
 * UIP is set 244 us before an update and the update takes at most 1984 us (data sheet,
 * "Update cycle"). The wait counts reads, not time: boot must not measure the clock's
 * frequency for this. A port read takes 0.5 us or more (an ISA cycle on hardware, an
 * exit under a hypervisor), so 20000 reads cover 10 ms. A missing RTC reads 0xff,
 * so UIP never clears.
 */
#define UIP_WAIT_READS		20000
#define READ_TRIES		5

_Static_assert(sizeof(struct rtc_regs) == 8, "struct rtc_regs is compared with memcmp");

/* The index/data pair is one two-step access: keep others (and interrupts) out. */
static struct k_spinlock cmos_lock = K_SPINLOCK_INIT;

static uint8_t cmos_read(uint8_t index)
{
	unsigned long flags = k_spin_lock_irqsave(&cmos_lock);
	uint8_t v;

	outb(CMOS_INDEX, (uint8_t)(index & ~CMOS_NMI_MASK));
	v = inb(CMOS_DATA);
	k_spin_unlock_irqrestore(&cmos_lock, flags);
	return v;
}

/* The CMOS byte holding the century, from the FADT; 0 when there is none we can read. */
static uint8_t cmos_century_index(void)
{
	const struct acpi_sdt *fadt = k_acpi_table("FACP");
	uint8_t index;

	if (!fadt || fadt->length <= FADT_CENTURY)
		return 0;
	index = ((const uint8_t *)fadt)[FADT_CENTURY];
	/* Past the clock registers, and inside the 128 bytes port 0x70 can index. */
	if (index && (index <= RTC_REG_D || index & CMOS_NMI_MASK)) {
		k_debug("rtc: ignoring the FADT's century index 0x%02x\n", index);
		return 0;
	}
	return index;
}

/* Wait until no update is in progress; false if the RTC never says so. */
static bool cmos_wait_update(void)
{
	for (unsigned int i = 0; i < UIP_WAIT_READS; i++)
		if (!(cmos_read(RTC_REG_A) & RTC_A_UIP))
			return true;
	return false;
}

static bool cmos_read_regs(struct rtc_regs *r, uint8_t century)
{
	if (!cmos_wait_update())
		return false;
	r->sec = cmos_read(RTC_SEC);
	r->min = cmos_read(RTC_MIN);
	r->hour = cmos_read(RTC_HOUR);
	r->mday = cmos_read(RTC_MDAY);
	r->mon = cmos_read(RTC_MON);
	r->year = cmos_read(RTC_YEAR);
	r->century = century ? cmos_read(century) : 0;
	r->reg_b = cmos_read(RTC_REG_B);
	return true;
}

/*
 * An update may start while we read (or the clock may tick between two registers):
 * read until two reads in a row agree. -ENODEV when no RTC answers, -EAGAIN when the
 * reads keep changing.
 */
static int cmos_read_stable(struct rtc_regs *r, uint8_t century)
{
	struct rtc_regs prev;

	if (!cmos_read_regs(r, century))
		return -ENODEV;
	for (int i = 0; i < READ_TRIES; i++) {
		prev = *r;
		if (!cmos_read_regs(r, century))
			return -ENODEV;
		if (!memcmp(&prev, r, sizeof(prev)))
			return 0;
	}
	return -EAGAIN;
}

/* Read and check the time; on failure log one line saying why and return false. */
static bool cmos_read_date(struct rtc_date *d, uint8_t century)
{
	struct rtc_regs r;
	const char *bad;
	int rc = cmos_read_stable(&r, century);

	/* Normal on Firecracker-style VMs, so information rather than a warning. */
	if (rc == -ENODEV) {
		k_info("rtc: no CMOS RTC answers at ports 0x70/0x71 (register A reads 0x%02x, "
		       "update never ends); the wall clock is unknown\n", cmos_read(RTC_REG_A));
		return false;
	}
	if (rc) {
		k_warn("rtc: the CMOS RTC's time changed in %d reads in a row; "
		       "the wall clock is unknown\n", READ_TRIES + 1);
		return false;
	}
	if (!(cmos_read(RTC_REG_D) & RTC_D_VRT)) {
		k_warn("rtc: the CMOS RTC lost power (register D: time not valid); "
		       "the wall clock is unknown\n");
		return false;
	}
	bad = rtc_regs_decode(&r, century, d);
	if (bad) {
		k_warn("rtc: the CMOS RTC holds an invalid %s (time %02x:%02x:%02x date "
		       "%02x-%02x-%02x century %02x B %02x); the wall clock is unknown\n", bad,
		       r.hour, r.min, r.sec, r.year, r.mon, r.mday, r.century, r.reg_b);
		return false;
	}
	return true;
}

static void cmos_log_date(const struct rtc_date *d, uint64_t secs, uint8_t century)
{
	if (century)
		k_debug("rtc: %04u-%02u-%02u %02u:%02u:%02u UTC = %lu s since 1970 (century "
			"from CMOS 0x%02x)\n", d->year, d->mon, d->mday, d->hour, d->min,
			d->sec, (unsigned long)secs, century);
	else
		k_debug("rtc: %04u-%02u-%02u %02u:%02u:%02u UTC = %lu s since 1970 (no "
			"century register: 20xx)\n", d->year, d->mon, d->mday, d->hour, d->min,
			d->sec, (unsigned long)secs);
}

/* Whole seconds: the time set lags the true time by less than one second. */
static int rtc_cmos_init(void)
{
	uint8_t century = cmos_century_index();
	struct rtc_date d;
	uint64_t secs, counter;

	if (!cmos_read_date(&d, century))
		return 0;
	counter = k_arch_counter();
	secs = rtc_date_to_epoch(&d);
	k_wallclock_set_at(secs * K_NSEC_PER_SEC, counter);
	cmos_log_date(&d, secs, century);
	return 0;
}
K_INIT(rtc_cmos_init, K_INIT_DRIVER, 10);
