/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/socket's private interface between its POSIX side (the Linux ABI's types, in
 * every other file) and its network-stack side (stack_lwip.c, the one file that
 * sees lwIP's headers). Only plain C types cross it, so neither side includes the
 * other's headers: lwIP's struct sockaddr has a length byte and an 8-bit family,
 * and its option, flag and poll numbers are not Linux's.
 *
 * A socket is named by the stack's own number (what sk_socket returned). Functions
 * return 0, a count or a socket number, or a negative errno with newlib's values.
 */
#ifndef SOCKET_STACK_H
#define SOCKET_STACK_H

#include <stddef.h>
#include <stdint.h>

#define SK_AF_UNSPEC	0	/* connect(): dissolve a datagram socket's peer */
#define SK_AF_INET	2
#define SK_AF_INET6	10

#define SK_STREAM	1
#define SK_DGRAM	2
#define SK_RAW		3

/* An IPv4 or IPv6 address with a port. */
struct sk_addr {
	int family;		/* SK_AF_* */
	uint16_t port;		/* network byte order */
	uint8_t ip[16];		/* network byte order; IPv4 in the first 4 bytes */
	uint32_t flowinfo;	/* IPv6 only, as sockaddr_in6 holds them */
	uint32_t scope_id;
};

struct sk_iov {
	void *base;
	size_t len;
};

/* Flags of sk_send/sk_recv in; SK_MSG_TRUNC out of sk_recv. */
#define SK_MSG_PEEK	0x1
#define SK_MSG_DONTWAIT	0x2
#define SK_MSG_MORE	0x4
#define SK_MSG_TRUNC	0x8	/* a datagram was longer than the buffers */

/* sk_poll's answer. */
#define SK_POLL_IN	0x1	/* data, a connection or end of file waiting */
#define SK_POLL_OUT	0x2	/* room to send */
#define SK_POLL_ERR	0x4	/* an error happened (a reset, a failed connect) */

/* The options the stack implements; the POSIX side maps (level, name) to these. */
enum sk_opt {
	SK_SO_REUSEADDR,	/* int */
	SK_SO_KEEPALIVE,	/* int */
	SK_SO_BROADCAST,	/* int */
	SK_SO_RCVTIMEO,		/* usec, 0: none */
	SK_SO_SNDTIMEO,		/* usec, 0: none */
	SK_SO_ERROR,		/* int errno, get only: clears it */
	SK_SO_TYPE,		/* int SK_STREAM..., get only */
	SK_SO_RCVBUF,		/* int bytes */
	SK_SO_LINGER,		/* linger */
	SK_SO_ACCEPTCONN,	/* int, get only */
	SK_TCP_NODELAY,		/* int */
	SK_TCP_KEEPIDLE,	/* int seconds */
	SK_TCP_KEEPINTVL,	/* int seconds */
	SK_TCP_KEEPCNT,		/* int */
	SK_IP_TTL,		/* int */
	SK_IP_TOS,		/* int */
	SK_IPV6_V6ONLY,		/* int */
};

union sk_optval {
	int i;
	int64_t usec;
	struct {
		int onoff, secs;
	} linger;
};

int sk_socket(int family, int type, int protocol);
int sk_close(int s);
int sk_bind(int s, const struct sk_addr *a);
int sk_connect(int s, const struct sk_addr *a);
int sk_listen(int s, int backlog);
/* The new connection's socket; its peer into *peer when peer is not NULL. */
int sk_accept(int s, struct sk_addr *peer);
int sk_shutdown(int s, int how);		/* 0 read, 1 write, 2 both */
int sk_getname(int s, int peer, struct sk_addr *a);
/* Gather n buffers into one send (to: NULL for a connected socket). */
int64_t sk_send(int s, const struct sk_iov *iov, int n, int flags, const struct sk_addr *to);
/* Scatter one receive into n buffers; the sender into *from for datagrams when asked. */
int64_t sk_recv(int s, const struct sk_iov *iov, int n, int flags, struct sk_addr *from,
		int *from_set, int *out_flags);
int sk_getopt(int s, enum sk_opt opt, union sk_optval *v);
int sk_setopt(int s, enum sk_opt opt, const union sk_optval *v);
int sk_set_nonblock(int s, int on);
int sk_nread(int s);				/* FIONREAD */
unsigned int sk_poll(int s);			/* SK_POLL_* now, never blocking */

/*
 * The first address of name by DNS (family SK_AF_INET, SK_AF_INET6, or SK_AF_UNSPEC
 * for IPv4 first). 0, -ENOENT (no such name, or no answer), -ENOMEM, -EINVAL
 * (a name too long), -EAFNOSUPPORT.
 */
int sk_resolve(const char *name, int family, struct sk_addr *out);

/* Interfaces: index from 1, names "eth0"... as lib/netdev gives them. */
unsigned int sk_if_nametoindex(const char *name);
int sk_if_indextoname(unsigned int index, char name[16]);

#endif /* SOCKET_STACK_H */
