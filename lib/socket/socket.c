// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sockets as open files of lib/fdtab: socket(), accept() and accept4() create them;
 * read, write, fstat, poll, ioctl and the last close are the file's ops, so dup,
 * dup2, read() and write() work on them as on any descriptor, and the stack's
 * socket is closed when the last descriptor naming it goes. bind, listen, connect,
 * shutdown and the name calls are here too; the transfers are in io.c and the
 * options in sockopt.c.
 */
#include <errno.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <keel/alloc.h>
#include "sock.h"

long sock_ret(long r)
{
	if (r >= 0)
		return r;
	errno = (int)-r;
	return -1;
}

static int64_t sock_file_read(struct k_file *f, void *buf, size_t len, int64_t *pos)
{
	struct iovec iov = { buf, len };
	int mf;

	(void)pos;
	return sock_recv(f, &iov, 1, 0, NULL, NULL, &mf);
}

static int64_t sock_file_write(struct k_file *f, const void *buf, size_t len, int64_t *pos)
{
	struct iovec iov = { (void *)buf, len };

	(void)pos;
	return sock_send(f, &iov, 1, 0, NULL, 0);
}

static int sock_file_fstat(struct k_file *f, struct k_stat *st)
{
	struct ksock *ks = f->priv;

	st->dev = 4;
	st->ino = (uint64_t)ks->s + 1;
	st->mode = K_S_IFSOCK | 0777;
	st->nlink = 1;
	st->blksize = 4096;
	return 0;
}

/*
 * Linux's bits from the stack's readiness: an error is POLLERR, and on a stream
 * also POLLHUP (reset, refused, aborted); a stream is hung up too when both ways
 * are closed, or when it was never connected nor is listening.
 */
static unsigned int sock_file_poll(struct k_file *f, unsigned int events)
{
	struct ksock *ks = f->priv;
	unsigned int got = sk_poll(ks->s), state = sock_state(ks), r = 0;
	int stream = ks->type == SOCK_STREAM;

	(void)events;
	if (got & SK_POLL_IN)
		r |= K_POLLIN | K_POLLRDNORM;
	if (got & SK_POLL_OUT)
		r |= K_POLLOUT | K_POLLWRNORM;
	if (got & SK_POLL_ERR)
		r |= K_POLLERR | (stream ? K_POLLHUP : 0);
	if (!stream)
		return r;
	if ((state & KS_CONNECTING) && (got & SK_POLL_OUT) && !(got & SK_POLL_ERR))
		sock_mark_connected(ks);
	else if (!(state & (KS_CONNECTING | KS_CONNECTED | KS_LISTENING)))
		r |= K_POLLHUP | K_POLLOUT | K_POLLWRNORM;
	if ((state & KS_SHUT_WR) && (state & (KS_EOF | KS_SHUT_RD)))
		r |= K_POLLHUP;
	return r;
}

static int sock_file_ioctl(struct k_file *f, unsigned long req, void *arg)
{
	struct ksock *ks = f->priv;
	int n;

	if (req != FIONREAD)
		return -ENOTTY;
	n = sk_nread(ks->s);
	if (n < 0)
		return n;
	*(int *)arg = n;
	return 0;
}

static void sock_file_release(struct k_file *f)
{
	struct ksock *ks = f->priv;

	sk_close(ks->s);
	k_free(ks);
}

static const struct k_file_ops sock_ops = {
	.read = sock_file_read,
	.write = sock_file_write,
	.fstat = sock_file_fstat,
	.poll = sock_file_poll,
	.ioctl = sock_file_ioctl,
	.release = sock_file_release,
};

int sock_get(int fd, struct k_file **f)
{
	*f = k_fd_get(fd);
	if (!*f)
		return -EBADF;
	if ((*f)->ops != &sock_ops) {
		k_file_put(*f);
		*f = NULL;
		return -ENOTSOCK;
	}
	return 0;
}

long sock_put_ret(struct k_file *f, long r)
{
	if (f)
		k_file_put(f);
	return sock_ret(r);
}

