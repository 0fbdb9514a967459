// SPDX-License-Identifier: BSD-3-Clause
/*
 * getaddrinfo, freeaddrinfo and gai_strerror (POSIX.1-2017 XSH freeaddrinfo; RFC
 * 3493 §6.1). Hosts are numeric addresses, "localhost", or names resolved by DNS
 * (sk_resolve: lwIP's resolver with the servers from DHCP or netdev.dns=, one
 * address per family). Each result is one allocation holding the addrinfo and
 * its address; IPv4 results come before IPv6 ones.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netdb.h>
#include "names.h"
#include "sock.h"

#define AI_KNOWN	(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | \
			 AI_ADDRCONFIG | AI_NUMERICSERV)
#define ADDRS_MAX	4	/* addresses one lookup gives at most */

struct ai_entry {
	struct addrinfo ai;
	struct sockaddr_in6 sa;		/* the larger of the two families */
};

struct ai_query {
	int flags, family, socktype, protocol;
	int port;			/* host order */
	struct sk_addr addr[ADDRS_MAX];
	int naddr;
};

static int ai_check_hints(const struct addrinfo *h, struct ai_query *q)
{
	*q = (struct ai_query){ .family = AF_UNSPEC };
	if (!h)
		return 0;
	if (h->ai_flags & ~AI_KNOWN)
		return EAI_BADFLAGS;
	if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET && h->ai_family != AF_INET6)
		return EAI_FAMILY;
	if (h->ai_socktype && h->ai_socktype != SOCK_STREAM && h->ai_socktype != SOCK_DGRAM &&
	    h->ai_socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	if ((h->ai_socktype == SOCK_STREAM && h->ai_protocol && h->ai_protocol != IPPROTO_TCP) ||
	    (h->ai_socktype == SOCK_DGRAM && h->ai_protocol && h->ai_protocol != IPPROTO_UDP))
		return EAI_SOCKTYPE;
	q->flags = h->ai_flags;
	q->family = h->ai_family;
	q->socktype = h->ai_socktype;
	q->protocol = h->ai_protocol;
	return 0;
}

/* A port number or a known name; EAI_NONAME for a name under AI_NUMERICSERV. */
static int ai_service(const char *service, struct ai_query *q)
{
	char *end;
	long port;

	q->port = 0;
	if (!service)
		return 0;
	if (q->socktype == SOCK_RAW)
		return EAI_SERVICE;	/* raw sockets have no ports */
	port = strtol(service, &end, 10);
	if (*service >= '0' && *service <= '9' && !*end) {
		if (port > 65535)
			return EAI_SERVICE;
		q->port = (int)port;
		return 0;
	}
	if (q->flags & AI_NUMERICSERV)
		return EAI_NONAME;
	q->port = service_port(service);
	return q->port < 0 ? EAI_SERVICE : 0;
}

static void ai_add(struct ai_query *q, int family, const uint8_t *ip)
{
	struct sk_addr *a = &q->addr[q->naddr++];

	*a = (struct sk_addr){ .family = family };
	memcpy(a->ip, ip, family == SK_AF_INET ? 4 : 16);
}

/* The wildcard (AI_PASSIVE) or loopback addresses of the families asked for. */
static void ai_no_host(struct ai_query *q)
{
	static const uint8_t any[16], lo4[4] = { 127, 0, 0, 1 };
	int passive = q->flags & AI_PASSIVE;

	if (q->family != AF_INET6)
		ai_add(q, SK_AF_INET, passive ? any : lo4);
	if (q->family != AF_INET)
		ai_add(q, SK_AF_INET6, passive ? any : in6addr_loopback.s6_addr);
}

static int ai_numeric(const char *node, struct ai_query *q)
{
	struct sk_addr a;

	if (!host_numeric(node, &a))
		return (q->flags & AI_NUMERICHOST) ? EAI_NONAME : 1;
	if (q->family == AF_INET6 && a.family == SK_AF_INET && (q->flags & AI_V4MAPPED))
		sock_addr_map_v4(&a);
	if ((q->family == AF_INET && a.family != SK_AF_INET) ||
	    (q->family == AF_INET6 && a.family != SK_AF_INET6))
		return EAI_ADDRFAMILY;
	q->addr[q->naddr++] = a;
	return 0;
}

