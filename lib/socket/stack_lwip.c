// SPDX-License-Identifier: BSD-3-Clause
/*
 * lib/socket's network-stack side over lwIP's socket API: the one file that sees
 * lwIP's headers (stack.h says why). It turns stack.h's neutral addresses, flags
 * and options into lwIP's and back, and wakes the descriptor table's pollers on
 * every socket event. lwIP reports errors in errno with newlib's values (its
 * arch/cc.h includes newlib's <errno.h>), so they pass through unchanged here; the
 * POSIX side gives them Linux's meaning where lwIP's differs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lwip/api.h"
#include "lwip/ip4.h"
#include "lwip/netif.h"
#include "lwip/sockets.h"
#include "lwip/tcpip.h"
#include "keel_lwip.h"
#include <keel/fdtab.h>
#include <keel/fmt.h>
#include "stack.h"

#ifndef LWIP_ERRNO_STDINCLUDE
#error "lib/socket expects lwIP to report newlib's errno values (arch/cc.h)"
#endif

/* The socket layer's event hook (lib/lwip/patches/0001): wake poll() and select(). */
void k_lwip_socket_event(int s)
{
	(void)s;
	k_fdtab_poll_wake();
}

/* -errno after a failed lwIP call (never 0, even if lwIP forgot to set it). */
static int stack_err(void)
{
	return errno > 0 ? -errno : -EIO;
}

static int stack_ret(int r)
{
	return r < 0 ? stack_err() : r;
}

static int64_t stack_ret64(ssize_t r)
{
	return r < 0 ? stack_err() : (int64_t)r;
}

/* stack.h's address as lwIP's sockaddr; its length, or -EAFNOSUPPORT. */
static int addr_to_lwip(const struct sk_addr *a, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == SK_AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		in->sin_len = sizeof(*in);
		in->sin_family = AF_INET;
		in->sin_port = a->port;
		memcpy(&in->sin_addr, a->ip, 4);
		return sizeof(*in);
	}
#if LWIP_IPV6
	if (a->family == SK_AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

		in6->sin6_len = sizeof(*in6);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = a->port;
		in6->sin6_flowinfo = a->flowinfo;
		memcpy(&in6->sin6_addr, a->ip, 16);
		in6->sin6_scope_id = a->scope_id;
		return sizeof(*in6);
	}
#endif
	if (a->family == SK_AF_UNSPEC) {
		ss->s2_len = sizeof(struct sockaddr);
		ss->ss_family = AF_UNSPEC;
		return sizeof(struct sockaddr);
	}
	return -EAFNOSUPPORT;
}

static int addr_from_lwip(const struct sockaddr_storage *ss, struct sk_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)ss;

		a->family = SK_AF_INET;
		a->port = in->sin_port;
		memcpy(a->ip, &in->sin_addr, 4);
		return 0;
	}
#if LWIP_IPV6
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;

		a->family = SK_AF_INET6;
		a->port = in6->sin6_port;
		a->flowinfo = in6->sin6_flowinfo;
		memcpy(a->ip, &in6->sin6_addr, 16);
		a->scope_id = in6->sin6_scope_id;
		return 0;
	}
#endif
	return -EAFNOSUPPORT;
}

int sk_socket(int family, int type, int protocol)
{
	int lf = family == SK_AF_INET ? AF_INET : family == SK_AF_INET6 ? AF_INET6 : -1;
	int lt = type == SK_STREAM ? SOCK_STREAM : type == SK_DGRAM ? SOCK_DGRAM :
		 type == SK_RAW ? SOCK_RAW : -1;

	if (lf < 0 || (lf == AF_INET6 && !LWIP_IPV6))
		return -EAFNOSUPPORT;
	if (lt < 0)
		return -EPROTOTYPE;
	return stack_ret(lwip_socket(lf, lt, protocol));
}

int sk_close(int s)
{
	return stack_ret(lwip_close(s));
}

int sk_bind(int s, const struct sk_addr *a)
{
	struct sockaddr_storage ss;
	int len = addr_to_lwip(a, &ss);

	if (len < 0)
		return len;
	return stack_ret(lwip_bind(s, (struct sockaddr *)&ss, (socklen_t)len));
}

int sk_connect(int s, const struct sk_addr *a)
{
	struct sockaddr_storage ss;
	int len = addr_to_lwip(a, &ss);

	if (len < 0)
		return len;
	return stack_ret(lwip_connect(s, (struct sockaddr *)&ss, (socklen_t)len));
}

int sk_listen(int s, int backlog)
{
	return stack_ret(lwip_listen(s, backlog));
}

