/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PCIAPP_H
#define PCIAPP_H

#include <keel/pci.h>

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_RNG_MODERN	0x1044
#define VIRTIO_RNG_LEGACY	0x1005

#define TESTDEV_VENDOR		0x1b36	/* QEMU's pci-testdev */
#define TESTDEV_DEVICE		0x0005
#define EDU_VENDOR		0x1234	/* QEMU's edu */
#define EDU_DEVICE		0x11e8

/* Checks one virtio-rng function end to end through its interrupt; 0 or 1 (a failure). */
int rng_irq_test(struct k_pci_dev *dev);
/* Every pci-testdev's I/O BAR through k_pci_io_*; the failures, *found the devices. */
int testdev_io_test(unsigned int *found);
/* Every edu's interrupt (MSI, else INTx) raised three times; the failures, *found. */
int edu_irq_test(unsigned int *found);

#endif /* PCIAPP_H */
