/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the socket test apps share: reporting and running groups of checks. sockets
 * compiles report.c; netsock compiles it through its own report.c. Every check prints
 * "APP: NAME: ok|FAIL detail", APP being test_app_name, which each app defines.
 */
#ifndef SOCKET_TESTS_REPORT_H
#define SOCKET_TESTS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const char test_app_name[];

/* Prints "APP: NAME: ok|FAIL detail"; a failure counts. */
void check(const char *name, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The failures so far: the app's exit status. */
int check_failures(void);
/* The call returned -1 with errno want. */
bool fails_with(long ret, int want);
/* Nanoseconds of the monotonic clock. */
uint64_t now_ns(void);

struct test_group {
	const char *name;
	void (*run)(void);
};

/*
 * Runs the group called name, or every group when name is "all", calling after (when
 * not NULL) once each has run. A name no group has is a failed check.
 */
void run_group(const struct test_group *groups, size_t n, const char *name,
	       void (*after)(const struct test_group *g));

#endif /* SOCKET_TESTS_REPORT_H */