/* Names: "localhost" without asking anyone (there is no hosts file), else DNS. */
static int ai_lookup(const char *node, struct ai_query *q)
{
	int family = q->family == AF_INET ? SK_AF_INET :
		     q->family == AF_INET6 ? SK_AF_INET6 : SK_AF_UNSPEC;
	int r;

	if (!strcmp(node, "localhost")) {
		q->flags &= ~AI_PASSIVE;
		ai_no_host(q);
		return 0;
	}
	r = sk_resolve(node, family, &q->addr[0]);
	if (r == -ENOENT && family == SK_AF_INET6 && (q->flags & AI_V4MAPPED)) {
		r = sk_resolve(node, SK_AF_INET, &q->addr[0]);
		if (!r)
			sock_addr_map_v4(&q->addr[0]);
	}
	if (r)
		return host_resolve_error(r);
	q->naddr = 1;
	return 0;
}

static struct addrinfo *ai_entry_new(const struct sk_addr *a, int socktype, int protocol,
				     int port)
{
	struct ai_entry *e = calloc(1, sizeof(*e));
	socklen_t len = sizeof(e->sa);
	struct sk_addr with_port = *a;

	if (!e)
		return NULL;
	with_port.port = htons((uint16_t)port);
	sock_addr_out(&with_port, (struct sockaddr *)&e->sa, &len);
	e->ai.ai_family = a->family == SK_AF_INET ? AF_INET : AF_INET6;
	e->ai.ai_socktype = socktype;
	e->ai.ai_protocol = protocol;
	e->ai.ai_addrlen = len;
	e->ai.ai_addr = (struct sockaddr *)&e->sa;
	return &e->ai;
}

/* One entry per address and socket type (all three when none was asked for). */
static int ai_build(const struct ai_query *q, const char *node, struct addrinfo **res)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_RAW };
	struct addrinfo *head = NULL, **tail = &head;

	for (int i = 0; i < q->naddr; i++) {
		for (size_t t = 0; t < 3; t++) {
			int type = types[t], proto;

			if (q->socktype ? type != q->socktype : (type == SOCK_RAW && q->port))
				continue;
			proto = type == SOCK_STREAM ? IPPROTO_TCP :
				type == SOCK_DGRAM ? IPPROTO_UDP : q->protocol;
			*tail = ai_entry_new(&q->addr[i], type, proto, q->port);
			if (!*tail)
				goto err_free;
			tail = &(*tail)->ai_next;
		}
	}
	if (head && (q->flags & AI_CANONNAME) && !(head->ai_canonname = strdup(node)))
		goto err_free;
	*res = head;
	return head ? 0 : EAI_NONAME;
err_free:
	freeaddrinfo(head);
	return EAI_MEMORY;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res)
{
	struct ai_query q;
	int r;

	if (!res)
		return EAI_SYSTEM;
	*res = NULL;
	if (!node && !service)
		return EAI_NONAME;
	r = ai_check_hints(hints, &q);
	if (!r && !node && (q.flags & AI_CANONNAME))
		r = EAI_BADFLAGS;
	if (!r)
		r = ai_service(service, &q);
	if (r)
		return r;
	if (!node) {
		ai_no_host(&q);
	} else {
		r = ai_numeric(node, &q);
		if (r == 1)
			r = ai_lookup(node, &q);
		if (r)
			return r;
	}
	return ai_build(&q, node, res);
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;

		free(res->ai_canonname);
		free(res);	/* the entry and its address: one allocation */
		res = next;
	}
}

const char *gai_strerror(int err)
{
	switch (err) {
	case 0: return "Success";
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_NODATA: return "No address associated with hostname";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_ADDRFAMILY: return "Address family for hostname not supported";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	case EAI_OVERFLOW: return "Argument buffer overflow";
	default: return "Unknown error";
	}
}
