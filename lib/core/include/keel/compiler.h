/* SPDX-License-Identifier: BSD-3-Clause */
/* Compiler attributes and small helper macros used across Keel. */
#ifndef KEEL_COMPILER_H
#define KEEL_COMPILER_H

#include <stddef.h>

#define __k_used		__attribute__((used))
#define __k_unused		__attribute__((unused))
#define __k_packed		__attribute__((packed))
#define __k_noreturn		__attribute__((noreturn))
#define __k_weak		__attribute__((weak))
#define __k_aligned(n)		__attribute__((aligned(n)))
#define __k_section(s)		__attribute__((section(s)))
#define __k_printf(f, a)	__attribute__((format(printf, f, a)))

#define k_likely(x)		__builtin_expect(!!(x), 1)
#define k_unlikely(x)		__builtin_expect(!!(x), 0)

#define K_STR_(x)		#x
#define K_STR(x)		K_STR_(x)
#define K_ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define K_ALIGN_UP(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define K_ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define K_MIN(a, b)		((a) < (b) ? (a) : (b))
#define K_MAX(a, b)		((a) > (b) ? (a) : (b))
#define k_container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

#endif /* KEEL_COMPILER_H */
