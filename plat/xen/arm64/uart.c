// SPDX-License-Identifier: BSD-3-Clause
/*
 * Early output on arm64: Xen's vuart, an SBSA generic UART (Arm Server Base System
 * Architecture, appendix B: the PL011 subset with data and flag registers) that a
 * domain has when its xl config says vuart = "sbsa_uart"; the device tree names it
 * "arm,sbsa-uart". Outside Xen, a PL011 of the tree takes its place, so that the
 * image can say it is not running under Xen. Polled, output only.
 */
#include <keel/arch.h>
#include <keel/arm64/mmu.h>
#include <keel/fdt.h>
#include "../xenplat.h"
#include "arm64plat.h"

#define UART_DR		0x000		/* data */
#define UART_FR		0x018		/* flags */
#define FR_TXFF		(1u << 5)	/* transmit FIFO full */

static volatile uint8_t *uart;

void xen_arm64_uart_init(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,sbsa-uart");
	uint64_t base, size;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
	if (node < 0 || k_fdt_reg(fdt, node, 0, &base, &size) || size < 0x1000)
		return;
	/* Device memory in the boot map (below 1 GiB) and, through this, in the final one. */
	if (arm64_mmu_boot_device(base, size))
		return;
	uart = (volatile uint8_t *)(uintptr_t)base;
}

static void uart_putc(char c)
{
	/* Bounded: a UART that never drains must not hang a panic report. */
	for (int i = 0; i < 100000 && (arm64_mmio_read32(uart + UART_FR) & FR_TXFF); i++)
		;
	arm64_mmio_write32(uart + UART_DR, (uint8_t)c);
}

void xen_debug_write(const char *buf, size_t len)
{
	if (!uart)
		return;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			uart_putc('\r');
		uart_putc(buf[i]);
	}
}
