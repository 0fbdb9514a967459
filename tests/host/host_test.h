/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tiny assertion helpers for the host unit tests. A test binary holds suites of cases;
 * `prog --list` names the suites and `prog SUITE` runs one (tests/host/run.sh runs each
 * suite in its own process, so a sanitizer abort in one cannot hide another's result).
 * The first failure of a run is also printed to stdout as "reason: ..." for run.sh.
 *
 * A binary may spread its cases over several files. The one with main() includes this
 * header as it is and so defines the shared state below; each other file defines
 * HOST_TEST_EXTERN before including it, and then only declares that state.
 */
#ifndef HOST_TEST_H
#define HOST_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct t_case {
	const char *name;
	void (*fn)(void);
};

struct t_suite {
	const char *name;
	const struct t_case *cases;	/* ends with { NULL, NULL } */
};

#define T_CASE(fn)	{ #fn, fn }
#define T_END		{ NULL, NULL }

/* Messages printed per case before the rest are only counted. */
#define T_MAX_REPORTS	8

/* The running case and the failure counts: one copy per binary. */
extern const char *t_current;
extern int t_case_failures;
extern int t_total_failures;

void t_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Non-fatal checks: the case goes on so that one run shows several mismatches. */
#define T_EXPECT(cond)							\
	do {								\
		if (!(cond))						\
			t_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

#define T_EXPECT_INT(actual, expected)					\
	do {								\
		long long t_a_ = (long long)(actual);			\
		long long t_e_ = (long long)(expected);			\
		if (t_a_ != t_e_)					\
			t_fail(__FILE__, __LINE__, "%s is %lld, expected %lld", \
			       #actual, t_a_, t_e_);			\
	} while (0)

#define T_EXPECT_UINT(actual, expected)					\
	do {								\
		unsigned long long t_a_ = (unsigned long long)(actual); \
		unsigned long long t_e_ = (unsigned long long)(expected); \
		if (t_a_ != t_e_)					\
			t_fail(__FILE__, __LINE__, "%s is %#llx, expected %#llx", \
			       #actual, t_a_, t_e_);			\
	} while (0)

#define T_EXPECT_STR(actual, expected)					\
	do {								\
		const char *t_a_ = (actual), *t_e_ = (expected);	\
		if (!t_a_ || !t_e_ ? t_a_ != t_e_ : strcmp(t_a_, t_e_) != 0) \
			t_fail(__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", \
			       #actual, t_a_ ? t_a_ : "(NULL)",		\
			       t_e_ ? t_e_ : "(NULL)");			\
	} while (0)

/* Fatal check: ends the current case (for preconditions of what follows). */
#define T_REQUIRE(cond)							\
	do {								\
		if (!(cond)) {						\
			t_fail(__FILE__, __LINE__, "required %s", #cond); \
			return;						\
		}							\
	} while (0)

/* Defined once, in the file with main(). */
#ifndef HOST_TEST_EXTERN
const char *t_current;
int t_case_failures;
int t_total_failures;

void t_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (t_total_failures == 0)
		printf("reason: %s: %s:%d: %s\n", t_current, file, line, msg);
	if (t_case_failures < T_MAX_REPORTS)
		fprintf(stderr, "    %s: %s:%d: %s\n", t_current, file, line, msg);
	t_case_failures++;
	t_total_failures++;
}

static int t_run_suite(const struct t_suite *s)
{
	const struct t_case *c;
	int ran = 0;

	for (c = s->cases; c->name; c++) {
		t_current = c->name;
		t_case_failures = 0;
		c->fn();
		fprintf(stderr, "  %s %s.%s", t_case_failures ? "FAIL" : "ok", s->name, c->name);
		if (t_case_failures > T_MAX_REPORTS)
			fprintf(stderr, " (%d failures)", t_case_failures);
		fputc('\n', stderr);
		ran++;
	}
	printf("ran %d cases, %d failures\n", ran, t_total_failures);
	return t_total_failures ? 1 : 0;
}

static int t_main(int argc, char **argv, const struct t_suite *suites)
{
	const struct t_suite *s;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (s = suites; s->name; s++)
			printf("%s\n", s->name);
		return 0;
	}
	for (s = suites; s->name; s++)
		if (argc == 2 && strcmp(argv[1], s->name) == 0)
			return t_run_suite(s);
	fprintf(stderr, "usage: %s --list | SUITE\n", argv[0]);
	return 2;
}
#endif /* !HOST_TEST_EXTERN */

#endif /* HOST_TEST_H */
