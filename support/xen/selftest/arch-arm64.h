/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The self-test guest on arm64: hypercalls are HVC #0xEA1 with the number in x16 and
 * the arguments in x0-x4 (xen/include/public/arch-arm.h); the command line is the device
 * tree's /chosen/bootargs; early output goes to the emulated SBSA UART (vpl011) when the
 * domain has one (xl's vuart = "sbsa_uart": libxl adds a node "sbsa-pl011", compatible
 * "arm,sbsa-uart", whose reg is its address).
 * The guest runs with its MMU off, so every access is a Device access: naturally aligned
 * only (built with -mstrict-align). That is enough under QEMU's TCG, which keeps no
 * caches; on hardware the shared rings would want cacheable mappings (arch-arm.h).
 */
#include <stdint.h>

static long hypercall2(int nr, unsigned long a1, unsigned long a2)
{
	register unsigned long x0 asm("x0") = a1;
	register unsigned long x1 asm("x1") = a2;
	register unsigned long x16 asm("x16") = nr;

	asm volatile("hvc #0xea1"
		     : "+r"(x0), "+r"(x1), "+r"(x16)
		     :
		     : "x2", "x3", "x4", "memory");
	return (long)x0;
}

/* Ring contents before the index that publishes them (arch-arm.h: inner shareable). */
static inline void wmb(void)
{
	asm volatile("dmb ish" : : : "memory");
}

static inline void *phys(uint64_t addr)
{
	return (void *)(uintptr_t)addr;
}

/* The SBSA UART's data register (offset 0) and flag register (0x18, bit 5 TX full). */
static volatile uint32_t *uart;

static void early_puts(const char *s)
{
	if (!uart)
		return;
	for (; *s; s++) {
		while (uart[0x18 / 4] & (1 << 5))
			;
		uart[0] = (uint8_t)*s;
	}
}

/* Device tree (devicetree specification, chapter 5): big-endian, tokens 4-aligned. */
#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4

static uint32_t be32(const void *p)
{
	uint32_t v = *(const uint32_t *)p;

	return __builtin_bswap32(v);
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static int starts_with(const char *s, const char *prefix)
{
	while (*prefix && *s == *prefix)
		s++, prefix++;
	return !*prefix;
}

/*
 * /chosen/bootargs, and the SBSA UART's address into uart: the first cell pair of its
 * reg (a guest's root node has #address-cells = 2).
 */
static const char *fdt_scan(const uint8_t *fdt)
{
	const uint8_t *p = fdt + be32(fdt + 8);
	const char *strings = (const char *)fdt + be32(fdt + 12), *bootargs = "";
	int depth = 0, in_chosen = 0, in_uart = 0;

	for (;;) {
		uint32_t tok = be32(p), len;
		const char *name;

		p += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			name = (const char *)p;
			depth++;
			in_chosen = depth == 2 && str_eq(name, "chosen");
			in_uart = depth == 2 && starts_with(name, "sbsa-pl011");
			while (*p)
				p++;
			p = (const uint8_t *)(((uintptr_t)p + 4) & ~(uintptr_t)3);
			break;
		case FDT_END_NODE:
			depth--;
			in_chosen = in_uart = 0;
			break;
		case FDT_PROP:
			len = be32(p);
			name = strings + be32(p + 4);
			if (in_chosen && str_eq(name, "bootargs"))
				bootargs = (const char *)p + 8;
			if (in_uart && str_eq(name, "reg") && len >= 8)
				uart = phys((uint64_t)be32(p + 8) << 32 | be32(p + 12));
			p += 8 + ((len + 3) & ~3u);
			break;
		case FDT_NOP:
			break;
		default:
			return bootargs;
		}
	}
}

/* The command line; NULL when x0 held no device tree. */
static const char *arch_init(void *boot)
{
	const char *cmdline;

	if (!boot || be32(boot) != FDT_MAGIC)
		return 0;
	cmdline = fdt_scan(boot);
	early_puts("selftest: hello over the SBSA UART\n");
	return cmdline;
}
