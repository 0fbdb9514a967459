// SPDX-License-Identifier: BSD-3-Clause
/*
 * Data on sockets: send, recv, sendto, recvfrom, sendmsg, recvmsg, and the read and
 * write ops of a socket's file; readv and writev on any descriptor. Linux's MSG_*
 * flags are checked and translated here; a flag Keel cannot honour fails with
 * EOPNOTSUPP rather than being dropped. MSG_WAITALL is done here, since lwIP
 * returns what it has.
 */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/uio.h>
#include <keel/alloc.h>
#include "sock.h"

#define IOV_ONSTACK	8	/* buffers handled without an allocation */

#define SEND_FLAGS	(MSG_DONTWAIT | MSG_MORE | MSG_NOSIGNAL)
#define RECV_FLAGS	(MSG_PEEK | MSG_DONTWAIT | MSG_WAITALL | MSG_NOSIGNAL)

static int flags_to_stack(int flags)
{
	return (flags & MSG_PEEK ? SK_MSG_PEEK : 0) | (flags & MSG_DONTWAIT ? SK_MSG_DONTWAIT : 0) |
	       (flags & MSG_MORE ? SK_MSG_MORE : 0);
}

/* The non-empty buffers of iov as stack.h's, into out (n entries); their count. */
static int iov_pack(struct sk_iov *out, const struct iovec *iov, size_t n, size_t *total)
{
	int k = 0;

	*total = 0;
	for (size_t i = 0; i < n; i++) {
		if (!iov[i].iov_len)
			continue;
		out[k++] = (struct sk_iov){ iov[i].iov_base, iov[i].iov_len };
		*total += iov[i].iov_len;
	}
	return k;
}

/* Drop the first done bytes from the buffers (MSG_WAITALL); the buffers left. */
static int iov_advance(struct sk_iov *iov, int n, size_t done)
{
	int i = 0;

	while (i < n && done >= iov[i].len)
		done -= iov[i++].len;
	if (i < n) {
		iov[i].base = (char *)iov[i].base + done;
		iov[i].len -= done;
	}
	memmove(iov, iov + i, (size_t)(n - i) * sizeof(*iov));
	return n - i;
}

static int64_t send_packed(struct k_file *f, struct ksock *ks, struct sk_iov *v, int k,
			   int flags, const struct sk_addr *to)
{
	static char empty;
	struct sk_iov none = { &empty, 0 };
	int64_t r;

	if (!k && ks->type == SOCK_STREAM)
		return 0;	/* nothing to send on a stream */
	if (!to && ks->type != SOCK_STREAM && !(sock_state(ks) & KS_CONNECTED))
		return -EDESTADDRREQ;	/* lwIP would send to 0.0.0.0 port 0 */
	r = sock_sync_nonblock(f, ks);
	if (!r)
		r = sk_send(ks->s, k ? v : &none, k ? k : 1, flags_to_stack(flags), to);
	if (ks->type != SOCK_STREAM)
		return r;
	if (r >= 0) {
		sock_mark_connected(ks);
		return r;
	}
	/* lwIP says "not connected" once a stream is shut or reset: Linux says EPIPE. */
	if (r == -ENOTCONN && (sock_state(ks) & (KS_CONNECTED | KS_SHUT_WR)))
		return -EPIPE;
	return sock_error(ks, (int)r);
}

ssize_t sock_send(struct k_file *f, const struct iovec *iov, size_t n, int flags,
		  const struct sockaddr *to, socklen_t tolen)
{
	struct ksock *ks = f->priv;
	struct sk_iov onstack[IOV_ONSTACK], *v = onstack;
	struct sk_addr a, *ap = NULL;
	size_t total;
	int64_t r;

	if (flags & ~SEND_FLAGS)
		return -EOPNOTSUPP;
	if (n > IOV_MAX)
		return -EMSGSIZE;
	if (to && ks->type != SOCK_STREAM) {	/* a stream ignores it, as on Linux */
		r = sock_addr_for(ks, to, tolen, SOCK_SCOPE_SEND, &a);
		if (r)
			return r;
		ap = &a;
	}
	if (n > IOV_ONSTACK && !(v = k_malloc(n * sizeof(*v))))
		return -ENOMEM;
	r = send_packed(f, ks, v, iov_pack(v, iov, n, &total), flags, ap);
	if (v != onstack)
		k_free(v);
	return r;
}

/* One receive, or with MSG_WAITALL on a stream as many as fill the buffers. */
static int64_t recv_packed(struct ksock *ks, struct sk_iov *v, int k, size_t total, int flags,
			   struct sk_addr *from, int *from_set, int *out_flags)
{
	int waitall = (flags & MSG_WAITALL) && !(flags & MSG_PEEK) && ks->type == SOCK_STREAM;
	size_t done = 0;
	int64_t r;

	for (;;) {
		r = sk_recv(ks->s, v, k, flags_to_stack(flags), from, from_set, out_flags);
		if (r <= 0)
			break;
		done += (size_t)r;
		if (!waitall || done == total)
			break;
		k = iov_advance(v, k, (size_t)r);
	}
	if (ks->type == SOCK_STREAM && r == 0 && total)
		sock_state_set(ks, KS_EOF);
	if (done && ks->type == SOCK_STREAM)
		sock_mark_connected(ks);
	if (done)
		return (int64_t)done;	/* an error after some data: the data */
	return r < 0 ? sock_error(ks, (int)r) : r;
}

