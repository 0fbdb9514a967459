/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by the newlib glue files over lib/fdtab and lib/vfs. */
#ifndef NEWLIB_GLUE_H
#define NEWLIB_GLUE_H

#include <sys/stat.h>
#include <keel/fdtab.h>

/* r when >= 0; otherwise errno = -r and -1. */
long glue_ret(long r);
void glue_stat(struct stat *st, const struct k_stat *k);

#endif /* NEWLIB_GLUE_H */