int sk_accept(int s, struct sk_addr *peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int ns = lwip_accept(s, (struct sockaddr *)&ss, &len);

	if (ns < 0)
		return stack_err();
	if (peer && addr_from_lwip(&ss, peer) < 0)
		memset(peer, 0, sizeof(*peer));
	return ns;
}

int sk_shutdown(int s, int how)
{
	int lh = how == 0 ? SHUT_RD : how == 1 ? SHUT_WR : SHUT_RDWR;

	return stack_ret(lwip_shutdown(s, lh));
}

/*
 * A connected UDP socket that was never bound has no local address in lwIP (it is
 * chosen per datagram); Linux reports the one its route gives, and programs use
 * that to learn their own address. Do the same for IPv4.
 */
static void name_fill_local4(int s, struct sockaddr_storage *ss)
{
	struct sockaddr_in *me = (struct sockaddr_in *)ss;
	struct sockaddr_storage ps;
	struct sockaddr_in *peer = (struct sockaddr_in *)&ps;
	socklen_t len = sizeof(ps);
	ip4_addr_t dst;
	struct netif *nif;

	if (ss->ss_family != AF_INET || me->sin_addr.s_addr != 0 ||
	    lwip_getpeername(s, (struct sockaddr *)&ps, &len) || ps.ss_family != AF_INET)
		return;
	ip4_addr_set_u32(&dst, peer->sin_addr.s_addr);
	LOCK_TCPIP_CORE();
	nif = ip4_route(&dst);
	if (nif)
		me->sin_addr.s_addr = ip4_addr_get_u32(netif_ip4_addr(nif));
	UNLOCK_TCPIP_CORE();
}

int sk_getname(int s, int peer, struct sk_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int r = peer ? lwip_getpeername(s, (struct sockaddr *)&ss, &len) :
		       lwip_getsockname(s, (struct sockaddr *)&ss, &len);

	if (r < 0)
		return stack_err();
	if (!peer)
		name_fill_local4(s, &ss);
	return addr_from_lwip(&ss, a);
}

static int flags_to_lwip(int flags)
{
	return (flags & SK_MSG_PEEK ? MSG_PEEK : 0) |
	       (flags & SK_MSG_DONTWAIT ? MSG_DONTWAIT : 0) |
	       (flags & SK_MSG_MORE ? MSG_MORE : 0);
}

/* lwIP's struct iovec is the same two words as stack.h's: the array passes as is. */
_Static_assert(sizeof(struct iovec) == sizeof(struct sk_iov) &&
	       offsetof(struct iovec, iov_len) == offsetof(struct sk_iov, len),
	       "struct iovec differs from struct sk_iov");

int64_t sk_send(int s, const struct sk_iov *iov, int n, int flags, const struct sk_addr *to)
{
	struct sockaddr_storage ss;
	struct msghdr m = { .msg_iov = (struct iovec *)iov, .msg_iovlen = n };
	int lflags = flags_to_lwip(flags), len = 0;

	if (to) {
		len = addr_to_lwip(to, &ss);
		if (len < 0)
			return len;
	}
	if (n == 1)
		return stack_ret64(lwip_sendto(s, iov[0].base, iov[0].len, lflags,
					       to ? (struct sockaddr *)&ss : NULL, (socklen_t)len));
	m.msg_name = to ? &ss : NULL;
	m.msg_namelen = (socklen_t)len;
	return stack_ret64(lwip_sendmsg(s, &m, lflags));
}

/* lwip_recvmsg for every receive: unlike lwip_recvfrom it says when a datagram was cut. */
int64_t sk_recv(int s, const struct sk_iov *iov, int n, int flags, struct sk_addr *from,
		int *from_set, int *out_flags)
{
	struct sockaddr_storage ss = { 0 };
	struct msghdr m = { .msg_name = &ss, .msg_namelen = sizeof(ss),
			    .msg_iov = (struct iovec *)iov, .msg_iovlen = n };
	size_t total = 0;
	int64_t r = lwip_recvmsg(s, &m, flags_to_lwip(flags));

	if (r < 0)
		return stack_err();
	for (int i = 0; i < n; i++)
		total += iov[i].len;
	if (r > (int64_t)total) {	/* lwIP gives a datagram's length, Linux the copy's */
		r = (int64_t)total;
		m.msg_flags |= MSG_TRUNC;
	}
	*out_flags = m.msg_flags & MSG_TRUNC ? SK_MSG_TRUNC : 0;
	*from_set = from && ss.ss_family != AF_UNSPEC && addr_from_lwip(&ss, from) == 0;
	return r;
}

