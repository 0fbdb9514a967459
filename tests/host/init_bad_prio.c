// SPDX-License-Identifier: BSD-3-Clause
/* Must not compile with -DBAD_PRIO (run.sh): a one-digit priority would sort after 10. */
#include <keel/init.h>

static int probe(void)
{
	return 0;
}
#ifdef BAD_PRIO
K_INIT(probe, K_INIT_LIB, 5);
#else
K_INIT(probe, K_INIT_LIB, 05);
#endif
