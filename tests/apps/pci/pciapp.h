/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PCIAPP_H
#define PCIAPP_H

#include <keel/pci.h>

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_RNG_MODERN	0x1044
#define VIRTIO_RNG_LEGACY	0x1005

/* Checks one virtio-rng function end to end through its interrupt; 0 or 1 (a failure). */
int rng_irq_test(struct k_pci_dev *dev);

#endif /* PCIAPP_H */
