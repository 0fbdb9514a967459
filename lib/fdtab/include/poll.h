/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll() (POSIX.1-2017 XSH poll) for every descriptor of lib/fdtab: files, the
 * console, pipes and sockets. The event values and struct pollfd are Linux's, so
 * code written for Linux works unchanged. EINTR never happens: there are no signals.
 */
#ifndef KEEL_POLL_H
#define KEEL_POLL_H

#ifdef __cplusplus
extern "C" {
#endif

#define POLLIN		0x001	/* data to read, a connection to accept, end of file */
#define POLLPRI		0x002	/* urgent data: never reported */
#define POLLOUT		0x004	/* writable without blocking */
#define POLLERR		0x008	/* error pending; always reported */
#define POLLHUP		0x010	/* hung up; always reported */
#define POLLNVAL	0x020	/* not an open descriptor; always reported */
#define POLLRDNORM	0x040
#define POLLRDBAND	0x080
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200

typedef unsigned long nfds_t;

struct pollfd {
	int fd;			/* negative: ignored */
	short events;		/* what to wait for */
	short revents;		/* what holds */
};

/*
 * Wait until a descriptor is ready or timeout milliseconds passed (negative: no
 * limit). The number of entries with revents set, 0 on timeout, -1 with errno
 * (EINVAL: nfds larger than the descriptor table, EFAULT: fds NULL with nfds > 0).
 */
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#ifdef __cplusplus
}
#endif

#endif /* KEEL_POLL_H */
