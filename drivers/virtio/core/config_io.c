// SPDX-License-Identifier: BSD-3-Clause
/*
 * Device configuration space in memory-mapped registers, for the transports (virtio
 * v1.2 §4.1.3.1, §4.2.2.2): fields are accessed at their own width, so a 16-bit field
 * is one 16-bit access, and a 64-bit one two 32-bit accesses (the driver re-reads
 * through the generation counter when it must be consistent).
 */
#include <keel/virtio.h>

void k_virtio_config_mmio_read(const volatile uint8_t *p, unsigned int off, void *buf,
			       size_t len)
{
	uint8_t *out = buf;

	p += off;
	if (len == 2 && !(off & 1)) {
		uint16_t v = *(const volatile uint16_t *)p;

		__builtin_memcpy(out, &v, 2);
	} else if ((len == 4 || len == 8) && !(off & 3)) {
		for (size_t i = 0; i < len; i += 4) {
			uint32_t v = *(const volatile uint32_t *)(p + i);

			__builtin_memcpy(out + i, &v, 4);
		}
	} else {
		for (size_t i = 0; i < len; i++)
			out[i] = p[i];
	}
}

void k_virtio_config_mmio_write(volatile uint8_t *p, unsigned int off, const void *buf,
				size_t len)
{
	const uint8_t *in = buf;

	p += off;
	if (len == 2 && !(off & 1)) {
		uint16_t v;

		__builtin_memcpy(&v, in, 2);
		*(volatile uint16_t *)p = v;
	} else if ((len == 4 || len == 8) && !(off & 3)) {
		for (size_t i = 0; i < len; i += 4) {
			uint32_t v;

			__builtin_memcpy(&v, in + i, 4);
			*(volatile uint32_t *)(p + i) = v;
		}
	} else {
		for (size_t i = 0; i < len; i++)
			p[i] = in[i];
	}
}
