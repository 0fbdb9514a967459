// SPDX-License-Identifier: BSD-3-Clause
/*
 * The allocation benchmark on the host: the fixed trace through Keel's TLSF code (the
 * same tlsf.c the image links, on one pool from the host) and through glibc's malloc.
 * Prints "host-tlsf OPS NS" and "host-glibc OPS NS" lines for bench/run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "tlsf.h"
#include "trace.h"

#define POOL_BYTES	(256ul << 20)

static struct tlsf heap;
static void *slots[TRACE_SLOTS];

static void *tlsf_alloc_cb(size_t size)
{
	return tlsf_malloc(&heap, size);
}

static void tlsf_release_cb(void *p)
{
	tlsf_free(&heap, p);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One warm-up run, then the median of five timed runs. */
static int measure(const char *name, void *(*alloc)(size_t), void (*release)(void *))
{
	uint64_t ns[5], t;
	unsigned long ops = trace_run(alloc, release, slots);

	for (int i = 0; i < 5 && ops; i++) {
		t = now_ns();
		ops = trace_run(alloc, release, slots);
		ns[i] = now_ns() - t;
	}
	if (!ops) {
		fprintf(stderr, "%s: an allocation failed\n", name);
		return 1;
	}
	for (int i = 1; i < 5; i++)
		for (int j = i; j > 0 && ns[j - 1] > ns[j]; j--) {
			t = ns[j];
			ns[j] = ns[j - 1];
			ns[j - 1] = t;
		}
	printf("%s %lu %lu\n", name, ops, (unsigned long)ns[2]);
	return 0;
}

int main(void)
{
	void *pool = aligned_alloc(4096, POOL_BYTES);

	tlsf_init(&heap, NULL, NULL, NULL);
	if (!pool || tlsf_add_pool(&heap, pool, POOL_BYTES)) {
		fprintf(stderr, "cannot set up a %lu MiB TLSF pool\n", POOL_BYTES >> 20);
		return 1;
	}
	return measure("host-tlsf", tlsf_alloc_cb, tlsf_release_cb) |
	       measure("host-glibc", malloc, free);
}
