/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/socket's POSIX side, shared by its files: a socket is an open file of
 * lib/fdtab whose priv is a struct ksock naming the stack's socket (stack.h).
 * Everything here uses the Linux ABI's types and newlib's errno values.
 */
#ifndef SOCKET_SOCK_H
#define SOCKET_SOCK_H

#include <sys/socket.h>
#include <keel/fdtab.h>
#include "stack.h"

/* What the socket went through, for the errors and poll bits Linux would give. */
#define KS_CONNECTING	0x01	/* a non-blocking connect is under way */
#define KS_CONNECTED	0x02	/* a connection was established, or a datagram peer set */
#define KS_LISTENING	0x04
#define KS_SHUT_RD	0x08	/* shutdown(SHUT_RD) */
#define KS_SHUT_WR	0x10	/* shutdown(SHUT_WR) */
#define KS_EOF		0x20	/* a receive saw the peer's end of stream */

struct ksock {
	int s;			/* the stack's socket */
	int family;		/* AF_INET, AF_INET6 */
	int type;		/* SOCK_STREAM, SOCK_DGRAM, SOCK_RAW */
	int protocol;		/* IPPROTO_* as given, or the type's default */
	int nonblock;		/* whether the stack's socket is non-blocking now */
	unsigned int state;	/* KS_*, changed atomically */
};

/*
 * The socket at fd: 0 and *f with a file reference (its ksock is (*f)->priv), which
 * sock_put_ret gives back; or -EBADF (not open) or -ENOTSOCK (open, not a socket)
 * and *f NULL.
 */
int sock_get(int fd, struct k_file **f);

/* The end of a call that began with sock_get: puts f (if any) and gives sock_ret(r). */
long sock_put_ret(struct k_file *f, long r);

/*
 * Make the stack's blocking mode follow the file's O_NONBLOCK (fcntl F_SETFL and
 * ioctl FIONBIO only change the file's flags): called before every call that could
 * block. 0 or -errno.
 */
int sock_sync_nonblock(struct k_file *f, struct ksock *ks);

static inline void sock_state_set(struct ksock *ks, unsigned int bits)
{
	__atomic_or_fetch(&ks->state, bits, __ATOMIC_RELAXED);
}

static inline void sock_state_clear(struct ksock *ks, unsigned int bits)
{
	__atomic_and_fetch(&ks->state, ~bits, __ATOMIC_RELAXED);
}

static inline unsigned int sock_state(const struct ksock *ks)
{
	return __atomic_load_n(&ks->state, __ATOMIC_RELAXED);
}

/* Data moved on a stream: a non-blocking connect has completed. */
static inline void sock_mark_connected(struct ksock *ks)
{
	if (sock_state(ks) & KS_CONNECTING) {
		sock_state_set(ks, KS_CONNECTED);
		sock_state_clear(ks, KS_CONNECTING);
	}
}

/* The stack's error given Linux's meaning for this socket (ECONNREFUSED, EPIPE...). */
int sock_error(struct ksock *ks, int err);

/* Linux's sockaddr (with len) to and from stack.h's address; 0 or -errno. */
int sock_addr_in(const struct sockaddr *sa, socklen_t len, struct sk_addr *a);
int sock_addr_out(const struct sk_addr *a, struct sockaddr *sa, socklen_t *len);
/*
 * sock_addr_in for an address a bind, a connect or a send on ks is given: one of
 * another family than the socket's is -EAFNOSUPPORT (but AF_UNSPEC to connect, which
 * dissolves a datagram socket's association). The scope id of an IPv6 address that
 * needs one (link-local unicast, interface- or link-local multicast) is checked as
 * Linux does: none is -EINVAL from bind and connect (a send then takes the route's
 * interface); one that names no interface is -ENODEV from bind, -ENETUNREACH
 * otherwise. Other addresses' scope ids were dropped by sock_addr_in.
 */
enum sock_scope_use { SOCK_SCOPE_BIND, SOCK_SCOPE_CONNECT, SOCK_SCOPE_SEND };
int sock_addr_for(const struct ksock *ks, const struct sockaddr *sa, socklen_t len,
		  enum sock_scope_use use, struct sk_addr *a);
/* An IPv4 address as RFC 4291 §2.5.5.2's v4-mapped IPv6 one (::ffff:a.b.c.d). */
void sock_addr_map_v4(struct sk_addr *a);
/*
 * sock_addr_out for an address of ks's: an IPv6 socket's peer reached over IPv4 is
 * given v4-mapped, as Linux does (lwIP gives accept's and names' as IPv4).
 */
int sock_addr_out_for(const struct ksock *ks, struct sk_addr *a, struct sockaddr *sa,
		      socklen_t *len);

/* Transfers behind send*, recv*, read, write and readv/writev. */
ssize_t sock_send(struct k_file *f, const struct iovec *iov, size_t n, int flags,
		  const struct sockaddr *to, socklen_t tolen);
ssize_t sock_recv(struct k_file *f, const struct iovec *iov, size_t n, int flags,
		  struct sockaddr *from, socklen_t *fromlen, int *msg_flags);

/* r when >= 0; otherwise errno = -r and -1. */
long sock_ret(long r);

#endif /* SOCKET_SOCK_H */