/* A datagram received into no buffer is still taken off the queue, truncated. */
static int64_t recv_nothing(struct ksock *ks, int flags, struct sk_addr *from, int *from_set,
			    int *out_flags)
{
	char scratch;
	struct sk_iov one = { &scratch, 1 };
	int64_t r;

	if (ks->type == SOCK_STREAM)
		return 0;
	r = sk_recv(ks->s, &one, 1, flags_to_stack(flags), from, from_set, out_flags);
	if (r < 0)
		return sock_error(ks, (int)r);
	if (r > 0)
		*out_flags |= SK_MSG_TRUNC;
	return 0;
}

ssize_t sock_recv(struct k_file *f, const struct iovec *iov, size_t n, int flags,
		  struct sockaddr *from, socklen_t *fromlen, int *msg_flags)
{
	struct ksock *ks = f->priv;
	struct sk_iov onstack[IOV_ONSTACK], *v = onstack;
	struct sk_addr a;
	int from_set = 0, k, out = 0;
	size_t total;
	int64_t r;

	*msg_flags = 0;
	if (flags & ~RECV_FLAGS)
		return -EOPNOTSUPP;
	if (n > IOV_MAX)
		return -EMSGSIZE;
	if (from && !fromlen)
		return -EFAULT;
	if (n > IOV_ONSTACK && !(v = k_malloc(n * sizeof(*v))))
		return -ENOMEM;
	k = iov_pack(v, iov, n, &total);
	r = sock_sync_nonblock(f, ks);
	if (!r)
		r = k ? recv_packed(ks, v, k, total, flags, &a, &from_set, &out) :
			recv_nothing(ks, flags, &a, &from_set, &out);
	if (v != onstack)
		k_free(v);
	if (r < 0)
		return r;
	if (from && from_set)
		sock_addr_out_for(ks, &a, from, fromlen);
	else if (from)
		*fromlen = 0;	/* a stream: no address, as Linux reports it */
	*msg_flags = out & SK_MSG_TRUNC ? MSG_TRUNC : 0;
	return r;
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen)
{
	struct iovec iov = { (void *)buf, len };
	struct k_file *f;
	ssize_t r = sock_get(fd, &f);

	if (!r)
		r = sock_send(f, &iov, 1, flags, to, tolen);
	return sock_put_ret(f, r);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, NULL, NULL);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen)
{
	struct iovec iov = { buf, len };
	struct k_file *f;
	ssize_t r = sock_get(fd, &f);
	int mf;

	if (!r)
		r = sock_recv(f, &iov, 1, flags, from, fromlen, &mf);
	return sock_put_ret(f, r);
}

static ssize_t sock_sendmsg(struct k_file *f, const struct msghdr *msg, int flags)
{
	if (!msg || (msg->msg_iovlen && !msg->msg_iov))
		return -EFAULT;
	if (msg->msg_controllen)
		return -EOPNOTSUPP;	/* no ancillary data is understood */
	return sock_send(f, msg->msg_iov, msg->msg_iovlen, flags, msg->msg_name,
			 msg->msg_namelen);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct k_file *f;
	ssize_t r = sock_get(fd, &f);

	if (!r)
		r = sock_sendmsg(f, msg, flags);
	return sock_put_ret(f, r);
}

static ssize_t sock_recvmsg(struct k_file *f, struct msghdr *msg, int flags)
{
	ssize_t r;
	int mf = 0;

	if (!msg || (msg->msg_iovlen && !msg->msg_iov))
		return -EFAULT;
	r = sock_recv(f, msg->msg_iov, msg->msg_iovlen, flags, msg->msg_name,
		      msg->msg_name ? &msg->msg_namelen : NULL, &mf);
	if (r >= 0) {
		msg->msg_controllen = 0;	/* never any ancillary data */
		msg->msg_flags = mf;
	}
	return r;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct k_file *f;
	ssize_t r = sock_get(fd, &f);

	if (!r)
		r = sock_recvmsg(f, msg, flags);
	return sock_put_ret(f, r);
}

/* readv/writev on a file that is not a socket: buffer by buffer until one is short. */
static ssize_t rw_each(int fd, const struct iovec *iov, int n, int write)
{
	ssize_t done = 0;

	for (int i = 0; i < n; i++) {
		int64_t r = write ? k_fd_write(fd, iov[i].iov_base, iov[i].iov_len) :
				    k_fd_read(fd, iov[i].iov_base, iov[i].iov_len);

		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return done;
}

static ssize_t rw_vector(int fd, const struct iovec *iov, int n, int write)
{
	struct k_file *f;
	size_t total = 0;
	int mf;
	ssize_t r;

	if (n < 0 || n > IOV_MAX || (n && !iov))
		return sock_ret(n < 0 || n > IOV_MAX ? -EINVAL : -EFAULT);
	for (int i = 0; i < n; i++) {
		if (iov[i].iov_len > SIZE_MAX / 2 - total)
			return sock_ret(-EINVAL);
		total += iov[i].iov_len;
	}
	r = sock_get(fd, &f);
	if (r == -ENOTSOCK)
		r = rw_each(fd, iov, n, write);
	else if (!r)
		r = write ? sock_send(f, iov, (size_t)n, 0, NULL, 0) :
			    sock_recv(f, iov, (size_t)n, 0, NULL, NULL, &mf);
	return sock_put_ret(f, r);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return rw_vector(fd, iov, iovcnt, 0);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return rw_vector(fd, iov, iovcnt, 1);
}
