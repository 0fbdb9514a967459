/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's <sys/stat.h> declares lstat() only for a few targets (Cygwin, RTEMS);
 * with the VFS, Keel implements it, so declare it here on top of newlib's header.
 */
#ifndef KEEL_SYS_STAT_H
#define KEEL_SYS_STAT_H

#include_next <sys/stat.h>

int lstat(const char *__restrict path, struct stat *__restrict st);

#endif /* KEEL_SYS_STAT_H */
