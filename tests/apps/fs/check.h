/* SPDX-License-Identifier: BSD-3-Clause */
/* fs test app: reporting shared by its files. */
#ifndef FS_CHECK_H
#define FS_CHECK_H

#include <stdbool.h>

/* Prints "fs: NAME: ok|FAIL detail"; failures make the exit status. */
void check(const char *name, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* One expected failure: call returned -1 with errno want. */
bool fails_with(int ret, int want);

void test_basic(void);
void test_errors(void);
void test_scale(void);
void test_fdtab(void);
void test_devfs(void);
void test_pipe(void);

#endif /* FS_CHECK_H */
