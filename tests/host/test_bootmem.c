// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/core/bootmem.c: free ranges from odd memory maps, reservations. */
#include <errno.h>
#include <string.h>
#include <keel/bootmem.h>
#include <keel/compiler.h>
#include "host_test.h"

#define KIB	1024ull
#define MIB	(1024 * KIB)
#define GIB	(1024 * MIB)

static struct k_bootinfo bi;
static struct k_mem_range out[64];

static void map_reset(void)
{
	memset(&bi, 0, sizeof(bi));
}

static void map_add(uint64_t base, uint64_t size, uint32_t type)
{
	bi.mem[bi.nmem++] = (struct k_mem_region){ base, size, type };
}

static unsigned int free_ranges(void)
{
	memset(out, 0xa5, sizeof(out));
	return k_bootmem_free_ranges(&bi, out, K_ARRAY_SIZE(out));
}

/* Every free range is page aligned, non-empty, sorted and disjoint. */
static void expect_well_formed(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		T_EXPECT(out[i].base % 4096 == 0 && out[i].end % 4096 == 0);
		T_EXPECT(out[i].end > out[i].base);
		if (i)
			T_EXPECT(out[i].base > out[i - 1].end);
	}
}

/* QEMU microvm's map: low memory ending at 0x9fc00, RAM from 1 MiB, an empty entry. */
static void free_ranges_trim_odd_regions(void)
{
	unsigned int n;

	map_reset();
	map_add(0, 0x9fc00, K_MEM_USABLE);
	map_add(0x9fc00, 0x400, K_MEM_RESERVED);
	map_add(0x100000, 64 * MIB - 0x100000 - 123, K_MEM_USABLE);
	map_add(0x5000123, 0, K_MEM_USABLE);
	map_add(0x7000001, 4095, K_MEM_USABLE);	/* no whole page inside */
	n = free_ranges();
	T_REQUIRE(n == 2);
	expect_well_formed(n);
	T_EXPECT_UINT(out[0].base, 0x1000);	/* page 0 is never free */
	T_EXPECT_UINT(out[0].end, 0x9f000);
	T_EXPECT_UINT(out[1].base, 0x100000);
	T_EXPECT_UINT(out[1].end, 64 * MIB - 4096);
}

static void free_ranges_minus_reservations(void)
{
	unsigned int n;

	map_reset();
	map_add(0x100000, 63 * MIB, K_MEM_USABLE);
	T_EXPECT_INT(k_bootmem_reserve(&bi, 0x100000, 0x118c88, "image"), 0);
	T_EXPECT_INT(k_bootmem_reserve(&bi, 0x200800, 0x200900, "info"), 0);
	n = free_ranges();
	T_REQUIRE(n == 2);
	expect_well_formed(n);
	T_EXPECT_UINT(out[0].base, 0x119000);
	T_EXPECT_UINT(out[0].end, 0x200000);
	T_EXPECT_UINT(out[1].base, 0x201000);
}

/* Overlapping usable entries merge; a reserved entry inside usable memory wins. */
static void free_ranges_overlaps(void)
{
	unsigned int n;

	map_reset();
	map_add(0x100000, 16 * MIB, K_MEM_USABLE);
	map_add(0x800000, 16 * MIB, K_MEM_USABLE);
	map_add(0x400000, 0x1000, K_MEM_ACPI);
	map_add(UINT64_MAX - 0x1fff, 0x10000, K_MEM_USABLE);	/* wraps: clamped */
	n = free_ranges();
	expect_well_formed(K_MIN(n, 64u));
	T_REQUIRE(n == 3);
	T_EXPECT_UINT(out[0].end, 0x400000);
	T_EXPECT_UINT(out[1].base, 0x401000);
	T_EXPECT_UINT(out[1].end, 0x800000 + 16 * MIB);
	T_EXPECT_UINT(out[2].base, UINT64_MAX - 0x1fff);
}

static void free_ranges_keep_largest_when_too_many(void)
{
	struct k_mem_range few[2];
	unsigned int n;

	map_reset();
	map_add(0x10000, 0x1000, K_MEM_USABLE);
	map_add(0x100000, 8 * MIB, K_MEM_USABLE);
	map_add(1 * GIB, 2 * MIB, K_MEM_USABLE);
	n = k_bootmem_free_ranges(&bi, few, 2);
	T_EXPECT_INT(n, 3);
	T_EXPECT_UINT(few[0].base, 0x100000);
	T_EXPECT_UINT(few[1].base, 1 * GIB);
}

