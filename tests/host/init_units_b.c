// SPDX-License-Identifier: BSD-3-Clause
/* Second translation unit of K_INIT entries for test_init.c; b_1_50 fails on purpose. */
#include <keel/init.h>
#include "init_record.h"

static int b_1_50(void)
{
	init_record("b_1_50");
	return -5;
}
K_INIT(b_1_50, K_INIT_PLAT, 50);

static int b_3_20(void)
{
	init_record("b_3_20");
	return 0;
}
K_INIT(b_3_20, K_INIT_DRIVER, 20);

static int b_0_00(void)
{
	init_record("b_0_00");
	return 0;
}
K_INIT(b_0_00, K_INIT_EARLY, 00);

static int b_3_10(void)
{
	init_record("b_3_10");
	return 0;
}
K_INIT(b_3_10, K_INIT_DRIVER, 10);
