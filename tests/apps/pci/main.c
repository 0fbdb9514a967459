// SPDX-License-Identifier: BSD-3-Clause
/*
 * pci: what the PCI bus driver found, for tests/suites/60-pci.sh. Always lists every
 * function ("pciapp: fn ...") and checks every memory BAR (plausible size and address,
 * mapped and readable). Arguments add checks:
 *	expect=VVVV:DDDD,msix=N[,bridged]	such a function exists (behind a bridge)
 *					with an MSI-X table of N entries
 *	rng-irq				every virtio-rng gets a buffer filled, with the
 *					interrupt that announces it (MSI-X, or INTx)
 *	drivers				driver registration before and after enumeration
 *	testdev-io			every pci-testdev's I/O BAR works through
 *					k_pci_io_* (testdev.c)
 *	edu-irq				every edu's interrupt arrives (MSI, else INTx;
 *					edu.c)
 * Prints "pciapp: N failures" and exits with N.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <keel/init.h>
#include "pciapp.h"

static unsigned int failures;

static void result(bool ok, const char *what, const char *name)
{
	printf("pciapp: %s %s: %s\n", what, name, ok ? "ok" : "FAIL");
	failures += !ok;
}

/* A memory BAR: a power of two, aligned, in the physical address space, readable. */
static bool bar_plausible(struct k_pci_dev *dev, unsigned int i)
{
	struct k_pci_bar *b = &dev->bar[i];
	volatile uint32_t *p;

	if (b->size < 16 || (b->size & (b->size - 1)) || !b->addr || (b->addr & (b->size - 1)) ||
	    b->addr + b->size > (1ull << 40))
		return false;
	p = k_pci_bar_map(dev, i);
	if (!p || p != b->virt || k_pci_bar_map(dev, i) != p)
		return false;
	(void)*p;
	return true;
}

static void list_and_check_bars(void)
{
	for (unsigned int n = 0; n < k_pci_count(); n++) {
		struct k_pci_dev *dev = k_pci_get(n);
		char bars[128] = "";
		size_t len = 0;
		bool ok = true;

		k_pci_enable(dev);
		for (unsigned int i = 0; i < 6; i++) {
			struct k_pci_bar *b = &dev->bar[i];

			if (!b->size)
				continue;
			len += (size_t)snprintf(bars + len, sizeof(bars) - len, " %u:%s:0x%llx", i,
					b->flags & K_PCI_BAR_IO ? "io" :
					b->flags & K_PCI_BAR_MEM64 ? "mem64" : "mem",
					(unsigned long long)b->size);
			if (!(b->flags & K_PCI_BAR_IO) && !bar_plausible(dev, i)) {
				printf("pciapp: %s BAR%u 0x%llx+0x%llx is implausible or unreadable\n",
				       dev->name, i, (unsigned long long)b->addr,
				       (unsigned long long)b->size);
				ok = false;
			}
		}
		printf("pciapp: fn %s %04x:%04x class %02x.%02x bars%s msix %u\n", dev->name,
		       dev->vendor_id, dev->device_id, dev->class_code, dev->subclass, bars,
		       dev->msix_cap ? dev->msix_count : 0);
		result(ok, "bars", dev->name);
	}
}

/* expect=VVVV:DDDD,msix=N[,bridged] */
static void check_expect(const char *spec)
{
	bool bridged = strstr(spec, ",bridged") != NULL;
	char *end;
	unsigned long vendor = strtoul(spec, &end, 16), device = 0, msix = 0;
	bool parsed = *end == ':';

	if (parsed)
		device = strtoul(end + 1, &end, 16);
	parsed = parsed && !strncmp(end, ",msix=", 6);
	if (parsed)
		msix = strtoul(end + 6, &end, 10);
	if (!parsed) {
		result(false, "expect (bad argument)", spec);
		return;
	}
	for (unsigned int n = 0; n < k_pci_count(); n++) {
		struct k_pci_dev *dev = k_pci_get(n);

		if (dev->vendor_id != vendor || dev->device_id != device ||
		    bridged != (dev->bus != 0))
			continue;
		printf("pciapp: found %04lx:%04lx at %s, MSI-X cap 0x%x, table size %u\n", vendor,
		       device, dev->name, dev->msix_cap, dev->msix_count);
		result(dev->msix_cap && dev->msix_count == msix &&
		       k_pci_cap_find(dev, K_PCI_CAP_MSIX, 0) == dev->msix_cap, "expect", spec);
		return;
	}
	result(false, "expect (not found)", spec);
}

