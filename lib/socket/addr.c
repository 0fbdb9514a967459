// SPDX-License-Identifier: BSD-3-Clause
/*
 * Socket addresses between the Linux ABI's layouts (a 16-bit family first, no
 * length byte) and stack.h's neutral form, with the checks Linux makes: a length
 * too short for its family is EINVAL, a family other than IPv4/IPv6 EAFNOSUPPORT;
 * results are cut to the caller's buffer and the full length reported (POSIX XSH
 * 2.10.6 "Socket Address Structures" through getsockname's rules).
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <netinet/in.h>
#include "sock.h"

/* The shortest sockaddr_in6 Linux takes: RFC 2133's, without sin6_scope_id. */
#define SIN6_LEN_RFC2133	24

_Static_assert(sizeof(struct sockaddr_in) == 16 && sizeof(struct sockaddr_in6) == 28 &&
	       sizeof(struct sockaddr_storage) == 128 && sizeof(sa_family_t) == 2,
	       "socket addresses differ from the Linux ABI's");

static int addr_in4(const struct sockaddr_in *in, socklen_t len, struct sk_addr *a)
{
	if (len < sizeof(*in))
		return -EINVAL;
	a->family = SK_AF_INET;
	a->port = in->sin_port;
	memcpy(a->ip, &in->sin_addr, 4);
	return 0;
}

/*
 * Whether an IPv6 address means something only on one link, so that a scope id
 * (an interface index) must say which (RFC 4007 §6): link-local unicast, and
 * multicast of interface-local or link-local scope (RFC 4291 §2.7).
 */
static bool addr_needs_scope(const struct in6_addr *ip)
{
	if (IN6_IS_ADDR_LINKLOCAL(ip))
		return true;
	return IN6_IS_ADDR_MULTICAST(ip) && ((ip->s6_addr[1] & 0x0f) == 1 ||
					     (ip->s6_addr[1] & 0x0f) == 2);
}

/* Linux ignores the scope id of an address that has no scope; so does this. */
static int addr_in6(const struct sockaddr_in6 *in6, socklen_t len, struct sk_addr *a)
{
	if (len < SIN6_LEN_RFC2133)
		return -EINVAL;
	a->family = SK_AF_INET6;
	a->port = in6->sin6_port;
	a->flowinfo = in6->sin6_flowinfo;
	memcpy(a->ip, &in6->sin6_addr, 16);
	if (len >= sizeof(*in6) && addr_needs_scope(&in6->sin6_addr))
		a->scope_id = in6->sin6_scope_id;
	return 0;
}

static int addr_check_scope(const struct sk_addr *a, enum sock_scope_use use)
{
	struct in6_addr ip;
	char name[16];

	if (a->family != SK_AF_INET6)
		return 0;
	memcpy(&ip, a->ip, sizeof(ip));
	if (!addr_needs_scope(&ip))
		return 0;
	if (!a->scope_id)
		return use == SOCK_SCOPE_SEND ? 0 : -EINVAL;
	if (sk_if_indextoname(a->scope_id, name))
		return use == SOCK_SCOPE_BIND ? -ENODEV : -ENETUNREACH;
	return 0;
}

int sock_addr_in(const struct sockaddr *sa, socklen_t len, struct sk_addr *a)
{
	sa_family_t family;

	memset(a, 0, sizeof(*a));
	if (!sa)
		return -EFAULT;
	if (len < sizeof(sa_family_t))
		return -EINVAL;
	memcpy(&family, sa, sizeof(family));	/* the caller's buffer may be unaligned */
	switch (family) {
	case AF_INET: {
		struct sockaddr_in in = { 0 };

		memcpy(&in, sa, len < sizeof(in) ? len : sizeof(in));
		return addr_in4(&in, len, a);
	}
	case AF_INET6: {
		struct sockaddr_in6 in6 = { 0 };

		memcpy(&in6, sa, len < sizeof(in6) ? len : sizeof(in6));
		return addr_in6(&in6, len, a);
	}
	case AF_UNSPEC:
		a->family = SK_AF_UNSPEC;
		return 0;
	default:
		return -EAFNOSUPPORT;
	}
}

int sock_addr_out(const struct sk_addr *a, struct sockaddr *sa, socklen_t *len)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t full;

	if (!sa || !len)
		return -EFAULT;
	if (a->family == SK_AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		in->sin_family = AF_INET;
		in->sin_port = a->port;
		memcpy(&in->sin_addr, a->ip, 4);
		full = sizeof(*in);
	} else if (a->family == SK_AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = a->port;
		in6->sin6_flowinfo = a->flowinfo;
		memcpy(&in6->sin6_addr, a->ip, 16);
		in6->sin6_scope_id = a->scope_id;
		full = sizeof(*in6);
	} else {
		full = sizeof(sa_family_t);	/* AF_UNSPEC: nothing known */
	}
	memcpy(sa, &ss, *len < full ? *len : full);
	*len = full;
	return 0;
}

void sock_addr_map_v4(struct sk_addr *a)
{
	uint8_t v4[4];

	if (a->family != SK_AF_INET)
		return;
	memcpy(v4, a->ip, 4);
	memset(a->ip, 0, 10);
	a->ip[10] = a->ip[11] = 0xff;
	memcpy(a->ip + 12, v4, 4);
	a->family = SK_AF_INET6;
}

int sock_addr_out_for(const struct ksock *ks, struct sk_addr *a, struct sockaddr *sa,
		      socklen_t *len)
{
	if (ks->family == AF_INET6)
		sock_addr_map_v4(a);
	return sock_addr_out(a, sa, len);
}

int sock_addr_for(const struct ksock *ks, const struct sockaddr *sa, socklen_t len,
		  enum sock_scope_use use, struct sk_addr *a)
{
	int r = sock_addr_in(sa, len, a);

	if (r)
		return r;
	if (a->family == SK_AF_UNSPEC && use == SOCK_SCOPE_CONNECT)
		return 0;
	if (a->family != (ks->family == AF_INET ? SK_AF_INET : SK_AF_INET6))
		return -EAFNOSUPPORT;
	return addr_check_scope(a, use);
}
