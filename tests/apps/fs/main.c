// SPDX-License-Identifier: BSD-3-Clause
/*
 * fs: in-image conformance of the file API over the fd table, VFS and ramfs, through
 * ordinary POSIX and stdio calls. Every check prints "fs: NAME: ok|FAIL detail"; the
 * exit status is the number of failures (tests/suites/65-fs.sh).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static int failures;

void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[300];
	va_list ap;

	if (ok) {
		printf("fs: %s: ok\n", name);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("fs: %s: FAIL %s\n", name, detail);
	failures++;
}

bool fails_with(int ret, int want)
{
	return ret == -1 && errno == want;
}

int main(int argc, char **argv)
{
	int all = argc < 2;

	for (int i = 1; i < argc || all; i++) {
		const char *g = all ? "all" : argv[i];

		if (all || !strcmp(g, "basic"))
			test_basic();
		if (all || !strcmp(g, "errors"))
			test_errors();
		if (all || !strcmp(g, "fdtab"))
			test_fdtab();
		if (all || !strcmp(g, "scale"))
			test_scale();
		if (all || !strcmp(g, "devfs"))
			test_devfs();
		if (all || !strcmp(g, "pipe"))
			test_pipe();
		all = 0;
	}
	printf("fs: %d failures\n", failures);
	return failures;
}