/* (level, name) in lwIP's numbers for each option, in enum sk_opt's order. */
static const struct {
	int level, name;
} opt_lwip[] = {
	[SK_SO_REUSEADDR] = { SOL_SOCKET, SO_REUSEADDR },
	[SK_SO_KEEPALIVE] = { SOL_SOCKET, SO_KEEPALIVE },
	[SK_SO_BROADCAST] = { SOL_SOCKET, SO_BROADCAST },
	[SK_SO_RCVTIMEO] = { SOL_SOCKET, SO_RCVTIMEO },
	[SK_SO_SNDTIMEO] = { SOL_SOCKET, SO_SNDTIMEO },
	[SK_SO_ERROR] = { SOL_SOCKET, SO_ERROR },
	[SK_SO_TYPE] = { SOL_SOCKET, SO_TYPE },
	[SK_SO_RCVBUF] = { SOL_SOCKET, SO_RCVBUF },
	[SK_SO_LINGER] = { SOL_SOCKET, SO_LINGER },
	[SK_SO_ACCEPTCONN] = { SOL_SOCKET, SO_ACCEPTCONN },
	[SK_TCP_NODELAY] = { IPPROTO_TCP, TCP_NODELAY },
	[SK_TCP_KEEPIDLE] = { IPPROTO_TCP, TCP_KEEPIDLE },
	[SK_TCP_KEEPINTVL] = { IPPROTO_TCP, TCP_KEEPINTVL },
	[SK_TCP_KEEPCNT] = { IPPROTO_TCP, TCP_KEEPCNT },
	[SK_IP_TTL] = { IPPROTO_IP, IP_TTL },
	[SK_IP_TOS] = { IPPROTO_IP, IP_TOS },
#if LWIP_IPV6
	[SK_IPV6_V6ONLY] = { IPPROTO_IPV6, IPV6_V6ONLY },
#else
	[SK_IPV6_V6ONLY] = { -1, -1 },	/* no IPv6 sockets exist to ask */
#endif
};

static int opt_is_time(enum sk_opt opt)
{
	return opt == SK_SO_RCVTIMEO || opt == SK_SO_SNDTIMEO;
}

static int type_from_lwip(int t)
{
	return t == SOCK_STREAM ? SK_STREAM : t == SOCK_DGRAM ? SK_DGRAM : SK_RAW;
}

