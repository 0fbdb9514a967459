// SPDX-License-Identifier: BSD-3-Clause
/*
 * The two ways lwIP 2.1.3 left a netconn holding a pcb it had freed, which the
 * final close() then freed again (lib/lwip/patches/0002), each driven step by step
 * over the loopback so that it happens every time:
 * - close-last-ack: the peer's FIN is waiting; shutdown(SHUT_WR) takes the
 *   connection to LAST_ACK and the end of stream is read before the peer's ACK of
 *   our FIN arrives. That ACK ends the connection; close() comes after it.
 * - close-time-wait-read: shutdown(SHUT_WR) first, the peer closes, and the end of
 *   stream is read in TIME_WAIT; close() comes after TIME_WAIT has run out.
 * - close-time-wait-unread: the same, without reading the end of stream.
 * Without the patch, close() frees the pcb a second time (the heap's bad-free panic,
 * or worse). With it, close() returns 0 and the stack carries on.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <keel/thread.h>
#include "netsock.h"

#define CLOSE_PORT	7200

/*
 * Longer than TIME_WAIT (2 x CONFIG_LWIP_TCP_MSL_MS) plus two of lwIP's 500 ms slow
 * timer ticks, which is when a TIME-WAIT pcb is checked and freed.
 */
#define TIME_WAIT_OVER_MS	(2 * CONFIG_LWIP_TCP_MSL_MS + 1000 + 200)

struct pair {
	int ls, c, s;	/* the listener, the client's end, the accepted end */
};

static int open_pair(struct pair *p, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	p->c = p->s = -1;
	p->ls = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(p->ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(p->ls, (struct sockaddr *)&a, sizeof(a)) || listen(p->ls, 1))
		return -errno;
	p->c = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(p->c, (struct sockaddr *)&a, sizeof(a)))
		return -errno;
	p->s = accept(p->ls, NULL, NULL);
	close(p->ls);
	return p->s < 0 ? -errno : 0;
}

/* Whether fd becomes readable (data or the peer's end of stream) within 2 s. */
static bool wait_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 2000) == 1 && (p.revents & POLLIN);
}

/*
 * A connection opened just before the close() under test: the heap hands out the
 * memory freed last first, so a pcb lwIP freed under a netconn is likely to become
 * this connection's, and a close() of that netconn would then end it. It must still
 * carry a byte both ways and close cleanly.
 */
static bool victim_open(struct pair *v, int port)
{
	return !open_pair(v, port);
}

static bool victim_still_works(struct pair *v)
{
	char b = 0;
	bool ok = send(v->c, "x", 1, 0) == 1 && recv(v->s, &b, 1, 0) == 1 && b == 'x' &&
		  send(v->s, "y", 1, 0) == 1 && recv(v->c, &b, 1, 0) == 1 && b == 'y';

	ok = !close(v->c) && ok;
	return !close(v->s) && ok;
}

void test_close_last_ack(void)
{
	struct k_thread *me = k_thread_current();
	int prio = k_thread_priority(me), shut = -1, closed;
	ssize_t eof = -1;
	bool fin_seen = false, opened;
	struct pair p, v;
	char b;

	if (open_pair(&p, CLOSE_PORT)) {
		check("close-last-ack", false, "(no connection over the loopback: %d)", errno);
		return;
	}
	close(p.c);				/* its FIN: we are in CLOSE_WAIT */
	fin_seen = wait_readable(p.s);
	/*
	 * Above the tcpip thread (lib/lwip runs it at K_PRIO_DEFAULT + 2), which alone
	 * delivers loopback traffic: our FIN waits in the loopback queue until we step
	 * down, so the end of stream is read in LAST_ACK, before the peer's ACK.
	 */
	k_thread_set_priority(me, K_PRIO_DEFAULT + 3);
	if (fin_seen) {
		shut = shutdown(p.s, SHUT_WR);	/* LAST_ACK */
		eof = recv(p.s, &b, 1, 0);
	}
	k_thread_set_priority(me, prio);
	usleep(300000);				/* the ACK of our FIN ends the connection */
	opened = victim_open(&v, CLOSE_PORT + 1);
	closed = close(p.s);
	check("close-last-ack", fin_seen && shut == 0 && eof == 0 && closed == 0 && opened &&
	      victim_still_works(&v),
	      "(FIN seen %d, shutdown %d, recv %zd, close %d)", fin_seen, shut, eof, closed);
}

/* The accepted end in TIME_WAIT with the peer's end of stream waiting, or -1. */
static int open_time_wait(struct pair *p, int port)
{
	char b;

	if (open_pair(p, port))
		return -1;
	if (shutdown(p->s, SHUT_WR) || recv(p->c, &b, 1, 0) != 0)
		return -1;			/* our FIN reached the peer */
	close(p->c);				/* its FIN: TIME_WAIT */
	return wait_readable(p->s) ? p->s : -1;
}

static void close_after_time_wait(const char *name, int port, bool read_eof)
{
	ssize_t eof = 0;
	int s, closed;
	struct pair p, v;
	bool opened;
	char b;

	s = open_time_wait(&p, port);
	if (s < 0) {
		check(name, false, "(no connection in TIME_WAIT: errno %d)", errno);
		close(p.c);
		close(p.s);
		return;
	}
	if (read_eof)
		eof = recv(s, &b, 1, 0);
	usleep(TIME_WAIT_OVER_MS * 1000);	/* lwIP frees the TIME-WAIT pcb */
	opened = victim_open(&v, port + 1);
	closed = close(s);
	check(name, eof == 0 && closed == 0 && opened && victim_still_works(&v),
	      "(recv %zd, close %d after %d ms)", eof, closed, TIME_WAIT_OVER_MS);
}

void test_close_time_wait_read(void)
{
	close_after_time_wait("close-time-wait-read", CLOSE_PORT + 10, true);
}

void test_close_time_wait_unread(void)
{
	close_after_time_wait("close-time-wait-unread", CLOSE_PORT + 20, false);
}
