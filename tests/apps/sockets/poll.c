// SPDX-License-Identifier: BSD-3-Clause
/*
 * poll() and select() over sockets and pipes together: a waiter woken by a pipe
 * written from another thread, then by a datagram arriving; timeouts that expire
 * (never early); POLLNVAL, POLLHUP and POLLERR; select's sets, its timeval and its
 * errors.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <keel/thread.h>
#include "sockets.h"

#define LATE_MS	150	/* how long the writer thread waits before writing */

static void *write_late(void *arg)
{
	usleep(LATE_MS * 1000);
	write(*(int *)arg, "!", 1);
	return NULL;
}

/* One poll on a pipe and a socket at once: the pipe's writer wakes it, then the echo. */
static void check_pipe_and_socket(void)
{
	struct sockaddr_in to = host_addr(host.udp_echo);
	int p[2] = { -1, -1 }, s = socket(AF_INET, SOCK_DGRAM, 0), r1, r2;
	struct pollfd fds[2];
	struct k_thread *t;
	uint64_t t0, waited1, waited2;
	char c;

	pipe(p);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = s, .events = POLLIN };
	t0 = now_ns();
	k_thread_create(&t, "late", write_late, &p[1], NULL);
	r1 = poll(fds, 2, 10000);
	waited1 = now_ns() - t0;
	k_thread_join(t, NULL);
	check("poll-woken-by-pipe", r1 == 1 && fds[0].revents == POLLIN && !fds[1].revents &&
	      waited1 >= LATE_MS * 1000000ull && waited1 < 5000000000ull,
	      "(%d, revents %x %x after %llu ms)", r1, fds[0].revents, fds[1].revents,
	      (unsigned long long)waited1 / 1000000);
	read(p[0], &c, 1);

	t0 = now_ns();
	sendto(s, "wake", 4, 0, (struct sockaddr *)&to, sizeof(to));
	r2 = poll(fds, 2, 10000);
	waited2 = now_ns() - t0;
	check("poll-woken-by-socket", r2 == 1 && !fds[0].revents && fds[1].revents == POLLIN &&
	      waited2 < 5000000000ull, "(%d, revents %x %x after %llu ms)", r2, fds[0].revents,
	      fds[1].revents, (unsigned long long)waited2 / 1000000);
	close(s);
	close(p[0]);
	close(p[1]);
}

static void check_poll_states(void)
{
	int p[2], s = socket(AF_INET, SOCK_DGRAM, 0), closed, r;
	struct pollfd fds[5];
	uint64_t t0;

	pipe(p);
	closed = dup(1);	/* a descriptor number nothing has */
	close(closed);
	t0 = now_ns();
	fds[0] = (struct pollfd){ .fd = s, .events = POLLIN };
	r = poll(fds, 1, 150);
	t0 = now_ns() - t0;
	check("poll-timeout", r == 0 && !fds[0].revents && t0 >= 150000000ull,
	      "(%d after %llu us)", r, (unsigned long long)t0 / 1000);
	fds[0] = (struct pollfd){ .fd = closed, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = -1, .events = POLLIN };
	fds[2] = (struct pollfd){ .fd = 1, .events = POLLOUT };
	fds[3] = (struct pollfd){ .fd = s, .events = POLLOUT };
	fds[4] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	r = poll(fds, 5, 0);
	check("poll-nval-console-writable", r == 4 && fds[0].revents == POLLNVAL &&
	      !fds[1].revents && fds[2].revents == POLLOUT && fds[3].revents == POLLOUT &&
	      fds[4].revents == POLLOUT,
	      "(%d: %x %x %x %x %x)", r, fds[0].revents, fds[1].revents, fds[2].revents,
	      fds[3].revents, fds[4].revents);
	close(p[1]);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	r = poll(fds, 1, 1000);
	check("poll-pipe-hup", r == 1 && fds[0].revents == POLLHUP, "(%d: %x)", r, fds[0].revents);
	close(p[0]);
	pipe(p);
	close(p[0]);
	fds[0] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	r = poll(fds, 1, 1000);
	check("poll-pipe-err", r == 1 && fds[0].revents == POLLERR, "(%d: %x)", r, fds[0].revents);
	close(p[1]);
	close(s);
}

static void check_select(void)
{
	struct sockaddr_in to = host_addr(host.udp_echo);
	struct timeval tv = { 0, 200000 };
	int s = socket(AF_INET, SOCK_DGRAM, 0), p[2], r, closed;
	struct pollfd echo = { .fd = s, .events = POLLIN };
	fd_set rd, wr;
	uint64_t t0;

	pipe(p);
	closed = dup(1);
	close(closed);
	FD_ZERO(&rd);
	FD_SET(s, &rd);
	FD_SET(p[0], &rd);
	t0 = now_ns();
	r = select(s > p[0] ? s + 1 : p[0] + 1, &rd, NULL, NULL, &tv);
	t0 = now_ns() - t0;
	check("select-timeout", r == 0 && !FD_ISSET(s, &rd) && t0 >= 200000000ull &&
	      tv.tv_sec == 0 && tv.tv_usec == 0, "(%d after %llu us, left %ld.%06ld)", r,
	      (unsigned long long)t0 / 1000, (long)tv.tv_sec, (long)tv.tv_usec);

	sendto(s, "sel", 3, 0, (struct sockaddr *)&to, sizeof(to));
	poll(&echo, 1, 5000);	/* the echo is back: select sees both sets at once */
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(s, &rd);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	tv = (struct timeval){ 5, 0 };
	r = select(FD_SETSIZE, &rd, &wr, NULL, &tv);
	check("select-ready", r == 2 && FD_ISSET(s, &rd) && !FD_ISSET(p[0], &rd) &&
	      FD_ISSET(p[1], &wr), "(%d)", r);
	FD_ZERO(&rd);
	FD_SET(closed, &rd);
	tv = (struct timeval){ 1, 0 };
	check("select-errors", fails_with(select(closed + 1, &rd, NULL, NULL, &tv), EBADF) &&
	      fails_with(select(-1, NULL, NULL, NULL, &tv), EINVAL) &&
	      fails_with(select(100000, NULL, NULL, NULL, &tv), EINVAL), "%s", "");
	tv = (struct timeval){ -1, 0 };
	check("select-negative-time", fails_with(select(1, NULL, NULL, NULL, &tv), EINVAL),
	      "%s", "");
	close(s);
	close(p[0]);
	close(p[1]);
}

void test_poll(void)
{
	check_pipe_and_socket();
	check_poll_states();
	check_select();
}
