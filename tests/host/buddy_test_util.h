/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the buddy host tests: test_buddy.c defines them and holds main(). */
#ifndef BUDDY_TEST_UTIL_H
#define BUDDY_TEST_UTIL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buddy.h"
#include "host_test.h"

#define PAGE		BUDDY_PAGE_SIZE

#define EXPECT_CONSISTENT(b)	expect_consistent(__LINE__, b)

/* A free that must fail and change nothing. */
#define EXPECT_FREE_REJECTED(b, p, n)					\
	do {								\
		size_t f_ = (b)->free_pages;				\
		T_EXPECT_INT(buddy_free(b, (void *)(p), n), -EINVAL);	\
		T_EXPECT_UINT((b)->free_pages, f_);			\
		EXPECT_CONSISTENT(b);					\
	} while (0)

/* buddy_check() must find something wrong and say what. */
#define EXPECT_CHECK_FAILS(b)						\
	do {								\
		char why_[160] = "";					\
		T_EXPECT_INT(buddy_check(b, why_, sizeof(why_)), -1);	\
		T_EXPECT(why_[0] != '\0');				\
	} while (0)

uintptr_t map_memory(size_t align, size_t len);
void unmap_memory(uintptr_t p);
uint64_t xorshift(uint64_t *s);
bool expect_consistent(int line, const struct buddy *b);

/* Snapshots of the free block structure and of each zone's tail. */
struct snapshot {
	uintptr_t *blocks;	/* pfn << 8 | order, or tail << 8 | SNAPSHOT_TAIL; sorted */
	size_t n;
};

#define SNAPSHOT_TAIL	0xff

void take_snapshot(const struct buddy *b, struct snapshot *s);
bool same_as_snapshot(const struct buddy *b, const struct snapshot *s);
/*
 * With every released page free: are the free blocks exactly the maximal aligned blocks
 * of each zone's released pages [start_pfn, tail), as computed here independently?
 */
bool is_canonical(const struct buddy *b);
/* Is every zone's tail released? */
bool all_released(const struct buddy *b);
/*
 * Allocate single pages until none is left, then free them all: afterwards every tail is
 * released. Returns the pages allocated. Writes to every page: small zones only.
 */
size_t exhaust_and_free(struct buddy *b);

/* Is [p, p + n pages) inside one zone's managed pages? */
bool in_one_zone(const struct buddy *b, uintptr_t p, size_t n);
/* Do all zones, headers included, lie inside [lo, hi)? */
bool zones_inside(const struct buddy *b, uintptr_t lo, uintptr_t hi);

/* A zone of 1023 pages starting at a 1024-page boundary + 1 (pfn-aligned blocks). */
uintptr_t make_zone(struct buddy *b, size_t *pages);

/* The suites of test_buddy_stress.c, then of test_buddy_tail.c. */
extern const struct t_case run_cases[];
extern const struct t_case trace_cases[];
extern const struct t_case exhaust_cases[];
extern const struct t_case tail_cases[];

#endif /* BUDDY_TEST_UTIL_H */