static void reserve_table_full_and_merge(void)
{
	map_reset();
	for (int i = 0; i < K_BOOT_RESERVED_MAX; i++)
		T_EXPECT_INT(k_bootmem_reserve(&bi, i * MIB, i * MIB + 4096, "x"), 0);
	T_EXPECT_INT(k_bootmem_reserve(&bi, 100 * MIB, 101 * MIB, "y"), -ENOSPC);
	/* Adjacent to an existing reservation of the same kind: no new slot needed. */
	T_EXPECT_INT(k_bootmem_reserve(&bi, 4096, 8192, "x"), 0);
	T_EXPECT_INT(bi.nreserved, K_BOOT_RESERVED_MAX);
	T_EXPECT_UINT(bi.reserved[0].end, 8192);
}

static void unreserve_splits(void)
{
	unsigned int n;

	map_reset();
	map_add(0x100000, 15 * MIB, K_MEM_USABLE);
	T_EXPECT_INT(k_bootmem_reserve(&bi, 0x100000, 0x200000, "image"), 0);
	T_EXPECT_INT(k_bootmem_unreserve(&bi, 0x180000, 0x190000), 0);
	T_EXPECT_INT(bi.nreserved, 2);
	n = free_ranges();
	T_REQUIRE(n == 2);
	T_EXPECT_UINT(out[0].base, 0x180000);
	T_EXPECT_UINT(out[0].end, 0x190000);
	T_EXPECT_UINT(out[1].base, 0x200000);
	/* Unreserving everything drops the entries. */
	T_EXPECT_INT(k_bootmem_unreserve(&bi, 0, 0x300000), 0);
	T_EXPECT_INT(bi.nreserved, 0);
}

static void unreserve_without_room_changes_nothing(void)
{
	map_reset();
	for (int i = 0; i < K_BOOT_RESERVED_MAX; i++)
		k_bootmem_reserve(&bi, i * MIB, i * MIB + 0x10000, i & 1 ? "a" : "b");
	T_EXPECT_INT(k_bootmem_unreserve(&bi, 0x4000, 0x5000), -ENOSPC);
	T_EXPECT_INT(bi.nreserved, K_BOOT_RESERVED_MAX);
	T_EXPECT_UINT(bi.reserved[0].end, 0x10000);
}

static void alloc_lowest_fit_above_min(void)
{
	uint64_t a, b;

	map_reset();
	map_add(0, 0x9fc00, K_MEM_USABLE);
	map_add(0x100000, 63 * MIB, K_MEM_USABLE);
	k_bootmem_reserve(&bi, 0x100000, 0x118c88, "image");
	a = k_bootmem_alloc(&bi, 4096, 4096, 0x100000, 4 * GIB, "pt");
	b = k_bootmem_alloc(&bi, 4096, 4096, 0x100000, 4 * GIB, "pt");
	T_EXPECT_UINT(a, 0x119000);
	T_EXPECT_UINT(b, 0x11a000);
	T_EXPECT_INT(bi.nreserved, 2);		/* the two pages share one reservation */
	a = k_bootmem_alloc(&bi, 3 * MIB, 2 * MIB, 0x100000, 4 * GIB, "big");
	T_EXPECT_UINT(a, 0x200000);
	T_EXPECT_UINT(k_bootmem_alloc(&bi, 64 * MIB, 4096, 0, 4 * GIB, "huge"), 0);
	T_EXPECT_UINT(k_bootmem_alloc(&bi, 4096, 4096, 0, 0x2000, "low"), 0x1000);
	T_EXPECT_UINT(k_bootmem_alloc(&bi, 4096, 3000, 0, 4 * GIB, "bad"), 0);
	T_EXPECT_UINT(k_bootmem_alloc(&bi, UINT64_MAX, 4096, 0, UINT64_MAX, "bad"), 0);
}

static const struct t_case free_cases[] = {
	T_CASE(free_ranges_trim_odd_regions),
	T_CASE(free_ranges_minus_reservations),
	T_CASE(free_ranges_overlaps),
	T_CASE(free_ranges_keep_largest_when_too_many),
	T_END,
};

static const struct t_case reserve_cases[] = {
	T_CASE(reserve_table_full_and_merge),
	T_CASE(unreserve_splits),
	T_CASE(unreserve_without_room_changes_nothing),
	T_CASE(alloc_lowest_fit_above_min),
	T_END,
};

static const struct t_suite suites[] = {
	{ "bootmem.free_ranges", free_cases },
	{ "bootmem.reserve", reserve_cases },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
