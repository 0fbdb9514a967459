// SPDX-License-Identifier: BSD-3-Clause
/*
 * The errno of each misuse, as Linux gives it; and the limits: the stack's socket
 * table running out gives EMFILE and recovers after a close, and so does the
 * descriptor table, without leaking the stack's socket.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "sockets.h"

static void check_descriptors(void)
{
	int p[2], s = socket(AF_INET, SOCK_STREAM, 0), closed, one = 1;
	char c;

	pipe(p);
	closed = dup(1);
	close(closed);
	check("enotsock", fails_with(send(p[1], "x", 1, 0), ENOTSOCK) &&
	      fails_with(recv(p[0], &c, 1, MSG_DONTWAIT), ENOTSOCK) &&
	      fails_with(setsockopt(1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), ENOTSOCK) &&
	      fails_with(listen(0, 1), ENOTSOCK), "(errno %d)", errno);
	check("ebadf", fails_with(send(closed, "x", 1, 0), EBADF) &&
	      fails_with(connect(-1, NULL, 0), EBADF) &&
	      fails_with(getsockname(closed, NULL, NULL), EBADF), "(errno %d)", errno);
	check("enotconn-send", fails_with(send(s, "x", 1, 0), ENOTCONN), "(errno %d)", errno);
	check("enotconn-getpeername",
	      fails_with(getpeername(s, &(struct sockaddr){ 0 }, &(socklen_t){ 16 }), ENOTCONN),
	      "(errno %d)", errno);
	check("enotconn-shutdown", fails_with(shutdown(s, SHUT_RDWR), ENOTCONN), "(errno %d)",
	      errno);
	check("accept-not-listening", fails_with(accept(s, NULL, NULL), EINVAL), "(errno %d)",
	      errno);
	close(s);
	close(p[0]);
	close(p[1]);
}

static void check_arguments(void)
{
	struct sockaddr_in in = host_addr(9);
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	int s = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0), sv[2], e;
	ssize_t r;
	char c;

	check("eafnosupport", fails_with(socket(AF_UNIX, SOCK_STREAM, 0), EAFNOSUPPORT) &&
	      fails_with(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT) &&
	      fails_with(bind(s, (struct sockaddr *)&in6, sizeof(in6)), EAFNOSUPPORT) &&
	      fails_with(connect(s, &(struct sockaddr){ .sa_family = 1 }, 16), EAFNOSUPPORT),
	      "(errno %d)", errno);
	check("einval-address-length", fails_with(bind(s, (struct sockaddr *)&in, 8), EINVAL) &&
	      fails_with(connect(s, (struct sockaddr *)&in, 1), EINVAL) &&
	      fails_with(sendto(u, "x", 1, 0, (struct sockaddr *)&in, 15), EINVAL), "(errno %d)",
	      errno);
	check("einval-arguments", fails_with(socket(AF_INET, 99, 0), EINVAL) &&
	      fails_with(accept4(s, NULL, NULL, 0x1), EINVAL) && fails_with(shutdown(s, 7), EINVAL),
	      "(errno %d)", errno);
	check("efault", fails_with(bind(s, NULL, 16), EFAULT), "(errno %d)", errno);
	r = send(u, "x", 1, 0);
	e = errno;
	check("edestaddrreq", r == -1 && e == EDESTADDRREQ, "(%zd errno %d)", r, e);
	check("eprotonosupport", fails_with(socket(AF_INET, SOCK_STREAM, 17), EPROTONOSUPPORT) &&
	      fails_with(socket(AF_INET, SOCK_DGRAM, 6), EPROTONOSUPPORT), "(errno %d)", errno);
	check("eopnotsupp", fails_with(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP) &&
	      fails_with(recv(u, &c, 1, MSG_OOB), EOPNOTSUPP) &&
	      fails_with(send(u, "x", 1, MSG_EOR), EOPNOTSUPP) &&
	      fails_with(listen(u, 1), EOPNOTSUPP) &&
	      fails_with(shutdown(u, SHUT_RD), EOPNOTSUPP),
	      "(errno %d)", errno);
	close(s);
	close(u);
}

void test_errors(void)
{
	check_descriptors();
	check_arguments();
}

/* Open UDP sockets into fds until one fails; how many opened (errno as it failed). */
static int open_until_full(int *fds, int max)
{
	int n = 0;

	while (n < max && (fds[n] = socket(AF_INET, SOCK_DGRAM, 0)) >= 0)
		n++;
	return n;
}

static void close_all(int *fds, int n)
{
	for (int i = 0; i < n; i++)
		close(fds[i]);
}

static int stack_max;	/* sockets the stack holds at once */

static void check_stack_limit(void)
{
	int fds[64], n, e, again, n2;

	n = open_until_full(fds, 64);
	e = errno;
	check("emfile-sockets", n > 0 && n < 64 && e == EMFILE, "(%d sockets, then errno %d)", n,
	      e);
	close(fds[0]);
	again = socket(AF_INET, SOCK_DGRAM, 0);
	check("emfile-sockets-recovers", again >= 0, "(errno %d)", errno);
	fds[0] = again;
	close_all(fds, n);
	n2 = open_until_full(fds, 64);
	check("emfile-sockets-all-back", n2 == n, "(%d, was %d)", n2, n);
	close_all(fds, n2);
	stack_max = n;
	printf("sockets: the stack holds %d sockets at once\n", n);
}

/* The descriptor table full with one stack socket free: the socket must not leak. */
static void check_fd_limit(void)
{
	int fds[256], n = 0, s1, s2, e, left, back[64];

	while (n < 256 && (fds[n] = dup(0)) >= 0)
		n++;
	close(fds[--n]);		/* one descriptor free */
	s1 = socket(AF_INET, SOCK_DGRAM, 0);
	s2 = socket(AF_INET, SOCK_DGRAM, 0);
	e = errno;
	close(s1);
	close_all(fds, n);
	left = open_until_full(back, 64);
	close_all(back, left);
	check("emfile-descriptors", s1 >= 0 && s2 == -1 && e == EMFILE, "(%d %d errno %d)", s1, s2,
	      e);
	check("emfile-descriptors-no-leak", left == stack_max,
	      "(%d sockets open afterwards, %d before)", left, stack_max);
}

void test_limits(void)
{
	check_stack_limit();
	check_fd_limit();
}
