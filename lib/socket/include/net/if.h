/* SPDX-License-Identifier: BSD-3-Clause */
/* Network interface names and indexes (POSIX.1-2017 XSH net/if.h), minimal. */
#ifndef KEEL_NET_IF_H
#define KEEL_NET_IF_H

#ifdef __cplusplus
extern "C" {
#endif

#define IF_NAMESIZE	16
#define IFNAMSIZ	IF_NAMESIZE

/* The index (from 1) of the interface called name ("eth0"), or 0 with errno ENODEV. */
unsigned int if_nametoindex(const char *name);
/* name (IF_NAMESIZE bytes) filled in, or NULL with errno ENXIO. */
char *if_indextoname(unsigned int index, char *name);

#ifdef __cplusplus
}
#endif

#endif /* KEEL_NET_IF_H */
