// SPDX-License-Identifier: BSD-3-Clause
/* sysconf(): what a program sizes itself by. Unknown names fail with EINVAL. */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <keel/alloc.h>
#include <keel/arch.h>

long sysconf(int name)
{
	struct k_alloc_stats st;

	switch (name) {
	case _SC_PAGESIZE:
		return K_ARCH_PAGE_SIZE;
	case _SC_CLK_TCK:
		return CLOCKS_PER_SEC;
	/* One CPU runs threads today (the scheduler is per CPU; SMP is future work). */
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	/* The descriptor table's size; without one, 0-2 (the console) are all there are. */
	case _SC_OPEN_MAX:
#ifdef CONFIG_LIBFDTAB
		return CONFIG_FDTAB_MAX;
#else
		return 3;
#endif
	case _SC_PHYS_PAGES:
		k_alloc_stats(&st);
		return (long)(st.pages_total / K_ARCH_PAGE_SIZE);
	case _SC_AVPHYS_PAGES:
		k_alloc_stats(&st);
		return (long)(st.pages_free / K_ARCH_PAGE_SIZE);
	default:
		errno = EINVAL;
		return -1;
	}
}

int getpagesize(void)
{
	return K_ARCH_PAGE_SIZE;
}
