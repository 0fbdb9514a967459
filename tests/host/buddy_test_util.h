/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the buddy host tests: test_buddy.c defines them and holds main(). */
#ifndef BUDDY_TEST_UTIL_H
#define BUDDY_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buddy.h"
#include "host_test.h"

#define PAGE		BUDDY_PAGE_SIZE

#define EXPECT_CONSISTENT(b)	expect_consistent(__LINE__, b)

uintptr_t map_memory(size_t align, size_t len);
void unmap_memory(uintptr_t p);
uint64_t xorshift(uint64_t *s);
bool expect_consistent(int line, const struct buddy *b);

/* Snapshots of the free block structure. */
struct snapshot {
	uintptr_t *blocks;	/* pfn << 8 | order, sorted */
	size_t n;
};

void take_snapshot(const struct buddy *b, struct snapshot *s);
bool same_as_snapshot(const struct buddy *b, const struct snapshot *s);

/* Is [p, p + n pages) inside one zone's managed pages? */
bool in_one_zone(const struct buddy *b, uintptr_t p, size_t n);
/* Do all zones, headers included, lie inside [lo, hi)? */
bool zones_inside(const struct buddy *b, uintptr_t lo, uintptr_t hi);

/* A zone of 1023 pages starting at a 1024-page boundary + 1 (pfn-aligned blocks). */
uintptr_t make_zone(struct buddy *b, size_t *pages);

/* The suites of test_buddy_stress.c. */
extern const struct t_case run_cases[];
extern const struct t_case trace_cases[];
extern const struct t_case exhaust_cases[];

#endif /* BUDDY_TEST_UTIL_H */
