// SPDX-License-Identifier: BSD-3-Clause
/*
 * setsockopt, getsockopt and ioctl. Options are looked up by Linux's (level, name)
 * in a table that says how the value is laid out; an option that is not in it
 * fails with ENOPROTOOPT, never silently. Boolean options read back as 0 or 1, as on
 * Linux (lwIP answers with its flag bit).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include "sock.h"

enum opt_kind {
	OPT_BOOL,	/* int, 0 or non-zero */
	OPT_INT,	/* int */
	OPT_TIME,	/* struct timeval */
	OPT_LINGER,	/* struct linger */
};

struct opt {
	int level, name;
	enum sk_opt opt;
	enum opt_kind kind;
	int get_only;
	int stream_only;	/* ENOPROTOOPT on other sockets, as Linux says for TCP_* */
};

static const struct opt opts[] = {
	{ SOL_SOCKET, SO_REUSEADDR, SK_SO_REUSEADDR, OPT_BOOL, 0, 0 },
	{ SOL_SOCKET, SO_KEEPALIVE, SK_SO_KEEPALIVE, OPT_BOOL, 0, 0 },
	{ SOL_SOCKET, SO_BROADCAST, SK_SO_BROADCAST, OPT_BOOL, 0, 0 },
	{ SOL_SOCKET, SO_RCVTIMEO, SK_SO_RCVTIMEO, OPT_TIME, 0, 0 },
	{ SOL_SOCKET, SO_SNDTIMEO, SK_SO_SNDTIMEO, OPT_TIME, 0, 0 },
	{ SOL_SOCKET, SO_ERROR, SK_SO_ERROR, OPT_INT, 1, 0 },
	{ SOL_SOCKET, SO_RCVBUF, SK_SO_RCVBUF, OPT_INT, 0, 0 },
	{ SOL_SOCKET, SO_LINGER, SK_SO_LINGER, OPT_LINGER, 0, 0 },
	{ SOL_SOCKET, SO_ACCEPTCONN, SK_SO_ACCEPTCONN, OPT_BOOL, 1, 0 },
	{ IPPROTO_TCP, TCP_NODELAY, SK_TCP_NODELAY, OPT_BOOL, 0, 1 },
	{ IPPROTO_TCP, TCP_KEEPIDLE, SK_TCP_KEEPIDLE, OPT_INT, 0, 1 },
	{ IPPROTO_TCP, TCP_KEEPINTVL, SK_TCP_KEEPINTVL, OPT_INT, 0, 1 },
	{ IPPROTO_TCP, TCP_KEEPCNT, SK_TCP_KEEPCNT, OPT_INT, 0, 1 },
	{ IPPROTO_IP, IP_TTL, SK_IP_TTL, OPT_INT, 0, 0 },
	{ IPPROTO_IP, IP_TOS, SK_IP_TOS, OPT_INT, 0, 0 },
	{ IPPROTO_IPV6, IPV6_V6ONLY, SK_IPV6_V6ONLY, OPT_BOOL, 0, 0 },
};

static const struct opt *opt_find(const struct ksock *ks, int level, int name)
{
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		const struct opt *o = &opts[i];

		if (o->level != level || o->name != name)
			continue;
		if ((o->stream_only && ks->type != SOCK_STREAM) ||
		    (level == IPPROTO_IPV6 && ks->family != AF_INET6) ||
		    (level == IPPROTO_IP && ks->family != AF_INET))
			return NULL;
		return o;
	}
	return NULL;
}

