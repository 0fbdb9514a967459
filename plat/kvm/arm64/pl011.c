// SPDX-License-Identifier: BSD-3-Clause
/*
 * The console on an Arm PL011 UART, polled (PrimeCell UART (PL011) Technical Reference
 * Manual, r1p5, §3.2: register summary). The UART is the device tree's stdout-path,
 * else its first "arm,pl011" node.
 */
#include <string.h>
#include <keel/arch.h>
#include <keel/arm64/mmu.h>
#include <keel/fdt.h>
#include <keel/plat.h>
#include "kvm.h"

#define UART_DR		0x000	/* data */
#define UART_FR		0x018	/* flags */
#define UART_LCR_H	0x02c	/* line control */
#define UART_CR		0x030	/* control */
#define UART_IMSC	0x038	/* interrupt mask set/clear */
#define FR_TXFF		(1u << 5)	/* transmit FIFO full */
#define LCR_H_FEN	(1u << 4)	/* FIFOs on */
#define LCR_H_WLEN8	(3u << 5)	/* 8 data bits */
#define CR_UARTEN	(1u << 0)
#define CR_TXE		(1u << 8)
#define CR_RXE		(1u << 9)

static volatile uint8_t *uart;

/* The node stdout-path names ("/pl011@9000000" or "serial0:115200n8"), if a PL011. */
static int pl011_stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;
	const char *path = chosen >= 0 ? k_fdt_string(fdt, chosen, "stdout-path") : NULL;

	if (!path)
		return -1;
	node = fdt_path_offset_namelen(fdt, path, (int)strcspn(path, ":"));
	if (node < 0 || fdt_node_check_compatible(fdt, node, "arm,pl011"))
		return -1;
	return node;
}

void kvm_pl011_init(const void *fdt)
{
	int node = pl011_stdout_node(fdt);
	uint64_t base, size;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
	if (node < 0 || k_fdt_reg(fdt, node, 0, &base, &size) || size < 0x1000)
		return;
	if (arm64_mmu_boot_device(base, size))
		return;
	uart = (volatile uint8_t *)(uintptr_t)base;
	/* Keep a UART the firmware set up; start one nobody did, at its current rate. */
	arm64_mmio_write32(uart + UART_IMSC, 0);
	if (!(arm64_mmio_read32(uart + UART_CR) & CR_UARTEN)) {
		arm64_mmio_write32(uart + UART_LCR_H, LCR_H_FEN | LCR_H_WLEN8);
		arm64_mmio_write32(uart + UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
	}
}

static void pl011_putc(char c)
{
	/* Bounded wait: a UART that never drains must not hang a panic report. */
	for (int i = 0; i < 100000 && (arm64_mmio_read32(uart + UART_FR) & FR_TXFF); i++)
		;
	arm64_mmio_write32(uart + UART_DR, (uint8_t)c);
}

void plat_console_write(const char *buf, size_t len)
{
	if (!uart)
		return;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			pl011_putc('\r');
		pl011_putc(buf[i]);
	}
}
