/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The allocation benchmark's fixed trace: a seeded sequence of mallocs and frees over a
 * table of slots with mixed sizes (70% 16-128 bytes, 25% up to 2 KiB, 5% up to 64 KiB).
 * The image (bench/alloc/app) and the host program (bench/alloc/host.c) run the same
 * trace through function pointers, so both pay the same call overhead.
 */
#ifndef BENCH_ALLOC_TRACE_H
#define BENCH_ALLOC_TRACE_H

#include <stddef.h>
#include <stdint.h>

#define TRACE_OPS	400000
#define TRACE_SLOTS	2048
#define TRACE_SEED	0x6b65656c2024ull

/* xorshift64* (Vigna): small, fast and good enough to pick sizes and slots. */
static inline uint64_t trace_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static inline size_t trace_size(uint64_t r)
{
	unsigned int pick = (unsigned int)(r % 100);

	r >>= 8;
	if (pick < 70)
		return 16 + r % 113;
	if (pick < 95)
		return 129 + r % 1920;
	return 2049 + r % (62 * 1024);
}

/*
 * Run the trace: each op picks a slot and frees it if taken, else allocates into it and
 * writes the first and last byte. Everything left is freed at the end. Returns the number
 * of operations done, or 0 when an allocation failed.
 */
static inline unsigned long trace_run(void *(*alloc)(size_t), void (*release)(void *),
				      void **slots)
{
	uint64_t s = TRACE_SEED;
	unsigned long ops = 0;

	for (int i = 0; i < TRACE_SLOTS; i++)
		slots[i] = NULL;
	for (int i = 0; i < TRACE_OPS; i++) {
		uint64_t r = trace_rand(&s);
		void **slot = &slots[(r >> 40) % TRACE_SLOTS];
		size_t size;

		if (*slot) {
			release(*slot);
			*slot = NULL;
		} else {
			size = trace_size(r);
			*slot = alloc(size);
			if (!*slot)
				return 0;
			((volatile char *)*slot)[0] = 1;
			((volatile char *)*slot)[size - 1] = 1;
		}
		ops++;
	}
	for (int i = 0; i < TRACE_SLOTS; i++) {
		if (slots[i]) {
			release(slots[i]);
			ops++;
		}
	}
	return ops;
}

#endif /* BENCH_ALLOC_TRACE_H */
