// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host tests of K_INIT / K_PARAM and lib/boot/init.c: entries from three translation
 * units (this one, init_units_a.c, init_units_b.c, linked in that order) must come out
 * of support/build/k_tables.lds sorted by level, then priority, then link order.
 */
#include <stdarg.h>
#include <string.h>
#include <keel/boot.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/param.h>
#include <keel/print.h>
#include "host_test.h"
#include "init_record.h"

#define MAX_RECORDS	32

static const char *records[MAX_RECORDS];
static int nrecords;

void init_record(const char *name)
{
	if (nrecords < MAX_RECORDS)
		records[nrecords] = name;
	nrecords++;
}

/* k_printk stand-in: k_init_run logs failures through it. */
static char printk_text[256];
static int printk_level = -1;
static int printk_calls;

void k_printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	k_vsnprintf(printk_text, sizeof(printk_text), fmt, ap);
	va_end(ap);
	printk_level = level;
	printk_calls++;
}

static int m_4_01(void)
{
	init_record("m_4_01");
	return 0;
}
K_INIT(m_4_01, K_INIT_LIB, 01);

static int m_3_99(void)
{
	init_record("m_3_99");
	return 0;
}
K_INIT(m_3_99, K_INIT_DRIVER, 99);

static int m_3_20(void)
{
	init_record("m_3_20");
	return 0;
}
K_INIT(m_3_20, K_INIT_DRIVER, 20);

static int m_param_set(const char *value)
{
	return value && strcmp(value, "ok") == 0 ? 0 : -22;
}
K_PARAM("test.beta", m_param_set, "ok");

/* Level, then priority (00 < 05 < 10 < 20 < 99), then link order (m, a, b). */
static const char *const expected_order[] = {
	"b_0_00", "a_0_99", "b_1_50", "a_3_05", "b_3_10", "m_3_20", "a_3_20", "b_3_20",
	"m_3_99", "m_4_01", "a_7_00",
};

static void table_is_sorted(void)
{
	size_t n = (size_t)(__k_init_end - __k_init_start), i;

	T_REQUIRE(n == K_ARRAY_SIZE(expected_order));
	for (i = 0; i < n; i++)
		T_EXPECT_STR(__k_init_start[i].name, expected_order[i]);
}

static void run_calls_in_table_order(void)
{
	int i;

	nrecords = 0;
	printk_calls = 0;
	k_init_run();
	T_REQUIRE(nrecords == (int)K_ARRAY_SIZE(expected_order));
	for (i = 0; i < nrecords; i++)
		T_EXPECT_STR(records[i], expected_order[i]);
}

static void run_logs_failure_and_goes_on(void)
{
	nrecords = 0;
	printk_calls = 0;
	printk_text[0] = '\0';
	k_init_run();
	T_EXPECT_INT(printk_calls, 1);
	T_EXPECT_INT(printk_level, K_LOG_ERR);
	T_EXPECT(strstr(printk_text, "b_1_50") != NULL);
	T_EXPECT(strstr(printk_text, "-5") != NULL);
	/* Entries after the failing one still ran. */
	T_EXPECT_INT(nrecords, K_ARRAY_SIZE(expected_order));
}

static const struct k_param *param_find(const char *name)
{
	const struct k_param *p;

	for (p = __k_param_start; p < __k_param_end; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

static void params_are_in_table(void)
{
	const struct k_param *alpha = param_find("test.alpha");
	const struct k_param *beta = param_find("test.beta");

	T_EXPECT_INT(__k_param_end - __k_param_start, 2);
	T_REQUIRE(alpha && beta);
	T_EXPECT_STR(alpha->help, "any value");
	T_EXPECT_INT(alpha->set("x"), 0);
	T_EXPECT_INT(alpha->set(NULL), -22);
	T_EXPECT_INT(beta->set("ok"), 0);
	T_EXPECT_INT(beta->set("no"), -22);
	T_EXPECT(param_find("test.gamma") == NULL);
}

static const struct t_case order_cases[] = {
	T_CASE(table_is_sorted), T_CASE(run_calls_in_table_order), T_END
};
static const struct t_case failure_cases[] = { T_CASE(run_logs_failure_and_goes_on), T_END };
static const struct t_case param_cases[] = { T_CASE(params_are_in_table), T_END };

static const struct t_suite suites[] = {
	{ "init.table_order", order_cases },
	{ "init.failure_logged", failure_cases },
	{ "init.param_table", param_cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