/* The caller's value in stack.h's form; 0, -EINVAL (too short), -EDOM (bad time). */
static int opt_value_in(const struct opt *o, const void *val, socklen_t len,
			union sk_optval *v)
{
	if (!val)
		return -EFAULT;
	if (o->kind == OPT_TIME) {
		struct timeval tv;

		if (len < sizeof(tv))
			return -EINVAL;
		memcpy(&tv, val, sizeof(tv));
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EDOM;
		/* Linux: a negative time is no timeout (0). */
		v->usec = tv.tv_sec < 0 ? 0 : (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
	} else if (o->kind == OPT_LINGER) {
		struct linger l;

		if (len < sizeof(l))
			return -EINVAL;
		memcpy(&l, val, sizeof(l));
		v->linger.onoff = l.l_onoff;
		v->linger.secs = l.l_linger;
	} else {
		if (len < sizeof(int))
			return -EINVAL;
		memcpy(&v->i, val, sizeof(int));
		if (o->kind == OPT_BOOL)
			v->i = v->i != 0;
	}
	return 0;
}

/* Linux's getsockopt: the value cut to the caller's length, which says what was written. */
static void opt_value_out(const struct opt *o, const union sk_optval *v, void *val,
			  socklen_t *len)
{
	struct timeval tv;
	struct linger l;
	int i;
	const void *p = &i;
	socklen_t full = sizeof(i);

	if (o->kind == OPT_TIME) {
		tv.tv_sec = (time_t)(v->usec / 1000000);
		tv.tv_usec = (suseconds_t)(v->usec % 1000000);
		p = &tv;
		full = sizeof(tv);
	} else if (o->kind == OPT_LINGER) {
		l.l_onoff = v->linger.onoff;
		l.l_linger = v->linger.secs;
		p = &l;
		full = sizeof(l);
	} else {
		i = o->kind == OPT_BOOL ? v->i != 0 : v->i;
	}
	if (*len > full)
		*len = full;
	memcpy(val, p, *len);
}

static int sock_setopt(struct ksock *ks, int level, int name, const void *val, socklen_t len)
{
	const struct opt *o = opt_find(ks, level, name);
	union sk_optval v;
	int r;

	if (!o)
		return -ENOPROTOOPT;
	if (o->get_only)
		return -ENOPROTOOPT;	/* Linux's answer for SO_ERROR, SO_TYPE... */
	r = opt_value_in(o, val, len, &v);
	return r ? r : sk_setopt(ks->s, o->opt, &v);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_setopt(f->priv, level, name, val, len);
	return (int)sock_put_ret(f, r);
}

/* Options the socket knows itself: its type, family and protocol. */
static int sock_getopt_own(const struct ksock *ks, int name, int *i)
{
	switch (name) {
	case SO_TYPE:
		*i = ks->type;
		return 0;
	case SO_DOMAIN:
		*i = ks->family;
		return 0;
	case SO_PROTOCOL:
		*i = ks->protocol;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static int sock_getopt(struct ksock *ks, int level, int name, void *val, socklen_t *len)
{
	static const struct opt own = { SOL_SOCKET, 0, 0, OPT_INT, 1, 0 };
	const struct opt *o = opt_find(ks, level, name);
	union sk_optval v;
	int r;

	if (!val || !len)
		return -EFAULT;
	if ((int)*len < 0)
		return -EINVAL;
	if (!o && level == SOL_SOCKET && !sock_getopt_own(ks, name, &v.i)) {
		opt_value_out(&own, &v, val, len);
		return 0;
	}
	if (!o)
		return -ENOPROTOOPT;
	r = sk_getopt(ks->s, o->opt, &v);
	if (r)
		return r;
	if (o->opt == SK_SO_ERROR && v.i)
		v.i = -sock_error(ks, -v.i);	/* ECONNRESET of a connect: ECONNREFUSED */
	opt_value_out(o, &v, val, len);
	return 0;
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	struct k_file *f;
	int r = sock_get(fd, &f);

	if (!r)
		r = sock_getopt(f->priv, level, name, val, len);
	return (int)sock_put_ret(f, r);
}

/*
 * FIONBIO is the file's O_NONBLOCK on any descriptor (a socket's stack follows it
 * at its next call); other requests go to the file's ioctl op.
 */
int ioctl(int fd, unsigned long request, ...)
{
	struct k_file *f;
	va_list ap;
	void *arg;
	int r;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (request == FIONBIO) {
		int fl = k_fd_getfl(fd), on;

		if (fl < 0)
			return (int)sock_ret(fl);
		if (!arg)
			return (int)sock_ret(-EFAULT);
		memcpy(&on, arg, sizeof(on));
		return (int)sock_ret(k_fd_setfl(fd, on ? fl | K_O_NONBLOCK : fl & ~K_O_NONBLOCK));
	}
	f = k_fd_get(fd);
	if (!f)
		return (int)sock_ret(-EBADF);
	r = f->ops->ioctl ? (arg ? f->ops->ioctl(f, request, arg) : -EFAULT) : -ENOTTY;
	k_file_put(f);
	return (int)sock_ret(r);
}
