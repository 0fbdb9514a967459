// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-mmio windows from the device tree: every "virtio,mmio" node with a "reg" window
 * and an "interrupts" entry (the virtio,mmio binding: one register window, at least the
 * 0x100 bytes of registers, and one interrupt), unless its status says it is disabled. The interrupt specifier is translated by the interrupt
 * parent's binding (keel/fdt.h: GIC SPI n is line 32 + n), so the window carries the
 * controller's line and trigger, not an ISA IRQ.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <libfdt.h>
#include <keel/fdt.h>
#include <keel/print.h>
#include "mmio.h"

/* A window already given (by virtio_mmio.device= too) is kept once. */
static bool mmio_known(uint64_t base)
{
	for (unsigned int i = 0; i < mmio_nwindows; i++)
		if (mmio_windows[i].base == base)
			return true;
	return false;
}

static void mmio_fdt_node(const void *fdt, int node)
{
	struct mmio_window w = { .irq_is_line = true };
	int rc = k_fdt_reg(fdt, node, 0, &w.base, &w.size);

	if (rc || w.size < MMIO_WINDOW_MIN || w.size > MMIO_WINDOW_MAX || !w.base) {
		k_warn("virtio-mmio: %s: no usable reg window (%d); ignored\n",
		       fdt_get_name(fdt, node, NULL), rc);
		return;
	}
	rc = k_fdt_irq(fdt, node, 0, &w.irq, &w.irq_flags);
	if (rc) {
		k_warn("virtio-mmio: %s: interrupts not understood (%d); ignored\n",
		       fdt_get_name(fdt, node, NULL), rc);
		return;
	}
	if (mmio_known(w.base))
		return;
	if (mmio_nwindows == MMIO_DEVICES_MAX) {
		k_warn("virtio-mmio: more than %u windows; %s ignored\n", MMIO_DEVICES_MAX,
		       fdt_get_name(fdt, node, NULL));
		return;
	}
	mmio_windows[mmio_nwindows++] = w;
}

/*
 * QEMU's virt machine puts the first -device in the transport with the highest address
 * (as microvm does): windows from first..mmio_nwindows are ordered highest first, so
 * devices are numbered in command-line order, as with virtio_mmio.device= on microvm.
 */
static void mmio_sort_descending(unsigned int first)
{
	for (unsigned int i = first + 1; i < mmio_nwindows; i++) {
		struct mmio_window w = mmio_windows[i];
		unsigned int j = i;

		for (; j > first && mmio_windows[j - 1].base < w.base; j--)
			mmio_windows[j] = mmio_windows[j - 1];
		mmio_windows[j] = w;
	}
}

void mmio_fdt_windows(void)
{
	const void *fdt = k_fdt();
	unsigned int first = mmio_nwindows;
	int node;

	if (!fdt)
		return;
	for (node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio")) {
		const char *status = k_fdt_string(fdt, node, "status");

		if (!status || !strcmp(status, "okay") || !strcmp(status, "ok"))
			mmio_fdt_node(fdt, node);
	}
	mmio_sort_descending(first);
}
