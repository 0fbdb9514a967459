/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-mmio: the windows given on the command line (mmio_param.c) or found in the
 * device tree (mmio_fdt.c).
 */
#ifndef VIRTIO_MMIO_H
#define VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>

/* QEMU's arm64 virt machine describes 32 transports, most of them empty. */
#define MMIO_DEVICES_MAX	32
#define MMIO_WINDOW_MIN		0x100		/* the registers (§4.2.2) */
#define MMIO_WINDOW_MAX		(1ull << 30)

struct mmio_window {
	uint64_t base, size;
	unsigned int irq;
	/* From the device tree: irq is the interrupt controller's line, with these flags. */
	bool irq_is_line;
	unsigned int irq_flags;
};

extern struct mmio_window mmio_windows[MMIO_DEVICES_MAX];
extern unsigned int mmio_nwindows;

#ifdef CONFIG_LIBFDT
void mmio_fdt_windows(void);
#else
static inline void mmio_fdt_windows(void)
{
}
#endif

#endif /* VIRTIO_MMIO_H */
