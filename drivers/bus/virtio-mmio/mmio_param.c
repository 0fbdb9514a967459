// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio_mmio.device=<size>@<baseaddr>:<irq>[:<id>], as Linux reads it and QEMU microvm
 * and Firecracker write it: size with an optional K, M or G suffix, numbers in C
 * notation (0x... hex). Taken anywhere on the command line, "--" included, since VMMs
 * append it. Applied before the allocators start: only recorded here.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <keel/param.h>
#include <keel/print.h>
#include "mmio.h"

struct mmio_window mmio_windows[MMIO_DEVICES_MAX];
unsigned int mmio_nwindows;

static bool mmio_is_digit(char c, unsigned int base)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0') < base;
	c = (char)(c | 0x20);
	return base == 16 && c >= 'a' && c <= 'f';
}

/* An unsigned number in C notation; false on no digits or overflow. */
static bool mmio_number(const char **sp, uint64_t *out)
{
	const char *s = *sp;
	unsigned int base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && mmio_is_digit(s[2], 16)) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && mmio_is_digit(s[1], 8)) {
		base = 8;
		s++;
	}
	if (!mmio_is_digit(*s, base))
		return false;
	for (; mmio_is_digit(*s, base); s++) {
		unsigned int digit = *s <= '9' ? (unsigned int)(*s - '0')
					       : (unsigned int)((*s | 0x20) - 'a' + 10);

		if (v > (UINT64_MAX - digit) / base)
			return false;
		v = v * base + digit;
	}
	*sp = s;
	*out = v;
	return true;
}

static const char *mmio_parse(const char *s, struct mmio_window *w)
{
	uint64_t size, base, irq, id;
	unsigned int shift = 0;

	if (!mmio_number(&s, &size))
		return "no size before '@'";
	switch (*s) {
	case 'K': case 'k': shift = 10; s++; break;
	case 'M': case 'm': shift = 20; s++; break;
	case 'G': case 'g': shift = 30; s++; break;
	}
	if (size > (UINT64_MAX >> shift))
		return "the size is too large";
	size <<= shift;
	if (*s++ != '@' || !mmio_number(&s, &base))
		return "no '@<base address>' after the size";
	if (*s++ != ':' || !mmio_number(&s, &irq))
		return "no ':<irq>' after the base address";
	if (*s == ':' && (s++, !mmio_number(&s, &id)))	/* Linux's optional device id */
		return "a bad ':<id>' after the irq";
	if (*s)
		return "unexpected characters after the irq";
	if (size < MMIO_WINDOW_MIN || size > MMIO_WINDOW_MAX)
		return "the size must be 0x100..1G (the registers take 0x100 bytes)";
	if (!base || base + size < base || base + size > (1ull << 52))
		return "the base address is 0 or the window lies outside physical memory";
	if (irq >= 256)
		return "the irq must be below 256";
	w->base = base;
	w->size = size;
	w->irq = (unsigned int)irq;
	return NULL;
}

static int mmio_param_set(const char *value)
{
	struct mmio_window w;
	const char *why;

	if (!value) {
		k_err("virtio_mmio.device needs a value: <size>@<base address>:<irq>\n");
		return -EINVAL;
	}
	why = mmio_parse(value, &w);
	if (why) {
		k_err("virtio_mmio.device=%s: %s\n", value, why);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < mmio_nwindows; i++)
		if (mmio_windows[i].base == w.base)
			return 0;	/* given twice (by the VMM and by hand): once is enough */
	if (mmio_nwindows == MMIO_DEVICES_MAX) {
		k_err("virtio_mmio.device=%s: more than %u devices\n", value, MMIO_DEVICES_MAX);
		return -EINVAL;
	}
	mmio_windows[mmio_nwindows++] = w;
	return 0;
}

K_PARAM_FLAGS("virtio_mmio.device", mmio_param_set, "<size>@<base address>:<irq>, e.g. 512@0xfeb00e00:12",
	      K_PARAM_ANYWHERE);
