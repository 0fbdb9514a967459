// SPDX-License-Identifier: BSD-3-Clause
/*
 * poll() and select() over lib/fdtab's k_fd_poll. select() is poll() with the three
 * sets turned into events and back, as Linux does it: readable means POLLIN, a
 * hang-up or an error; writable POLLOUT or an error; exceptional POLLPRI.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <keel/fdtab.h>
#include <keel/time.h>
#include "glue.h"

_Static_assert(POLLIN == K_POLLIN && POLLPRI == K_POLLPRI && POLLOUT == K_POLLOUT &&
	       POLLERR == K_POLLERR && POLLHUP == K_POLLHUP && POLLNVAL == K_POLLNVAL &&
	       POLLRDNORM == K_POLLRDNORM && POLLRDBAND == K_POLLRDBAND &&
	       POLLWRNORM == K_POLLWRNORM && POLLWRBAND == K_POLLWRBAND, "poll bits differ");
_Static_assert(sizeof(struct pollfd) == sizeof(struct k_pollfd) &&
	       offsetof(struct pollfd, events) == offsetof(struct k_pollfd, events) &&
	       offsetof(struct pollfd, revents) == offsetof(struct k_pollfd, revents),
	       "struct pollfd differs");

#define SELECT_READ	(POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SELECT_WRITE	(POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SELECT_EXCEPT	(POLLPRI)
#define SELECT_ONSTACK	64	/* descriptors polled without an allocation */

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	int64_t ns = timeout < 0 ? -1 : (int64_t)timeout * 1000000;

	if (!fds && nfds)
		return (int)glue_ret(-EFAULT);
	return (int)glue_ret(k_fd_poll((struct k_pollfd *)fds, nfds, ns));
}

/* The highest select() nfds: the fd_set's size, or the table's when larger. */
static int select_max(void)
{
	return k_fd_max() > FD_SETSIZE ? k_fd_max() : FD_SETSIZE;
}

static int64_t select_timeout_ns(const struct timeval *tv)
{
	if (!tv)
		return -1;
	if (tv->tv_sec < 0 || tv->tv_usec < 0)
		return -EINVAL;
	if (tv->tv_sec > INT64_MAX / 1000000000 - 1)
		return -1;	/* centuries: no limit */
	return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

static short select_events(int fd, fd_set *r, fd_set *w, fd_set *e)
{
	return (short)((r && FD_ISSET(fd, r) ? POLLIN : 0) |
		       (w && FD_ISSET(fd, w) ? POLLOUT : 0) |
		       (e && FD_ISSET(fd, e) ? POLLPRI : 0));
}

/* The pollfds for the descriptors in the sets; their count. */
static size_t select_to_poll(struct k_pollfd *p, int nfds, fd_set *r, fd_set *w, fd_set *e)
{
	size_t n = 0;

	for (int fd = 0; fd < nfds; fd++) {
		short ev = select_events(fd, r, w, e);

		if (ev)
			p[n++] = (struct k_pollfd){ .fd = fd, .events = ev };
	}
	return n;
}

/* Rewrite the sets with what is ready; the count of bits set, or -EBADF. */
static int select_from_poll(const struct k_pollfd *p, size_t n, fd_set *r, fd_set *w,
			    fd_set *e)
{
	int count = 0;

	for (size_t i = 0; i < n; i++)
		if (p[i].revents & POLLNVAL)
			return -EBADF;
	for (size_t i = 0; i < n; i++) {
		int fd = p[i].fd;
		short got = p[i].revents;

		if (r && FD_ISSET(fd, r) && !(got & SELECT_READ))
			FD_CLR(fd, r);
		if (w && FD_ISSET(fd, w) && !(got & SELECT_WRITE))
			FD_CLR(fd, w);
		if (e && FD_ISSET(fd, e) && !(got & SELECT_EXCEPT))
			FD_CLR(fd, e);
		count += (r && FD_ISSET(fd, r)) + (w && FD_ISSET(fd, w)) + (e && FD_ISSET(fd, e));
	}
	return count;
}

/* Linux's behaviour: the timeval is left holding the time that was not used. */
static void select_time_left(struct timeval *tv, uint64_t start, int64_t ns)
{
	uint64_t used = k_time_ns() - start;
	int64_t left = used >= (uint64_t)ns ? 0 : ns - (int64_t)used;

	tv->tv_sec = left / 1000000000;
	tv->tv_usec = (left % 1000000000) / 1000;
}

int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	struct k_pollfd onstack[SELECT_ONSTACK], *p = onstack;
	int64_t ns = select_timeout_ns(tv);
	uint64_t start = k_time_ns();
	size_t n;
	int rc;

	if (nfds < 0 || nfds > select_max() || ns < -1)
		return (int)glue_ret(-EINVAL);
	if (nfds > SELECT_ONSTACK) {
		p = malloc((size_t)nfds * sizeof(*p));
		if (!p)
			return (int)glue_ret(-ENOMEM);
	}
	n = select_to_poll(p, nfds, r, w, e);
	rc = k_fd_poll(p, n, ns);
	if (rc >= 0)
		rc = select_from_poll(p, n, r, w, e);
	if (tv && ns >= 0)
		select_time_left(tv, start, ns);
	if (p != onstack)
		free(p);
	return (int)glue_ret(rc);
}
