// SPDX-License-Identifier: BSD-3-Clause
/*
 * TCP as a client of the host's servers: data both ways checked by hash and pattern,
 * MSG_WAITALL, non-blocking connect completed through poll, a refused connection
 * (blocking and non-blocking), a connection the host resets (ECONNRESET, then
 * EPIPE), EADDRINUSE, and the socket options with their values read back.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include "sockets.h"

#define UP_BYTES	300000	/* to the host */
#define DOWN_BYTES	200000	/* back from it */

static int tcp_connect(int port, int flags)
{
	struct sockaddr_in to = host_addr(port);
	struct timeval tv = { 10, 0 };
	int s = socket(AF_INET, SOCK_STREAM | flags, 0);

	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(s, (struct sockaddr *)&to, sizeof(to)) && !(flags & SOCK_NONBLOCK)) {
		int e = errno;

		close(s);
		errno = e;
		return -1;
	}
	return s;
}

static bool send_pattern(int s, size_t len, uint64_t *hash)
{
	static char buf[7000];

	*hash = FNV_START;
	for (size_t done = 0; done < len;) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = (char)pattern_byte(done + i);
		if (write(s, buf, n) != (ssize_t)n)
			return false;
		*hash = fnv1a(*hash, buf, n);
		done += n;
	}
	return true;
}

/* A line ending in '\n' (without it) read byte by byte; its length or -1. */
static int read_line(int s, char *line, size_t size)
{
	size_t n = 0;

	while (n + 1 < size) {
		if (recv(s, line + n, 1, 0) != 1)
			return -1;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	return (int)n;
}

static void check_client(void)
{
	char line[96], *down = malloc(DOWN_BYTES + 1);
	unsigned long long got_len = 0, got_hash = 0;
	uint64_t hash = 0, t0 = now_ns();
	int s = tcp_connect(host.tcp_sum, 0), bad = -1;
	ssize_t n = -1, eof = -1;

	if (s >= 0 && down) {
		snprintf(line, sizeof(line), "want %d\n", DOWN_BYTES);
		if (send(s, line, strlen(line), 0) == (ssize_t)strlen(line) &&
		    send_pattern(s, UP_BYTES, &hash) && !shutdown(s, SHUT_WR) &&
		    read_line(s, line, sizeof(line)) > 0 &&
		    sscanf(line, "got %llu %llx", &got_len, &got_hash) == 2)
			n = recv(s, down, DOWN_BYTES, MSG_WAITALL);
		bad = 0;
		for (ssize_t i = 0; i < n; i++)
			bad += (uint8_t)down[i] != pattern_byte((size_t)i);
		eof = read(s, down, 1);
	}
	check("tcp-client-up", got_len == UP_BYTES && got_hash == hash,
	      "(host got %llu bytes, fnv %016llx; sent %d, %016llx)", got_len, got_hash, UP_BYTES,
	      (unsigned long long)hash);
	check("tcp-client-down", n == DOWN_BYTES && !bad && eof == 0,
	      "(MSG_WAITALL gave %zd of %d, %d bad bytes, then %zd; errno %d)", n, DOWN_BYTES, bad,
	      eof, errno);
	printf("sockets: tcp: %d bytes up and %d down in %llu ms\n", UP_BYTES, DOWN_BYTES,
	       (unsigned long long)(now_ns() - t0) / 1000000);
	free(down);
	close(s);
}

static void check_nonblocking_connect(void)
{
	int s = tcp_connect(host.tcp_sum, SOCK_NONBLOCK), c = errno, err = -1, r;
	struct pollfd p = { .fd = s, .events = POLLOUT };
	socklen_t len = sizeof(err);
	struct sockaddr_in peer;
	socklen_t pl = sizeof(peer);

	r = poll(&p, 1, 5000);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
	check("nonblocking-connect", c == EINPROGRESS && r == 1 && p.revents == POLLOUT &&
	      err == 0 && !getpeername(s, (struct sockaddr *)&peer, &pl) &&
	      peer.sin_port == htons(host.tcp_sum),
	      "(connect errno %d, poll %d revents %x, SO_ERROR %d)", c, r, p.revents, err);
	close(s);

	s = tcp_connect(host.tcp_closed, SOCK_NONBLOCK);
	c = errno;
	p = (struct pollfd){ .fd = s, .events = POLLOUT };
	r = poll(&p, 1, 5000);
	len = sizeof(err);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
	check("nonblocking-connect-refused", c == EINPROGRESS && r == 1 &&
	      (p.revents & (POLLERR | POLLHUP)) == (POLLERR | POLLHUP) && err == ECONNREFUSED,
	      "(connect errno %d, poll %d revents %x, SO_ERROR %d)", c, r, p.revents, err);
	close(s);
}

static void check_refused_and_reset(void)
{
	struct pollfd p;
	char c;
	int s = tcp_connect(host.tcp_closed, 0), e = errno;
	ssize_t r1, r2, r3;

	check("econnrefused", s == -1 && e == ECONNREFUSED, "(%d errno %d)", s, e);
	s = tcp_connect(host.tcp_reset, 0);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	poll(&p, 1, 5000);
	r1 = recv(s, &c, 1, 0);
	e = errno;
	r2 = send(s, "x", 1, 0);
	r3 = send(s, "x", 1, MSG_NOSIGNAL);
	check("reset-econnreset", s >= 0 && (p.revents & (POLLERR | POLLHUP)) && r1 == -1 &&
	      e == ECONNRESET, "(revents %x, recv %zd errno %d)", p.revents, r1, e);
	check("reset-then-epipe", r2 == -1 && fails_with(r3, EPIPE), "(send %zd, %zd errno %d)", r2,
	      r3, errno);
	close(s);
}

static void check_addrinuse(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(7777) };
	int s1 = socket(AF_INET, SOCK_STREAM, 0), s2 = socket(AF_INET, SOCK_STREAM, 0);
	int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
	int b1 = bind(s1, (struct sockaddr *)&a, sizeof(a)), l1 = listen(s1, 4);
	int b2 = bind(s2, (struct sockaddr *)&a, sizeof(a)), e2 = errno;
	int b3 = bind(u1, (struct sockaddr *)&a, sizeof(a));
	int b4 = bind(u2, (struct sockaddr *)&a, sizeof(a)), e4 = errno;

	check("eaddrinuse", !b1 && !l1 && b2 == -1 && e2 == EADDRINUSE && !b3 && b4 == -1 &&
	      e4 == EADDRINUSE, "(%d %d %d/%d %d %d/%d)", b1, l1, b2, e2, b3, b4, e4);
	close(s1);
	close(s2);
	close(u1);
	close(u2);
}

