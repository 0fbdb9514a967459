/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by lib/socket's name files (getaddrinfo.c, nameinfo.c). */
#ifndef SOCKET_NAMES_H
#define SOCKET_NAMES_H

#include <netdb.h>
#include "stack.h"

/* A well-known service's port for name (host order), or -1. */
int service_port(const char *name);
/* The name of a well-known port (host order), or NULL. */
const char *service_name(int port);

/*
 * A host given as a number: IPv4 in inet_aton's forms, or IPv6 with an optional
 * "%zone" (an interface name or index). 1 with *a, 0 when host is not numeric.
 */
int host_numeric(const char *host, struct sk_addr *a);

/* An EAI_* value for a negative errno from the resolver (sk_resolve). */
int host_resolve_error(int err);

#endif /* SOCKET_NAMES_H */
