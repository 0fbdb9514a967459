// SPDX-License-Identifier: BSD-3-Clause
/*
 * malloc: the C allocation functions (lib/alloc/malloc.c over Keel's allocator, also
 * what newlib itself calls): contents kept across realloc, calloc zeroed even over
 * reused memory, alignments, out of memory with ENOMEM, many small blocks.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define MIB		(1024 * 1024)
#define NSMALL		10000

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + 3 + (i >> 8));
}

/* 1 byte to 1 MiB, doubling: each step keeps every byte written so far. */
static void malloc_realloc(void)
{
	unsigned char *p = malloc(1), *q;
	size_t size = 1, bad = SIZE_MAX;

	if (p)
		p[0] = pattern(0);
	while (p && size < MIB && bad == SIZE_MAX) {
		q = realloc(p, size * 2);
		if (!q)
			break;
		p = q;
		for (size_t i = 0; i < size; i++) {
			if (p[i] != pattern(i)) {
				bad = i;
				break;
			}
		}
		for (size_t i = size; i < size * 2; i++)
			p[i] = pattern(i);
		size *= 2;
	}
	check("realloc-grow", p && size == MIB && bad == SIZE_MAX,
	      "reached %zu bytes; byte %zu lost", size, bad);
	q = p ? realloc(p, 10) : NULL;		/* shrinking keeps the start */
	if (q)
		p = q;
	check("realloc-shrink", q && q[0] == pattern(0) && q[9] == pattern(9),
	      "realloc to 10 bytes: %p", (void *)q);
	free(p);
	p = realloc(NULL, 100);			/* realloc(NULL) is malloc */
	check("realloc-null", p != NULL, "realloc(NULL, 100) failed");
	free(p);
}

/* calloc over memory just dirtied and freed: the block may be the same one. */
static void malloc_calloc(void)
{
	unsigned char *dirty = malloc(8000), *z;
	size_t nonzero = 0;

	if (dirty)
		memset(dirty, 0xa5, 8000);
	free(dirty);
	free(NULL);				/* does nothing */
	z = calloc(1000, 8);
	for (size_t i = 0; z && i < 8000; i++)
		nonzero += z[i] != 0;
	check("calloc-zeroed", z && !nonzero, "%zu of 8000 bytes not zero", nonzero);
	free(z);
}

static void malloc_aligned(void)
{
	struct tally t = { 0 };
	static const size_t aligns[] = { 64, 4096 };
	void *p;
	int err;

	for (size_t i = 0; i < 2; i++) {
		p = NULL;
		err = posix_memalign(&p, aligns[i], 1000);
		if (err || !p || (uintptr_t)p % aligns[i])
			tally_fail(&t, "posix_memalign(%zu): %d, %p", aligns[i], err, p);
		else
			memset(p, 0x5a, 1000);
		free(p);
	}
	p = aligned_alloc(256, 512);
	if (!p || (uintptr_t)p % 256)
		tally_fail(&t, "aligned_alloc(256, 512): %p", p);
	free(p);
	p = (void *)1;
	err = posix_memalign(&p, 24, 64);	/* not a power of two */
	if (err != EINVAL || p != (void *)1)
		tally_fail(&t, "posix_memalign(24): %d, %p", err, p);
	tally_check("aligned", &t);
}

static void malloc_enomem(void)
{
	/* volatile: gcc would refuse the overflowing calloc at compile time. */
	volatile size_t half = SIZE_MAX / 2;
	void *p, *q;
	int err, err2;

	errno = 0;
	p = malloc(half);
	err = errno;
	errno = 0;
	q = calloc(half, 4);			/* the product overflows */
	err2 = errno;
	check("malloc-enomem", !p && err == ENOMEM && !q && err2 == ENOMEM,
	      "malloc(SIZE_MAX / 2): %p errno %d; calloc: %p errno %d", p, err, q, err2);
}

static uint32_t lcg_state;

static uint32_t lcg(void)
{
	lcg_state = lcg_state * 1664525u + 1013904223u;
	return lcg_state >> 8;
}

/* Fill each block with its own index; an overlap shows as another block's bytes. */
static void malloc_many(void)
{
	static unsigned char *blocks[NSMALL];
	static unsigned int order[NSMALL];
	size_t got = 0, bad = SIZE_MAX;

	lcg_state = 777;
	for (size_t i = 0; i < NSMALL; i++) {
		size_t len = 1 + i % 97;

		blocks[i] = malloc(len);
		if (!blocks[i])
			break;
		memset(blocks[i], (int)(i & 0xff), len);
		order[i] = (unsigned int)i;
		got++;
	}
	for (size_t i = 0; i < got && bad == SIZE_MAX; i++)
		for (size_t j = 0; j < 1 + i % 97; j++)
			if (blocks[i][j] != (i & 0xff))
				bad = i;
	/* Fisher-Yates: free in a shuffled order. */
	for (size_t i = got; i > 1; i--) {
		size_t j = lcg() % i;
		unsigned int tmp = order[i - 1];

		order[i - 1] = order[j];
		order[j] = tmp;
	}
	for (size_t i = 0; i < got; i++)
		free(blocks[order[i]]);
	blocks[0] = malloc(MIB);		/* the heap still works */
	check("malloc-10000", got == NSMALL && bad == SIZE_MAX && blocks[0],
	      "%zu blocks allocated, block %zu overwritten", got, bad);
	free(blocks[0]);
}

void test_malloc(void)
{
	malloc_realloc();
	malloc_calloc();
	malloc_aligned();
	malloc_enomem();
	malloc_many();
}
