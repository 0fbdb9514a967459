/* SPDX-License-Identifier: BSD-3-Clause */
/* Fixtures shared by the TLSF host tests: test_tlsf.c defines them and holds main(). */
#ifndef TLSF_TEST_UTIL_H
#define TLSF_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include "host_test.h"
#include "tlsf.h"

#define KIB		((size_t)1024)
#define MIB		(1024 * KIB)
#define PAGE		((size_t)4096)

#define EXPECT_HEAP_OK(t)	expect_heap_ok(__LINE__, (t))

void expect_heap_ok(int line, const struct tlsf *t);
bool is_aligned(const void *p, size_t align);

/* A fixed heap over one malloc'd arena (ASan sees accesses outside it). */
struct fixed {
	struct tlsf t;
	unsigned char *arena;
	size_t initial_free;
};

void fixed_setup(struct fixed *f, size_t len);
void fixed_teardown(struct fixed *f);

/* The state of a heap with nothing allocated: one free block per pool, all listed. */
void expect_all_free(int line, const struct tlsf *t, size_t initial_free);

/* Host pages for grow/shrink: what a growing heap got, and how often it asked. */
#define MAX_GROWN	64

struct host_pages {
	size_t chunk;
	bool fail;
	int grows;
	int shrinks;
	size_t last_min;
	int nlive;
	struct {
		void *mem;
		size_t len;
	} live[MAX_GROWN];
};

void growing_setup(struct tlsf *t, struct host_pages *hp, size_t chunk);
void growing_teardown(struct host_pages *hp);

/* A byte pattern that depends on seed: fill writes it, holds checks it. */
void fill(unsigned char *p, size_t n, unsigned int seed);
bool holds(const unsigned char *p, size_t n, unsigned int seed);

/* The suites of test_tlsf_stress.c. */
extern const struct t_case growth_cases[];
extern const struct t_case random_cases[];
extern const struct t_case fragmentation_cases[];

#endif /* TLSF_TEST_UTIL_H */
