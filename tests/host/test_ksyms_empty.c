// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host tests of lib/core/ksyms.c without symbols. Built twice by run.sh: with
 * -DKSYMS_EMPTY_TABLE (a table of count 0) and without (no table linked at all, as in
 * the first link pass, where the weak references are NULL).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <keel/ksyms.h>
#include "host_test.h"
#include "ksyms_check.h"

#ifdef KSYMS_EMPTY_TABLE
/* One entry that covers everything: found only if the count were ignored. */
struct test_table {		/* struct k_ksym_table with its arrays sized */
	uint64_t base;
	uint32_t count, names, offsets[1];
	char name_list[5];
};
const struct test_table test_table __asm__("k_ksym_table") = {
	0, 0, offsetof(struct test_table, name_list), { 0 }, "trap",
};
#define SUITE_NAME	"ksyms.empty_table"
#else
#define SUITE_NAME	"ksyms.no_table"
#endif

static void nothing_resolves(void)
{
	uintptr_t off = 12345;
	char buf[16];

	EXPECT_NO_SYM(0);
	EXPECT_NO_SYM(0x1000);
	EXPECT_NO_SYM((uintptr_t)&nothing_resolves);
	EXPECT_NO_SYM(UINTPTR_MAX);
	T_EXPECT(k_ksym_lookup(0x1000, &off) == NULL);
	T_EXPECT_STR(k_ksym_format(0x1000, buf, sizeof(buf)), "?");
}

static const struct t_case cases[] = { T_CASE(nothing_resolves), T_END };

static const struct t_suite suites[] = {
	{ SUITE_NAME, cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
