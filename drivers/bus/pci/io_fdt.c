// SPDX-License-Identifier: BSD-3-Clause
/*
 * I/O space on a device-tree host bridge: the "ranges" entry of space code 01 (IEEE 1275
 * PCI binding §2.2.1.1) places the bus's ports in CPU memory, port p at the window's
 * CPU address + (p - the window's first port). host_fdt.c maps the window (device
 * memory) when it adds the root; accesses are single loads and stores of their width.
 *
 * On x86 an in/out instruction waits for earlier memory accesses, and drivers written
 * against k_pci_io_* may count on that (fill a buffer, then write the port that tells
 * the device to read it). A store to device memory on arm64 is not ordered after
 * stores to normal memory (Arm ARM B2.3), so a barrier for the outer-shareable domain,
 * where the device is, goes before each write and after each read.
 */
#include <keel/compiler.h>
#include "host_fdt.h"

#ifdef __aarch64__
#define io_barrier()	__asm__ volatile("dmb osh" ::: "memory")
#else
#define io_barrier()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

/* The window's CPU address of port, or NULL when port..port + size - 1 is outside it. */
static volatile uint8_t *io_addr(const struct k_pci_dev *dev, uint64_t port, unsigned int size)
{
	for (unsigned int i = 0; i < pci_fdt_nhosts; i++) {
		const struct pci_fdt_host *h = &pci_fdt_hosts[i];

		if (h->segment != dev->segment || !h->io_size)
			continue;
		if (port < h->io_pci || h->io_size < size || port - h->io_pci > h->io_size - size)
			return NULL;
		return (volatile uint8_t *)(uintptr_t)(h->io_cpu + (port - h->io_pci));
	}
	return NULL;
}

uint32_t pci_host_io_read(const struct k_pci_dev *dev, uint64_t port, unsigned int size)
{
	volatile uint8_t *p = io_addr(dev, port, size);
	uint32_t v;

	if (!p)
		return 0xffffffffu;
	switch (size) {
	case 1: v = *p; break;
	case 2: v = *(volatile uint16_t *)p; break;
	default: v = *(volatile uint32_t *)p; break;
	}
	io_barrier();
	return v;
}

void pci_host_io_write(const struct k_pci_dev *dev, uint64_t port, unsigned int size, uint32_t v)
{
	volatile uint8_t *p = io_addr(dev, port, size);

	if (!p)
		return;
	io_barrier();
	switch (size) {
	case 1: *p = (uint8_t)v; break;
	case 2: *(volatile uint16_t *)p = (uint16_t)v; break;
	default: *(volatile uint32_t *)p = v; break;
	}
}
