/* SPDX-License-Identifier: BSD-3-Clause */
/* libc test app: reporting shared by its files. */
#ifndef LIBC_CHECK_H
#define LIBC_CHECK_H

#include <stdbool.h>
#include <stdio.h>

/* Each check prints "libc: NAME: ok|FAIL detail"; failures make the exit status. */
void check(const char *name, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A check made of many cases: each failing case is counted and the first one kept,
 * so the check's single line says how many failed and shows one in full.
 */
struct tally {
	int bad;
	char first[200];
};

void tally_fail(struct tally *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Report the tally as one check (ok when no case failed). */
void tally_check(const char *name, const struct tally *t);

/* One snprintf case of the printf group: the string and the length it returns. */
void fmt_case(struct tally *t, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void test_printf_float(void);

/* The time group's bound on oversleeping, in ms (argument slack=MS). */
extern unsigned int sleep_slack_ms;

void test_printf(void);
void test_strtod(void);
void test_sort(void);
void test_math(void);
void test_string(void);
void test_malloc(void);
void test_time(void);
void test_errno(void);
void test_threads_printf(void);
void test_env(void);
void test_unsupported(void);
void test_stdio(void);

#endif /* LIBC_CHECK_H */
