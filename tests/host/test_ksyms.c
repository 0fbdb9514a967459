// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host tests of lib/core/ksyms.c over a hand-made table laid out as
 * support/build/gen-ksyms.sh emits it: header, sorted 32-bit offsets, then the names.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <keel/compiler.h>
#include <keel/ksyms.h>
#include "host_test.h"
#include "ksyms_check.h"

#define HIGH	0x100000000ULL	/* beyond 32 bits: addresses are 64-bit */
#define BASE	0x1000ULL

/* The symbols, as nm lists them; the model the lookups are checked against. */
static const struct {
	uint64_t addr, size;	/* size 0: runs up to the next symbol */
	const char *name;
} model[] = {
	{ 0x1000, 0x40, "alpha" },	/* [0x1000, 0x1040) */
	{ 0x1040, 0, "beta" },		/* unsized: up to gamma */
	{ 0x1100, 0x10, "gamma" },	/* [0x1100, 0x1110), then a gap */
	{ 0x1200, 0x8, "delta" },	/* [0x1200, 0x1208) */
	{ 0x1208, 0x100, "epsilon" },	/* [0x1208, 0x1308), adjacent */
	{ HIGH + 0x10, 0x20, "zeta" },	/* [HIGH + 0x10, HIGH + 0x30) */
	{ HIGH + 0x100, 0, "omega" },	/* unsized, last */
};

/* The same symbols laid out as gen-ksyms.sh emits them: gaps are entries named "". */
#define NAMES	"alpha\0beta\0gamma\0\0delta\0epsilon\0\0zeta\0\0omega"
struct test_table {		/* struct k_ksym_table with its arrays sized */
	uint64_t base;
	uint32_t count, names, offsets[10];
	char name_list[sizeof(NAMES)];
};
const struct test_table test_table __asm__("k_ksym_table") = {
	BASE, 10, offsetof(struct test_table, name_list),
	{ 0x0, 0x40, 0x100, 0x110, 0x200, 0x208, 0x308, HIGH + 0x10 - BASE,
	  HIGH + 0x30 - BASE, HIGH + 0x100 - BASE },
	NAMES,
};

static void start_of_each_symbol(void)
{
	EXPECT_SYM(0x1000, "alpha", 0);
	EXPECT_SYM(0x1040, "beta", 0);
	EXPECT_SYM(0x1100, "gamma", 0);
	EXPECT_SYM(0x1200, "delta", 0);
	EXPECT_SYM(0x1208, "epsilon", 0);
	EXPECT_SYM(HIGH + 0x10, "zeta", 0);
	EXPECT_SYM(HIGH + 0x100, "omega", 0);
}

static void inside_a_sized_symbol(void)
{
	EXPECT_SYM(0x1001, "alpha", 1);
	EXPECT_SYM(0x103f, "alpha", 0x3f);
	EXPECT_SYM(0x110f, "gamma", 0xf);
	EXPECT_SYM(0x1207, "delta", 7);
	EXPECT_SYM(0x1307, "epsilon", 0xff);
	EXPECT_SYM(HIGH + 0x2f, "zeta", 0x1f);
}

static void past_a_sized_symbol(void)
{
	EXPECT_NO_SYM(0x1110);
	EXPECT_NO_SYM(0x11ff);
	EXPECT_NO_SYM(0x1308);
	EXPECT_NO_SYM(0x10000);
	EXPECT_NO_SYM(HIGH + 0x30);
	EXPECT_NO_SYM(HIGH + 0xff);
}

static void unsized_symbol_extends_to_next(void)
{
	EXPECT_SYM(0x1041, "beta", 1);
	EXPECT_SYM(0x10ff, "beta", 0xbf);
	EXPECT_SYM(HIGH + 0x101, "omega", 1);
	/* Up to 4 GiB from the first symbol: offsets are 32-bit. */
	EXPECT_SYM(BASE + 0xffffffffULL, "omega", BASE + 0xffffffffULL - HIGH - 0x100);
	EXPECT_NO_SYM(BASE + 0x100000000ULL);
}

static void before_the_first_symbol(void)
{
	EXPECT_NO_SYM(0);
	EXPECT_NO_SYM(0xfff);
}

/* Every address of the low range against a model built from the documented rules. */
static void every_address_matches_model(void)
{
	uintptr_t a;
	size_t i;

	for (a = 0xf00; a < 0x1400; a++) {
		const char *name = NULL;
		uintptr_t off = 0;

		for (i = 0; i < K_ARRAY_SIZE(model); i++) {
			uint64_t end = model[i].size ? model[i].addr + model[i].size :
				       i + 1 < K_ARRAY_SIZE(model) ? model[i + 1].addr : UINT64_MAX;

			if (a >= model[i].addr && a < end) {
				name = model[i].name;
				off = a - model[i].addr;
			}
		}
		expect_sym_at(__LINE__, a, name, off);
		if (t_case_failures >= T_MAX_REPORTS)
			break;
	}
}

static void offset_pointer_may_be_null(void)
{
	T_EXPECT_STR(k_ksym_lookup(0x1010, NULL), "alpha");
	T_EXPECT(k_ksym_lookup(0x1110, NULL) == NULL);
}

static void format_name_plus_offset(void)
{
	char buf[32];

	T_EXPECT(k_ksym_format(0x1010, buf, sizeof(buf)) == buf);
	T_EXPECT_STR(buf, "alpha+0x10");
	T_EXPECT_STR(k_ksym_format(0x1200, buf, sizeof(buf)), "delta+0x0");
	T_EXPECT_STR(k_ksym_format(HIGH + 0x2f, buf, sizeof(buf)), "zeta+0x1f");
	T_EXPECT_STR(k_ksym_format(0x1110, buf, sizeof(buf)), "?");
	T_EXPECT_STR(k_ksym_format(0, buf, sizeof(buf)), "?");
	/* Truncated like snprintf, still terminated. */
	T_EXPECT_STR(k_ksym_format(0x1307, buf, 9), "epsilon+");
	T_EXPECT_STR(k_ksym_format(0x1307, buf, 1), "");
}

static const struct t_case lookup_cases[] = {
	T_CASE(start_of_each_symbol), T_CASE(inside_a_sized_symbol),
	T_CASE(past_a_sized_symbol), T_CASE(unsized_symbol_extends_to_next),
	T_CASE(before_the_first_symbol), T_CASE(every_address_matches_model),
	T_CASE(offset_pointer_may_be_null), T_END
};
static const struct t_case format_cases[] = { T_CASE(format_name_plus_offset), T_END };

static const struct t_suite suites[] = {
	{ "ksyms.lookup", lookup_cases },
	{ "ksyms.format", format_cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
