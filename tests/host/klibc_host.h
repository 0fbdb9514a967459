/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host builds of lib/klibc. Its functions carry the standard names that glibc already
 * owns, so the klibc sources are compiled with -DKLIBC_RENAME -include klibc_host.h:
 * the host's headers are read first, then every klibc name is renamed to k_test_<name>
 * (and errno to the thread-local k_test_errno). Tests include this header without
 * KLIBC_RENAME and get the prototypes of the renamed functions next to glibc's own.
 */
#ifndef KLIBC_HOST_H
#define KLIBC_HOST_H

#include <stddef.h>

extern __thread int k_test_errno;

long k_test_strtol(const char *s, char **end, int base);
unsigned long k_test_strtoul(const char *s, char **end, int base);
long long k_test_strtoll(const char *s, char **end, int base);
unsigned long long k_test_strtoull(const char *s, char **end, int base);
int k_test_atoi(const char *s);
long k_test_atol(const char *s);
int k_test_abs(int v);
long k_test_labs(long v);
void k_test_qsort(void *base, size_t n, size_t size,
		  int (*cmp)(const void *, const void *));
__attribute__((noreturn)) void k_test_exit(int status);
__attribute__((noreturn)) void k_test_abort(void);

void *k_test_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *k_test_memmove(void *dst, const void *src, size_t n);
void *k_test_memset(void *dst, int c, size_t n);
int k_test_memcmp(const void *a, const void *b, size_t n);
void *k_test_memchr(const void *s, int c, size_t n);
size_t k_test_strlen(const char *s);
size_t k_test_strnlen(const char *s, size_t max);
int k_test_strcmp(const char *a, const char *b);
int k_test_strncmp(const char *a, const char *b, size_t n);
char *k_test_strchr(const char *s, int c);
char *k_test_strrchr(const char *s, int c);
char *k_test_strstr(const char *haystack, const char *needle);
char *k_test_strcpy(char *restrict dst, const char *restrict src);
char *k_test_strncpy(char *restrict dst, const char *restrict src, size_t n);
char *k_test_strcat(char *restrict dst, const char *restrict src);
size_t k_test_strspn(const char *s, const char *accept);
size_t k_test_strcspn(const char *s, const char *reject);

#ifdef KLIBC_RENAME
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#undef errno
#define errno		k_test_errno
#define strtol		k_test_strtol
#define strtoul		k_test_strtoul
#define strtoll		k_test_strtoll
#define strtoull	k_test_strtoull
#define atoi		k_test_atoi
#define atol		k_test_atol
#define abs		k_test_abs
#define labs		k_test_labs
#define qsort		k_test_qsort
#define exit		k_test_exit
#define abort		k_test_abort
#define memcpy		k_test_memcpy
#define memmove		k_test_memmove
#define memset		k_test_memset
#define memcmp		k_test_memcmp
#define memchr		k_test_memchr
#define strlen		k_test_strlen
#define strnlen		k_test_strnlen
#define strcmp		k_test_strcmp
#define strncmp		k_test_strncmp
#define strchr		k_test_strchr
#define strrchr		k_test_strrchr
#define strstr		k_test_strstr
#define strcpy		k_test_strcpy
#define strncpy		k_test_strncpy
#define strcat		k_test_strcat
#define strspn		k_test_strspn
#define strcspn		k_test_strcspn
#endif /* KLIBC_RENAME */

#endif /* KLIBC_HOST_H */