int sk_getopt(int s, enum sk_opt opt, union sk_optval *v)
{
	struct timeval tv = { 0 };
	struct linger l = { 0 };
	int i = 0, r;
	void *p = opt_is_time(opt) ? (void *)&tv : opt == SK_SO_LINGER ? (void *)&l : &i;
	socklen_t len = opt_is_time(opt) ? sizeof(tv) : opt == SK_SO_LINGER ? sizeof(l) : sizeof(i);

	if ((unsigned int)opt >= sizeof(opt_lwip) / sizeof(opt_lwip[0]) || opt_lwip[opt].level < 0)
		return -ENOPROTOOPT;
	r = lwip_getsockopt(s, opt_lwip[opt].level, opt_lwip[opt].name, p, &len);
	if (r < 0)
		return stack_err();
	if (opt_is_time(opt))
		v->usec = (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
	else if (opt == SK_SO_LINGER)
		v->linger.onoff = l.l_onoff, v->linger.secs = l.l_linger;
	else
		v->i = opt == SK_SO_TYPE ? type_from_lwip(i) : i;
	return 0;
}

int sk_setopt(int s, enum sk_opt opt, const union sk_optval *v)
{
	struct timeval tv = { 0 };
	struct linger l = { 0 };
	int i = v->i;
	void *p = opt_is_time(opt) ? (void *)&tv : opt == SK_SO_LINGER ? (void *)&l : &i;
	socklen_t len = opt_is_time(opt) ? sizeof(tv) : opt == SK_SO_LINGER ? sizeof(l) : sizeof(i);

	if ((unsigned int)opt >= sizeof(opt_lwip) / sizeof(opt_lwip[0]) || opt_lwip[opt].level < 0)
		return -ENOPROTOOPT;
	if (opt_is_time(opt)) {
		/* lwIP keeps milliseconds, dropping a remainder: round up, 1 us is not "none". */
		int64_t ms = (v->usec + 999) / 1000;

		if (ms > 0x7fffffff)
			ms = 0x7fffffff;
		tv.tv_sec = ms / 1000;
		tv.tv_usec = (ms % 1000) * 1000;
	} else if (opt == SK_SO_LINGER) {
		l.l_onoff = v->linger.onoff;
		l.l_linger = v->linger.secs;
	}
	return stack_ret(lwip_setsockopt(s, opt_lwip[opt].level, opt_lwip[opt].name, p, len));
}

int sk_set_nonblock(int s, int on)
{
	u32_t arg = on ? 1 : 0;

	return stack_ret(lwip_ioctl(s, (long)FIONBIO, &arg));
}

int sk_nread(int s)
{
	int n = 0;

	if (lwip_ioctl(s, (long)FIONREAD, &n) < 0)
		return stack_err();
	return n;
}

unsigned int sk_poll(int s)
{
	struct pollfd p = { .fd = s, .events = POLLIN | POLLOUT };
	unsigned int r = 0;

	if (lwip_poll(&p, 1, 0) < 0)
		return SK_POLL_ERR;
	if (p.revents & POLLIN)
		r |= SK_POLL_IN;
	if (p.revents & POLLOUT)
		r |= SK_POLL_OUT;
	if (p.revents & (POLLERR | POLLNVAL))
		r |= SK_POLL_ERR;
	return r;
}

/* lwIP's address type for a lookup in family, or -1. */
static int resolve_type(int family)
{
	if (family == SK_AF_INET)
		return NETCONN_DNS_IPV4;
	if (family == SK_AF_INET6 && LWIP_IPV6)
		return NETCONN_DNS_IPV6;
	if (family == SK_AF_UNSPEC)
		return LWIP_IPV6 ? NETCONN_DNS_IPV4_IPV6 : NETCONN_DNS_IPV4;
	return -1;
}

int sk_resolve(const char *name, int family, struct sk_addr *out)
{
	int type = resolve_type(family);
	ip_addr_t addr;
	err_t err;

	if (type < 0)
		return -EAFNOSUPPORT;
	/* Without IPv6, lwIP's macro drops the type: IPv4 is all there is. */
	err = netconn_gethostbyname_addrtype(name, &addr, (u8_t)type);
	if (err == ERR_MEM)
		return -ENOMEM;
	if (err == ERR_ARG)
		return -EINVAL;
	if (err != ERR_OK)
		return -ENOENT;	/* ERR_VAL: no such name, or no server answered */
	memset(out, 0, sizeof(*out));
#if LWIP_IPV6
	if (IP_IS_V6(&addr)) {
		out->family = SK_AF_INET6;
		memcpy(out->ip, ip_2_ip6(&addr)->addr, 16);
		return 0;
	}
#endif
	out->family = SK_AF_INET;
	memcpy(out->ip, &ip_2_ip4(&addr)->addr, 4);
	return 0;
}

/*
 * lwIP names its interfaces "en" plus a number shared with the loopback ("lo"); the
 * network devices are eth0, eth1... in the order lib/lwip added them, which is the
 * order of their numbers. ethN is therefore the "en" interface with N below it.
 */
static int netif_is_eth(const struct netif *nif)
{
	return nif->name[0] == 'e' && nif->name[1] == 'n';
}

static unsigned int netif_eth_rank(const struct netif *nif)
{
	struct netif *o;
	unsigned int rank = 0;

	NETIF_FOREACH(o)
		rank += netif_is_eth(o) && o->num < nif->num;
	return rank;
}

static struct netif *netif_by_name(const char *name)
{
	struct netif *nif;
	unsigned long n;
	char *end;

	if (!strcmp(name, "lo"))
		name = "lo0";
	if (strncmp(name, "eth", 3))
		return netif_find(name);	/* lwIP's own names: "lo0", "en1" */
	n = strtoul(name + 3, &end, 10);
	if (end == name + 3 || *end)
		return NULL;
	NETIF_FOREACH(nif)
		if (netif_is_eth(nif) && netif_eth_rank(nif) == n)
			return nif;
	return NULL;
}

unsigned int sk_if_nametoindex(const char *name)
{
	struct netif *nif;
	unsigned int index;

	LOCK_TCPIP_CORE();
	nif = netif_by_name(name);
	index = nif ? netif_get_index(nif) : 0;
	UNLOCK_TCPIP_CORE();
	return index;
}

/* Names are formatted with k_snprintf: newlib's snprintf would link its floating-point
 * printf into every image with sockets (about 19 KB). */
int sk_if_indextoname(unsigned int index, char name[16])
{
	struct netif *nif;
	int r = 0;

	if (!index || index > 255)
		return -ENXIO;
	LOCK_TCPIP_CORE();
	nif = netif_get_by_index((u8_t)index);
	if (!nif)
		r = -ENXIO;
	else if (netif_is_eth(nif))
		k_snprintf(name, 16, "eth%u", netif_eth_rank(nif));
	else
		k_snprintf(name, 16, "%c%c", nif->name[0], nif->name[1]);
	UNLOCK_TCPIP_CORE();
	return r;
}
