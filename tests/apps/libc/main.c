// SPDX-License-Identifier: BSD-3-Clause
/*
 * libc: in-image conformance tests of the C library (newlib and Keel's glue under it).
 * Each argument names a group of checks; every check prints "libc: NAME: ok|FAIL ..."
 * and the exit status is the number of failures. Known answers only: each expected
 * value was worked out on the host, never by the library under test. The exit3,
 * return3 and abort groups end the program instead; tests/suites/57-libc.sh checks
 * how.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static int failures;
/* Set by return3: main returns this at once, before any other output. */
static int return_now = -1;

/* The detail describes what went wrong: it is printed with FAIL only. */
void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[320];
	va_list ap;

	if (ok) {
		printf("libc: %s: ok\n", name);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("libc: %s: FAIL %s\n", name, detail);
	failures++;
}

void tally_fail(struct tally *t, const char *fmt, ...)
{
	va_list ap;

	if (t->bad++)
		return;
	va_start(ap, fmt);
	vsnprintf(t->first, sizeof(t->first), fmt, ap);
	va_end(ap);
}

void tally_check(const char *name, const struct tally *t)
{
	check(name, !t->bad, "%d case(s) wrong, first: %s", t->bad, t->first);
}

/* Runs inside exit(), before stdio's final flush; stderr is unbuffered. */
static void atexit_handler(void)
{
	fprintf(stderr, "libc: atexit ran\n");
}

/* The tail has no newline: only the flush at exit can put it on the console. */
static void test_exit3(void)
{
	if (atexit(atexit_handler)) {
		check("atexit", false, "atexit() failed");
		return;
	}
	printf("libc: unflushed tail");
	exit(3);
}

static void test_return3(void)
{
	printf("libc: unflushed tail");
	return_now = 3;
}

static void test_abort(void)
{
	abort();
}

struct group {
	const char *name;
	void (*run)(void);
};

static const struct group groups[] = {
	{ "printf", test_printf },
	{ "strtod", test_strtod },
	{ "sort", test_sort },
	{ "math", test_math },
	{ "string", test_string },
	{ "malloc", test_malloc },
	{ "time", test_time },
	{ "errno", test_errno },
	{ "threads-printf", test_threads_printf },
	{ "env", test_env },
	{ "unsupported", test_unsupported },
	{ "stdio", test_stdio },
	{ "exit3", test_exit3 },
	{ "return3", test_return3 },
	{ "abort", test_abort },
};

static void run_group(const char *name)
{
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		if (!strcmp(name, groups[i].name)) {
			groups[i].run();
			return;
		}
	}
	check(name, false, "no such test group");
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "slack=", 6)) {
			sleep_slack_ms = (unsigned int)strtoul(argv[i] + 6, NULL, 10);
			continue;
		}
		run_group(argv[i]);
		if (return_now >= 0)
			return return_now;
	}
	printf("libc: %d failures\n", failures);
	return failures;
}