static void rng_irq_all(void)
{
	unsigned int found = 0;

	for (unsigned int n = 0; n < k_pci_count(); n++) {
		struct k_pci_dev *dev = k_pci_get(n);

		if (dev->vendor_id != VIRTIO_VENDOR || (dev->device_id != VIRTIO_RNG_MODERN &&
							dev->device_id != VIRTIO_RNG_LEGACY))
			continue;
		found++;
		failures += (unsigned int)rng_irq_test(dev);
	}
	result(found > 0, "rng-irq", "(a virtio-rng was found)");
}

/* Drivers: "early" registers before enumeration and takes rngs on bus 0 only; "late"
 * registers after it and takes the rest, never those already taken. */
static const struct k_pci_id rng_ids[] = { { VIRTIO_VENDOR, VIRTIO_RNG_MODERN }, { 0, 0 } };
static const struct k_pci_id any_rng_ids[] = { { K_PCI_ANY_ID, VIRTIO_RNG_MODERN }, { 0, 0 } };
static unsigned int early_probes, late_probes, late_saw_taken;

static int early_probe(struct k_pci_dev *dev, const struct k_pci_id *id)
{
	early_probes++;
	return id == &rng_ids[0] && dev->bus == 0 ? 0 : -ENODEV;
}

static int late_probe(struct k_pci_dev *dev, const struct k_pci_id *id)
{
	(void)id;
	late_probes++;
	late_saw_taken += dev->driver != NULL;
	return 0;
}

static struct k_pci_driver early = { "pciapp-early", rng_ids, early_probe, { 0 } };
static struct k_pci_driver late = { "pciapp-late", any_rng_ids, late_probe, { 0 } };

static int early_register(void)
{
	return k_pci_driver_register(&early);
}
K_INIT(early_register, K_INIT_BUS, 50);

static int late_register(void)
{
	return k_pci_driver_register(&late);
}
K_INIT(late_register, K_INIT_DRIVER, 50);

static void check_drivers(void)
{
	unsigned int rngs = 0, bad = 0;

	for (unsigned int n = 0; n < k_pci_count(); n++) {
		struct k_pci_dev *dev = k_pci_get(n);

		if (dev->vendor_id != VIRTIO_VENDOR || dev->device_id != VIRTIO_RNG_MODERN)
			continue;
		rngs++;
		bad += dev->driver != (dev->bus == 0 ? &early : &late);
	}
	printf("pciapp: drivers: %u rngs, early probed %u, late probed %u (%u already taken)\n",
	       rngs, early_probes, late_probes, late_saw_taken);
	result(rngs && !bad && early_probes == rngs && late_probes + 1 == rngs &&
	       !late_saw_taken, "drivers", "(early and late registration)");
}

static void check_testdev(void)
{
	unsigned int found;

	failures += (unsigned int)testdev_io_test(&found);
	result(found > 0, "testdev-io", "(a pci-testdev was found)");
}

static void check_edu(void)
{
	unsigned int found;

	failures += (unsigned int)edu_irq_test(&found);
	result(found > 0, "edu-irq", "(an edu was found)");
}

int main(int argc, char **argv)
{
	printf("pciapp: %u functions\n", k_pci_count());
	list_and_check_bars();
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "expect=", 7))
			check_expect(argv[i] + 7);
		else if (!strcmp(argv[i], "rng-irq"))
			rng_irq_all();
		else if (!strcmp(argv[i], "drivers"))
			check_drivers();
		else if (!strcmp(argv[i], "testdev-io"))
			check_testdev();
		else if (!strcmp(argv[i], "edu-irq"))
			check_edu();
		else
			result(false, "unknown argument", argv[i]);
	}
	printf("pciapp: %u failures\n", failures);
	return (int)failures;
}
