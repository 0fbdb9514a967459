/* SPDX-License-Identifier: BSD-3-Clause */
/* klibc: assert() reports through Keel's panic (message, backtrace, exit status 126). */
#ifndef KLIBC_ASSERT_H
#define KLIBC_ASSERT_H

__attribute__((noreturn)) void k_assert_failed(const char *expr, const char *file,
					       int line, const char *func);

#ifdef NDEBUG
#define assert(c)	((void)0)
#else
#define assert(c)	((c) ? (void)0 : k_assert_failed(#c, __FILE__, __LINE__, __func__))
#endif

#endif /* KLIBC_ASSERT_H */
