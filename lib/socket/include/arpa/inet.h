/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Address text conversions (POSIX.1-2017 XSH arpa/inet.h, inet_addr and
 * inet_ntop; RFC 4291 §2.2 and RFC 5952 for IPv6 text).
 */
#ifndef KEEL_ARPA_INET_H
#define KEEL_ARPA_INET_H

#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when src is a valid address of af (into dst), 0 when it is not, -1 (EAFNOSUPPORT). */
int inet_pton(int af, const char *src, void *dst);
/* dst, or NULL with errno EAFNOSUPPORT or ENOSPC (size too small). */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
/* The address, or INADDR_NONE when cp is not one (also for "255.255.255.255"). */
in_addr_t inet_addr(const char *cp);
/* 1 and *inp, or 0: the classic forms a, a.b, a.b.c, a.b.c.d in decimal, octal, hex. */
int inet_aton(const char *cp, struct in_addr *inp);
/* Dotted decimal in a buffer of the calling thread, rewritten by its next call. */
char *inet_ntoa(struct in_addr in);

#ifdef __cplusplus
}
#endif

#endif /* KEEL_ARPA_INET_H */
