// SPDX-License-Identifier: BSD-3-Clause
/*
 * Both ends in the image, over the stack's loopback: a TCP listener that poll()
 * reports readable when a connection waits, accept4 with SOCK_NONBLOCK and
 * SOCK_CLOEXEC, the names of both ends, shutdown(SHUT_WR) seen as end of file;
 * IPv6 datagrams on ::1 with sockaddr_in6 results; and an IPv6 listener on ::
 * taking an IPv4 connection, whose peer is then the v4-mapped ::ffff:127.0.0.1.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "sockets.h"

#define LOOP_PORT	7100

static struct sockaddr_in loop4(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int listen_on(int family, int port)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port),
				   .sin6_addr = IN6ADDR_ANY_INIT };
	struct sockaddr_in a4 = loop4(port);
	int s = socket(family, SOCK_STREAM, 0), one = 1;

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if ((family == AF_INET6 ? bind(s, (struct sockaddr *)&a6, sizeof(a6)) :
				  bind(s, (struct sockaddr *)&a4, sizeof(a4))) || listen(s, 4)) {
		close(s);
		return -1;
	}
	return s;
}

/* A connection to 127.0.0.1:port from a non-blocking client; the accepted end in *srv. */
static int connect_pair(int ls, int port, int *srv, struct sockaddr_storage *peer, socklen_t *pl)
{
	struct sockaddr_in to = loop4(port);
	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct pollfd p = { .fd = ls, .events = POLLIN };

	connect(c, (struct sockaddr *)&to, sizeof(to));
	if (poll(&p, 1, 5000) != 1 || p.revents != POLLIN) {
		*srv = -1;
		return c;
	}
	*srv = accept4(ls, (struct sockaddr *)peer, pl, SOCK_NONBLOCK | SOCK_CLOEXEC);
	return c;
}

static void check_tcp4(void)
{
	struct sockaddr_storage peer;
	struct sockaddr_in me, cpeer, *sp = (struct sockaddr_in *)&peer;
	socklen_t pl = sizeof(peer), ml = sizeof(me), cl = sizeof(cpeer);
	int ls = listen_on(AF_INET, LOOP_PORT), srv, c, fl, fd;
	char buf[16] = "";
	struct pollfd p;
	ssize_t n, eof;

	c = connect_pair(ls, LOOP_PORT, &srv, &peer, &pl);
	fl = fcntl(srv, F_GETFL);
	fd = fcntl(srv, F_GETFD);
	getsockname(c, (struct sockaddr *)&me, &ml);
	getpeername(c, (struct sockaddr *)&cpeer, &cl);
	check("loopback-accept", srv >= 0 && pl == sizeof(struct sockaddr_in) &&
	      sp->sin_family == AF_INET &&
	      sp->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && sp->sin_port == me.sin_port &&
	      cpeer.sin_port == htons(LOOP_PORT) && (fl & O_NONBLOCK) && (fd & FD_CLOEXEC),
	      "(fd %d, len %u, flags %x/%x)", srv, (unsigned int)pl, fl, fd);
	p = (struct pollfd){ .fd = srv, .events = POLLIN };
	n = -1;
	if (send(c, "ping", 4, 0) == 4 && poll(&p, 1, 5000) == 1)
		n = recv(srv, buf, sizeof(buf), 0);
	shutdown(c, SHUT_WR);
	p = (struct pollfd){ .fd = srv, .events = POLLIN };
	poll(&p, 1, 5000);
	eof = recv(srv, buf + 4, sizeof(buf) - 4, 0);
	check("loopback-data-and-eof", n == 4 && !memcmp(buf, "ping", 4) && p.revents == POLLIN &&
	      eof == 0, "(%zd, revents %x, then %zd)", n, p.revents, eof);
	close(c);
	close(srv);
	close(ls);
}

static void check_udp6(void)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(LOOP_PORT + 1),
				  .sin6_addr = IN6ADDR_LOOPBACK_INIT }, from;
	socklen_t fl = sizeof(from);
	char buf[16], text[INET6_ADDRSTRLEN] = "";
	int s = socket(AF_INET6, SOCK_DGRAM, 0);
	struct pollfd p = { .fd = s, .events = POLLIN };
	ssize_t n = -1;

	if (!bind(s, (struct sockaddr *)&a, sizeof(a)) &&
	    sendto(s, "six", 3, 0, (struct sockaddr *)&a, sizeof(a)) == 3 && poll(&p, 1, 5000) == 1)
		n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
	inet_ntop(AF_INET6, &from.sin6_addr, text, sizeof(text));
	check("loopback-udp6", n == 3 && !memcmp(buf, "six", 3) && fl == sizeof(from) &&
	      from.sin6_family == AF_INET6 && from.sin6_port == a.sin6_port && !strcmp(text, "::1"),
	      "(%zd from %s, len %u, errno %d)", n, text, (unsigned int)fl, errno);
	close(s);
}

static void check_dual_stack(void)
{
	struct sockaddr_storage peer = { 0 };
	struct sockaddr_in6 *p6 = (struct sockaddr_in6 *)&peer;
	socklen_t pl = sizeof(peer);
	char text[INET6_ADDRSTRLEN] = "";
	int ls = listen_on(AF_INET6, LOOP_PORT + 2), srv, c, v6only = -1;
	socklen_t vl = sizeof(v6only);

	getsockopt(ls, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &vl);
	c = connect_pair(ls, LOOP_PORT + 2, &srv, &peer, &pl);
	inet_ntop(AF_INET6, &p6->sin6_addr, text, sizeof(text));
	check("dual-stack-v4-mapped", srv >= 0 && v6only == 0 &&
	      pl == sizeof(struct sockaddr_in6) && peer.ss_family == AF_INET6 &&
	      !strcmp(text, "::ffff:127.0.0.1"),
	      "(fd %d, V6ONLY %d, peer %s, len %u)", srv, v6only, text, (unsigned int)pl);
	close(c);
	close(srv);
	close(ls);
}

void test_loopback(void)
{
	check_tcp4();
	check_udp6();
	check_dual_stack();
}