static int get_int(int s, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	return getsockopt(s, level, name, &v, &len) || len != sizeof(v) ? -1000 : v;
}

static bool set_int(int s, int level, int name, int v)
{
	return !setsockopt(s, level, name, &v, sizeof(v));
}

/* setsockopt of an int fails with errno want. */
static bool set_fails(int s, int level, int name, socklen_t len, int want)
{
	int v = 1;

	return fails_with(setsockopt(s, level, name, &v, len), want);
}

static void check_int_options(int s)
{
	int nodelay, keepalive, reuse, idle;

	set_int(s, IPPROTO_TCP, TCP_NODELAY, 1);
	set_int(s, SOL_SOCKET, SO_KEEPALIVE, 7);	/* any non-zero: reads back as 1 */
	set_int(s, SOL_SOCKET, SO_REUSEADDR, 1);
	set_int(s, IPPROTO_TCP, TCP_KEEPIDLE, 30);
	nodelay = get_int(s, IPPROTO_TCP, TCP_NODELAY);
	keepalive = get_int(s, SOL_SOCKET, SO_KEEPALIVE);
	reuse = get_int(s, SOL_SOCKET, SO_REUSEADDR);
	idle = get_int(s, IPPROTO_TCP, TCP_KEEPIDLE);
	check("sockopt-bools", nodelay == 1 && keepalive == 1 && reuse == 1, "(%d %d %d)", nodelay,
	      keepalive, reuse);
	check("sockopt-keepidle", idle == 30, "(%d)", idle);
	check("sockopt-type", get_int(s, SOL_SOCKET, SO_TYPE) == SOCK_STREAM &&
	      get_int(s, SOL_SOCKET, SO_DOMAIN) == AF_INET &&
	      get_int(s, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_TCP &&
	      get_int(s, SOL_SOCKET, SO_ERROR) == 0 && get_int(s, SOL_SOCKET, SO_ACCEPTCONN) == 0,
	      "%s", "");
	check("sockopt-enoprotoopt", set_fails(s, SOL_SOCKET, SO_SNDBUF, 4, ENOPROTOOPT) &&
	      set_fails(s, IPPROTO_IPV6, IPV6_V6ONLY, 4, ENOPROTOOPT) &&
	      set_fails(s, 999, 1, 4, ENOPROTOOPT) &&
	      set_fails(s, SOL_SOCKET, SO_TYPE, 4, ENOPROTOOPT), "%s", "");
}

static void check_options(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct timeval tv = { 1, 500000 }, got = { 0 }, bad = { 0, 1000000 };
	struct linger l = { 1, 5 }, gl = { 0 };
	socklen_t tl = sizeof(got), ll = sizeof(gl), small = 2;
	char c[2] = { 0 };

	check_int_options(s);
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	getsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &got, &tl);
	check("sockopt-timeo", got.tv_sec == 1 && got.tv_usec == 500000 && tl == sizeof(got),
	      "(%ld.%06ld)", (long)got.tv_sec, (long)got.tv_usec);
	setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	getsockopt(s, SOL_SOCKET, SO_LINGER, &gl, &ll);
	check("sockopt-linger", gl.l_onoff && gl.l_linger == 5, "(%d %d)", gl.l_onoff, gl.l_linger);
	check("sockopt-einval", set_fails(s, SOL_SOCKET, SO_KEEPALIVE, 2, EINVAL) &&
	      fails_with(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, 8), EINVAL) &&
	      fails_with(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &bad, sizeof(bad)), EDOM),
	      "%s", "");
	/* Linux cuts the value to the caller's length and says how much it wrote. */
	check("sockopt-short-get", !getsockopt(s, SOL_SOCKET, SO_TYPE, c, &small) && small == 2 &&
	      c[0] == SOCK_STREAM, "(%u)", (unsigned int)small);
	close(s);
}

void test_tcp(void)
{
	check_client();
	check_nonblocking_connect();
	check_refused_and_reset();
	check_addrinuse();
	check_options();
}
