// SPDX-License-Identifier: BSD-3-Clause
/* Reporting and group dispatch for the socket test apps (report.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "report.h"

static int failures;

void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("%s: %s: %s%s%s\n", test_app_name, name, ok ? "ok" : "FAIL", *detail ? " " : "",
	       detail);
	failures += !ok;
}

int check_failures(void)
{
	return failures;
}

bool fails_with(long ret, int want)
{
	return ret == -1 && errno == want;
}

uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

void run_group(const struct test_group *groups, size_t n, const char *name,
	       void (*after)(const struct test_group *g))
{
	bool all = !strcmp(name, "all"), found = false;

	for (size_t i = 0; i < n; i++) {
		if (!all && strcmp(name, groups[i].name))
			continue;
		found = true;
		groups[i].run();
		if (after)
			after(&groups[i]);
	}
	if (!found)
		check(name, false, "(no such group)");
}
