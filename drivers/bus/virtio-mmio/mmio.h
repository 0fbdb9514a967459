/* SPDX-License-Identifier: BSD-3-Clause */
/* virtio-mmio: the windows given on the command line (mmio_param.c). */
#ifndef VIRTIO_MMIO_H
#define VIRTIO_MMIO_H

#include <stdint.h>

#define MMIO_DEVICES_MAX	16
#define MMIO_WINDOW_MIN		0x100		/* the registers (§4.2.2) */
#define MMIO_WINDOW_MAX		(1ull << 30)

struct mmio_window {
	uint64_t base, size;
	unsigned int irq;
};

extern struct mmio_window mmio_windows[MMIO_DEVICES_MAX];
extern unsigned int mmio_nwindows;

#endif /* VIRTIO_MMIO_H */