int sock_sync_nonblock(struct k_file *f, struct ksock *ks)
{
	int want = (__atomic_load_n(&f->flags, __ATOMIC_RELAXED) & K_O_NONBLOCK) != 0;
	int r;

	if (__atomic_load_n(&ks->nonblock, __ATOMIC_RELAXED) == want)
		return 0;
	r = sk_set_nonblock(ks->s, want);
	if (!r)
		__atomic_store_n(&ks->nonblock, want, __ATOMIC_RELAXED);
	return r;
}

/*
 * lwIP's errors where Linux's differ: a reset answering a connect is a refusal
 * (RFC 9293 §3.10.7.3); sending on a stream that was connected and is no more is
 * EPIPE; the stack's socket table being full is this program's limit, EMFILE.
 */
int sock_error(struct ksock *ks, int err)
{
	unsigned int state = sock_state(ks);

	if (err == -ECONNRESET && (state & KS_CONNECTING) && !(state & KS_CONNECTED))
		return -ECONNREFUSED;
	if (err == -ENFILE)
		return -EMFILE;
	return err;
}

/* A ksock for the stack's socket s in a new descriptor; the descriptor or -errno. */
static int sock_install(int s, int family, int type, int protocol, int flags,
			unsigned int state)
{
	unsigned int fl = K_O_RDWR | (flags & SOCK_NONBLOCK ? K_O_NONBLOCK : 0) |
			  (flags & SOCK_CLOEXEC ? K_O_CLOEXEC : 0);
	struct ksock *ks = k_calloc(1, sizeof(*ks));
	struct k_file *f;

	if (!ks) {
		sk_close(s);
		return -ENOMEM;
	}
	/* The caller made the stack's socket non-blocking for SOCK_NONBLOCK. */
	*ks = (struct ksock){ .s = s, .family = family, .type = type, .protocol = protocol,
			      .nonblock = !!(flags & SOCK_NONBLOCK), .state = state };
	f = k_file_new(&sock_ops, fl, ks);
	if (!f) {
		sk_close(s);
		k_free(ks);
		return -ENOMEM;
	}
	return k_fd_install(f, 0);	/* -EMFILE: the put closes the socket */
}

/* The protocol a type means, or -EPROTONOSUPPORT for one it cannot carry. */
static int sock_protocol(int type, int protocol)
{
	if (type == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP))
		return IPPROTO_TCP;
	if (type == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP))
		return IPPROTO_UDP;
	if (type == SOCK_RAW && protocol > 0 && protocol < 256)
		return protocol;
	return -EPROTONOSUPPORT;
}

static int sock_create(int domain, int type, int protocol)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC), base = type & ~flags, proto, s;

	if (domain != AF_INET && domain != AF_INET6)
		return -EAFNOSUPPORT;
	if (base != SOCK_STREAM && base != SOCK_DGRAM && base != SOCK_RAW)
		return -EINVAL;
	proto = sock_protocol(base, protocol);
	if (proto < 0)
		return proto;
	s = sk_socket(domain == AF_INET ? SK_AF_INET : SK_AF_INET6,
		      base == SOCK_STREAM ? SK_STREAM : base == SOCK_DGRAM ? SK_DGRAM : SK_RAW,
		      base == SOCK_RAW ? proto : 0);
	if (s < 0)
		return s == -ENFILE ? -EMFILE : s;
	if (flags & SOCK_NONBLOCK) {
		int r = sk_set_nonblock(s, 1);

		if (r) {
			sk_close(s);
			return r;
		}
	}
	return sock_install(s, domain, base, proto, flags, 0);
}

int socket(int domain, int type, int protocol)
{
	return (int)sock_ret(sock_create(domain, type, protocol));
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	(void)domain, (void)type, (void)protocol, (void)sv;
	return (int)sock_ret(-EOPNOTSUPP);
}

static int sock_bind(struct ksock *ks, const struct sockaddr *addr, socklen_t len)
{
	struct sk_addr a;
	int r = sock_addr_for(ks, addr, len, SOCK_SCOPE_BIND, &a);

	return r ? r : sock_error(ks, sk_bind(ks->s, &a));
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_bind(f->priv, addr, len);
	return (int)sock_put_ret(f, r);
}

