/* SPDX-License-Identifier: BSD-3-Clause */
/* klibc: conversions, allocation, exit and abort. */
#ifndef KLIBC_STDLIB_H
#define KLIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int atoi(const char *s);
long atol(const char *s);
int abs(int v);
long labs(long v);
void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void *aligned_alloc(size_t align, size_t size);
int posix_memalign(void **out, size_t align, size_t size);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void abort(void);

#endif /* KLIBC_STDLIB_H */
