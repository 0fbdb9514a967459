// SPDX-License-Identifier: BSD-3-Clause
/*
 * threads: a real device interrupt end to end. The CMOS RTC's periodic interrupt (ISA
 * IRQ 8, MC146818 data sheet: register A rate select, register B PIE, register C
 * flags read to acknowledge) through the IOAPIC to a k_irq_register handler, which
 * hands work to the kworker thread.
 */
#include <keel/arch.h>
#include <keel/cpu.h>
#include <keel/irq.h>
#include <keel/sync.h>
#include <keel/thread.h>
#include <keel/time.h>
#include <keel/work.h>
#include "check.h"

#ifdef __x86_64__
#define RTC_INDEX	0x70
#define RTC_DATA	0x71
#define RTC_REG_A	0x0a
#define RTC_REG_B	0x0b
#define RTC_REG_C	0x0c
#define RTC_B_PIE	0x40
#define RTC_RATE_1024HZ	6		/* 32768 >> (rate - 1) */
#define RTC_C_PF	0x40
#define NMI_OFF		0x80		/* keep NMIs masked while the index is set */

static volatile unsigned int ticks, ticks_outside_irq;
static volatile unsigned int works;

static uint8_t rtc_read(uint8_t reg)
{
	outb(RTC_INDEX, NMI_OFF | reg);
	return inb(RTC_DATA);
}

static void rtc_write(uint8_t reg, uint8_t v)
{
	outb(RTC_INDEX, NMI_OFF | reg);
	outb(RTC_DATA, v);
}

static void tick_work(struct k_work *w)
{
	(void)w;
	works++;
}

static struct k_work work = K_WORK_INIT(work, tick_work);

static int rtc_irq(void *arg)
{
	(void)arg;
	/* Reading C acknowledges; without PF set it was not our periodic interrupt. */
	if (!(rtc_read(RTC_REG_C) & RTC_C_PF))
		return K_IRQ_NONE;
	ticks++;
	ticks_outside_irq += !k_in_irq();
	if (ticks % 16 == 0)
		k_work_submit(&work);
	return K_IRQ_HANDLED;
}

static void rtc_periodic(bool on)
{
	unsigned long irqf = k_arch_irq_save();
	uint8_t b = rtc_read(RTC_REG_B);

	if (on)
		rtc_write(RTC_REG_A, (rtc_read(RTC_REG_A) & 0xf0) | RTC_RATE_1024HZ);
	rtc_write(RTC_REG_B, on ? b | RTC_B_PIE : b & ~RTC_B_PIE);
	rtc_read(RTC_REG_C);
	k_arch_irq_restore(irqf);
}

/* A handler that breaks the rules: blocking in interrupt context must stop the image. */
static struct k_mutex irq_mutex = K_MUTEX_INIT(irq_mutex, 0);

static int rtc_irq_blocks(void *arg)
{
	(void)arg;
	rtc_read(RTC_REG_C);
	k_mutex_lock(&irq_mutex);
	return K_IRQ_HANDLED;
}

void test_irq_block(void)
{
	unsigned int flags = 0;
	int line = k_irq_isa(8, &flags);

	if (line < 0 || k_irq_register((unsigned int)line, rtc_irq_blocks, NULL, "rtc-bad",
				       flags)) {
		check("irq-block", false, "cannot register the handler");
		return;
	}
	rtc_periodic(true);
	k_sleep_ns(100 * K_NSEC_PER_MSEC);
	rtc_periodic(false);
	check("irq-block", false, "the handler blocked and nothing stopped it");
}

void test_irq(void)
{
	unsigned int flags = 0, t, w;
	int line = k_irq_isa(8, &flags), rc;

	check("irq-isa-line", line >= 0, "ISA IRQ 8 is line %d (flags 0x%x)", line, flags);
	if (line < 0)
		return;
	ticks = works = ticks_outside_irq = 0;
	rc = k_irq_register((unsigned int)line, rtc_irq, NULL, "rtc-test", flags);
	check("irq-register", rc == 0, "rc %d", rc);
	rc = k_irq_register((unsigned int)line, rtc_irq, NULL, "again", flags);
	check("irq-register-busy", rc == -16, "rc %d (want -EBUSY)", rc);
	rtc_periodic(true);
	k_sleep_ns(100 * K_NSEC_PER_MSEC);
	rtc_periodic(false);
	k_sleep_ns(2 * K_NSEC_PER_MSEC);	/* let the last work item run */
	t = ticks;
	w = works;
	/* 1024 Hz for 100 ms is about 102; TCG may deliver late or coalesce. */
	check("irq-rtc-periodic", t >= 20 && t <= 400 && ticks_outside_irq == 0,
	      "%u interrupts in 100 ms, counted by the line: %lu", t,
	      (unsigned long)k_irq_count((unsigned int)line));
	check("irq-deferred-work", w >= t / 16 - 1 && w <= t / 16 && w > 0,
	      "%u work runs for %u interrupts", w, t);
	rc = k_irq_unregister((unsigned int)line, rtc_irq, NULL);
	check("irq-unregister", rc == 0 && k_irq_unregister((unsigned int)line, rtc_irq, NULL) < 0,
	      "rc %d", rc);
}
#else
/* The device these tests drive is the PC's RTC; other architectures skip them. */
void test_irq_block(void)
{
	check("irq-block", false, "no CMOS RTC on this architecture");
}

void test_irq(void)
{
	check("irq-isa-line", k_irq_isa(8, &(unsigned int){ 0 }) < 0,
	      "an ISA IRQ on an architecture without ISA");
}
#endif
