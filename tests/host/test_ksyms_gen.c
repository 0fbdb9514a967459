// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host test of support/build/gen-ksyms.sh: run.sh pipes ksyms-fake-nm.sh through it,
 * assembles the result and links it here; lookups must follow that fabricated listing.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <keel/compiler.h>
#include <keel/ksyms.h>
#include "host_test.h"
#include "ksyms_check.h"

#define GEN_BASE	0x200000UL
#define GEN_COUNT	257
#define GEN_STRIDE	0x40UL

/* Defined by the generated assembly. */
extern const struct k_ksym_table k_ksym_table;

static const char *const kept_head[] = {
	"k_start", "local_label", "helper", "", "weak_fn", "", "main_loop", "",
	"helper.cold", "", "last_fixed",
};

static uint32_t entry_offset(size_t i)
{
	return k_ksym_table.offsets[i];
}

static const char *entry_name(size_t i)
{
	const char *name = (const char *)&k_ksym_table + k_ksym_table.names;

	while (i--)
		name += strlen(name) + 1;
	return name;
}

/* Gaps after sized symbols are entries named "": f<i> has one unless i % 3 == 2. */
static void table_layout(void)
{
	size_t i, gen_entries = GEN_COUNT + (GEN_COUNT - GEN_COUNT / 3);

	T_EXPECT_UINT(k_ksym_table.base, 0x1000);
	T_REQUIRE(k_ksym_table.count == K_ARRAY_SIZE(kept_head) + gen_entries);
	for (i = 0; i < K_ARRAY_SIZE(kept_head); i++)
		T_EXPECT_STR(entry_name(i), kept_head[i]);
	for (i = 1; i < k_ksym_table.count; i++)
		T_EXPECT(entry_offset(i - 1) < entry_offset(i));
	T_EXPECT_UINT(entry_offset(0), 0);
	T_EXPECT_UINT(entry_offset(3), 0x50);		/* helper ends at 0x1050 */
	T_EXPECT_UINT(entry_offset(7), 0x1a0);		/* main_loop ends at 0x11a0 */
}

static void hand_written_head(void)
{
	EXPECT_NO_SYM(0xfff);
	EXPECT_SYM(0x1000, "k_start", 0);
	EXPECT_SYM(0x101f, "k_start", 0x1f);
	EXPECT_SYM(0x1020, "local_label", 0);
	EXPECT_SYM(0x103f, "local_label", 0x1f);
	EXPECT_SYM(0x104f, "helper", 0xf);
	EXPECT_NO_SYM(0x1050);		/* some_data (D) is not code */
	EXPECT_SYM(0x1065, "weak_fn", 5);
	EXPECT_NO_SYM(0x1090);		/* rodata_label (r) */
	EXPECT_SYM(0x119f, "main_loop", 0xff);
	EXPECT_NO_SYM(0x11a0);		/* abs_sym (A) */
	EXPECT_NO_SYM(0x11b0);		/* bss_var (B) */
	EXPECT_NO_SYM(0x11c0);		/* weak_obj (V) */
	EXPECT_NO_SYM(0x11d0);		/* table (R) */
	EXPECT_SYM(0x1208, "helper.cold", 8);
	EXPECT_NO_SYM(0x1210);
	EXPECT_SYM(0x1300, "last_fixed", 0);
	EXPECT_SYM(GEN_BASE - 1, "last_fixed", GEN_BASE - 1 - 0x1300);
}

/* f<i>: sized 0x20 unless i % 3 == 2 (then up to f<i+1>); data symbols inside are skipped. */
static void generated_run(void)
{
	char name[16];
	int i;

	for (i = 0; i < GEN_COUNT && t_case_failures < T_MAX_REPORTS; i++) {
		uintptr_t a = GEN_BASE + GEN_STRIDE * (uintptr_t)i;

		snprintf(name, sizeof(name), "f%d", i);
		EXPECT_SYM(a, name, 0);
		EXPECT_SYM(a + 0x1f, name, 0x1f);
		if (i % 3 == 2) {
			EXPECT_SYM(a + 0x20, name, 0x20);
			EXPECT_SYM(a + 0x30, name, 0x30);
			EXPECT_SYM(a + 0x3f, name, 0x3f);
		} else {
			EXPECT_NO_SYM(a + 0x20);
			EXPECT_NO_SYM(a + 0x30);
			EXPECT_NO_SYM(a + 0x3f);
		}
	}
}

static const struct t_case cases[] = {
	T_CASE(table_layout), T_CASE(hand_written_head), T_CASE(generated_run), T_END
};

static const struct t_suite suites[] = {
	{ "ksyms.gen_ksyms_table", cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
