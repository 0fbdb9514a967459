// SPDX-License-Identifier: BSD-3-Clause
/* First translation unit of K_INIT entries for test_init.c, defined out of order. */
#include <stddef.h>
#include <keel/init.h>
#include <keel/param.h>
#include "init_record.h"

static int a_3_20(void)
{
	init_record("a_3_20");
	return 0;
}
K_INIT(a_3_20, K_INIT_DRIVER, 20);

static int a_7_00(void)
{
	init_record("a_7_00");
	return 0;
}
K_INIT(a_7_00, K_INIT_LATE, 00);

static int a_0_99(void)
{
	init_record("a_0_99");
	return 0;
}
K_INIT(a_0_99, K_INIT_EARLY, 99);

static int a_3_05(void)
{
	init_record("a_3_05");
	return 0;
}
K_INIT(a_3_05, 3, 05);

static int a_param_set(const char *value)
{
	return value ? 0 : -22;
}
K_PARAM("test.alpha", a_param_set, "any value");
