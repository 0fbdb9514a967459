/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Keel's formatting engine (printf conversions without floating point). The kernel
 * uses it directly so that logging never depends on which libc the app links.
 * Supported: %d %i %u %x %X %o %c %s %p %%, flags "-+ #0", width and precision
 * (including *), length modifiers hh h l ll z t j.
 */
#ifndef KEEL_FMT_H
#define KEEL_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <keel/compiler.h>

typedef void (*k_fmt_sink)(void *ctx, const char *s, size_t n);

/* Format to a sink; returns the number of characters produced. */
int k_vformat(k_fmt_sink sink, void *ctx, const char *fmt, va_list ap);

/* C99 snprintf semantics: always terminated when size > 0, returns the full length. */
int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int k_snprintf(char *buf, size_t size, const char *fmt, ...) __k_printf(3, 4);

#endif /* KEEL_FMT_H */
