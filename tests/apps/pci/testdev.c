// SPDX-License-Identifier: BSD-3-Clause
/*
 * I/O BARs through k_pci_io_*: QEMU's pci-testdev (1b36:0005), whose BARs start with a
 * header (QEMU docs/specs/pci-testdev): byte 0 selects a test (write), byte 1 is its
 * access width, +4 the offset to write at, +8 the value, +12 how many writes it counted,
 * +16 its name. Test 0 ("no-eventfd") counts every write of the right width at the
 * offset, so 16 writes through the I/O accessor must read back as a count of 16, and
 * selecting the test again sets the count to 0. Accesses outside the BAR, unaligned,
 * or to a memory BAR must read all-ones.
 */
#include <stdio.h>
#include "pciapp.h"

#define TD_TEST		0
#define TD_WIDTH	1
#define TD_OFFSET	4
#define TD_DATA		8
#define TD_COUNT	12
#define TD_NAME		16
#define TD_NAME_MAX	32
#define TD_WRITES	16

static int io_bar(const struct k_pci_dev *dev)
{
	for (int i = 0; i < 6; i++)
		if (dev->bar[i].size && (dev->bar[i].flags & K_PCI_BAR_IO))
			return i;
	return -1;
}

static void td_write(struct k_pci_dev *dev, unsigned int bar, unsigned int width,
		     unsigned int off, uint32_t v)
{
	if (width == 1)
		k_pci_io_write8(dev, bar, off, (uint8_t)v);
	else if (width == 2)
		k_pci_io_write16(dev, bar, off, (uint16_t)v);
	else
		k_pci_io_write32(dev, bar, off, v);
}

/* The refusals: all-ones outside the BAR, unaligned, and on a memory BAR. */
static bool td_refusals(struct k_pci_dev *dev, unsigned int bar)
{
	unsigned int size = (unsigned int)dev->bar[bar].size;
	bool ok = k_pci_io_read32(dev, bar, size) == 0xffffffffu &&
		  k_pci_io_read16(dev, bar, size - 1) == 0xffff &&
		  k_pci_io_read32(dev, bar, TD_OFFSET + 1) == 0xffffffffu &&
		  k_pci_io_read8(dev, 6, 0) == 0xff;

	for (unsigned int i = 0; i < 6; i++)
		if (dev->bar[i].size && !(dev->bar[i].flags & K_PCI_BAR_IO))
			ok &= k_pci_io_read32(dev, i, 0) == 0xffffffffu;
	return ok;
}

static int testdev_one(struct k_pci_dev *dev)
{
	int bar = io_bar(dev);
	char name[TD_NAME_MAX + 1];
	unsigned int width, off, count0, count;
	uint32_t data;

	if (bar < 0) {
		printf("pciapp: testdev %s: no I/O BAR: FAIL\n", dev->name);
		return 1;
	}
	k_pci_enable(dev);
	k_pci_io_write8(dev, (unsigned int)bar, TD_TEST, 0);
	width = k_pci_io_read8(dev, (unsigned int)bar, TD_WIDTH);
	off = k_pci_io_read32(dev, (unsigned int)bar, TD_OFFSET);
	data = k_pci_io_read32(dev, (unsigned int)bar, TD_DATA);
	count0 = k_pci_io_read32(dev, (unsigned int)bar, TD_COUNT);
	for (unsigned int i = 0; i < TD_NAME_MAX; i++)
		name[i] = (char)k_pci_io_read8(dev, (unsigned int)bar, TD_NAME + i);
	name[TD_NAME_MAX] = '\0';
	if ((width != 1 && width != 2 && width != 4) || off >= dev->bar[bar].size) {
		printf("pciapp: testdev %s: BAR%d test 0 reads width %u offset 0x%x: FAIL\n",
		       dev->name, bar, width, off);
		return 1;
	}
	for (unsigned int i = 0; i < TD_WRITES; i++)
		td_write(dev, (unsigned int)bar, width, off, data);
	count = k_pci_io_read32(dev, (unsigned int)bar, TD_COUNT);
	printf("pciapp: testdev %s: BAR%d io 0x%llx: test 0 '%s' width %u offset 0x%x, count %u then %u after %u writes\n",
	       dev->name, bar, (unsigned long long)dev->bar[bar].addr, name, width, off, count0,
	       count, TD_WRITES);
	/* Selecting the test again resets its count. */
	k_pci_io_write8(dev, (unsigned int)bar, TD_TEST, 0);
	if (count0 != 0 || count != TD_WRITES ||
	    k_pci_io_read32(dev, (unsigned int)bar, TD_COUNT) != 0) {
		printf("pciapp: testdev-io %s: FAIL\n", dev->name);
		return 1;
	}
	if (!td_refusals(dev, (unsigned int)bar)) {
		printf("pciapp: testdev-io %s: an out-of-range access did not read all-ones: FAIL\n",
		       dev->name);
		return 1;
	}
	printf("pciapp: testdev-io %s: ok\n", dev->name);
	return 0;
}

int testdev_io_test(unsigned int *found)
{
	int fail = 0;

	*found = 0;
	for (unsigned int n = 0; n < k_pci_count(); n++) {
		struct k_pci_dev *dev = k_pci_get(n);

		if (dev->vendor_id != TESTDEV_VENDOR || dev->device_id != TESTDEV_DEVICE)
			continue;
		(*found)++;
		fail += testdev_one(dev);
	}
	return fail;
}