static int sock_listen(struct ksock *ks, int backlog)
{
	int r = sk_listen(ks->s, backlog < 0 ? 0 : backlog);

	if (!r)
		sock_state_set(ks, KS_LISTENING);
	return r;
}

int listen(int fd, int backlog)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_listen(f->priv, backlog);
	return (int)sock_put_ret(f, r);
}

/* The connect itself: KS_CONNECTING while a non-blocking one is under way. */
static int sock_connect_to(struct k_file *f, struct ksock *ks, const struct sk_addr *a)
{
	int r = sock_sync_nonblock(f, ks);

	if (r)
		return r;
	if (ks->type != SOCK_STREAM) {
		r = sk_connect(ks->s, a);
		if (!r && a->family == SK_AF_UNSPEC)
			sock_state_clear(ks, KS_CONNECTED);
		else if (!r)
			sock_state_set(ks, KS_CONNECTED);
		return r;
	}
	sock_state_set(ks, KS_CONNECTING);
	r = sk_connect(ks->s, a);
	if (r == -EINPROGRESS || r == -EALREADY)
		return r;
	r = sock_error(ks, r);
	if (!r || r == -EISCONN)
		sock_state_set(ks, KS_CONNECTED);
	sock_state_clear(ks, KS_CONNECTING);
	return r;
}

static int sock_connect(struct k_file *f, const struct sockaddr *addr, socklen_t len)
{
	struct ksock *ks = f->priv;
	struct sk_addr a;
	int r = sock_addr_for(ks, addr, len, SOCK_SCOPE_CONNECT, &a);

	return r ? r : sock_connect_to(f, ks, &a);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_connect(f, addr, len);
	return (int)sock_put_ret(f, r);
}

/* The new connection's descriptor, or -errno. */
static int sock_accept(struct k_file *f, struct sockaddr *addr, socklen_t *len, int flags)
{
	struct ksock *ks = f->priv;
	struct sk_addr peer;
	int r = 0, s = -1;

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		r = -EINVAL;
	else if (addr && !len)
		r = -EFAULT;
	if (!r)
		r = sock_sync_nonblock(f, ks);
	if (!r) {
		s = sk_accept(ks->s, &peer);
		r = s < 0 ? sock_error(ks, s) : 0;
	}
	if (!r && (flags & SOCK_NONBLOCK))
		r = sk_set_nonblock(s, 1);
	if (!r) {
		r = sock_install(s, ks->family, ks->type, ks->protocol, flags, KS_CONNECTED);
		if (r >= 0 && addr)
			sock_addr_out_for(ks, &peer, addr, len);
	} else if (s >= 0) {
		sk_close(s);
	}
	return r;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_accept(f, addr, len, flags);
	return (int)sock_put_ret(f, r);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return accept4(fd, addr, len, 0);
}

static int sock_shutdown(struct ksock *ks, int how)
{
	int r;

	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return -EINVAL;
	if (ks->type == SOCK_STREAM &&
	    !(sock_state(ks) & (KS_CONNECTED | KS_CONNECTING | KS_LISTENING)))
		return -ENOTCONN;	/* lwIP would close the unconnected socket instead */
	r = sk_shutdown(ks->s, how);
	if (!r)
		sock_state_set(ks, (how != SHUT_WR ? KS_SHUT_RD : 0) |
				   (how != SHUT_RD ? KS_SHUT_WR : 0));
	return r;
}

int shutdown(int fd, int how)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_shutdown(f->priv, how);
	return (int)sock_put_ret(f, r);
}

static int sock_getname(struct ksock *ks, int peer, struct sockaddr *addr, socklen_t *len)
{
	struct sk_addr a;
	int r;

	if (!addr || !len)
		return -EFAULT;
	r = sk_getname(ks->s, peer, &a);
	return r ? r : sock_addr_out_for(ks, &a, addr, len);
}

static int sock_name(int fd, int peer, struct sockaddr *addr, socklen_t *len)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_getname(f->priv, peer, addr, len);
	return (int)sock_put_ret(f, r);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return sock_name(fd, 0, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return sock_name(fd, 1, addr, len);
}
