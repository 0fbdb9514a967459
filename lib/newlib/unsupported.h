/* SPDX-License-Identifier: BSD-3-Clause */
/* Calls newlib can make that Keel does not support: ENOSYS, logged once per call. */
#ifndef NEWLIB_UNSUPPORTED_H
#define NEWLIB_UNSUPPORTED_H

#include <errno.h>
#include <keel/print.h>

/* One flag per call, set when its "not supported" line has been logged. */
#define UNSUPPORTED(name)						\
	({								\
		static int said_;					\
		unsupported(#name, &said_);				\
	})

static inline int unsupported(const char *name, int *said)
{
	if (!*said) {
		*said = 1;
		k_warn("newlib: %s() is not supported; it fails with ENOSYS\n", name);
	}
	errno = ENOSYS;
	return -1;
}

#endif /* NEWLIB_UNSUPPORTED_H */
