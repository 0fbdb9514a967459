/* SPDX-License-Identifier: BSD-3-Clause */
/* Fatal errors: panic (a Keel bug: backtrace) and fatal (bad input: one clear line). */
#ifndef KEEL_PANIC_H
#define KEEL_PANIC_H

#include <keel/compiler.h>

/* Exit status the VM reports when Keel itself stops the program. */
#define K_EXIT_PANIC	126
/* Highest exit status a program can report; larger ones are clamped to it. */
#define K_EXIT_MAX	125

/* Print "panic: <msg>", registers where known and a symbolized backtrace, power off. */
__k_noreturn void k_panic(const char *fmt, ...) __k_printf(1, 2);

/* Print "fatal: <msg>" (an error in the input, not in Keel) and power off. */
__k_noreturn void k_fatal(const char *fmt, ...) __k_printf(1, 2);

__k_noreturn void k_assert_failed(const char *expr, const char *file, int line,
				  const char *func);

#define K_ASSERT(cond)							\
	do {								\
		if (k_unlikely(!(cond)))				\
			k_assert_failed(#cond, __FILE__, __LINE__, __func__); \
	} while (0)

/* Print a symbolized backtrace starting at frame pointer fp. */
void k_backtrace_print(const void *fp);

#endif /* KEEL_PANIC_H */
