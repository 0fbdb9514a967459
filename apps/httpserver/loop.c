// SPDX-License-Identifier: BSD-3-Clause
/*
 * httpserver: the listening sockets and the poll() loop. One thread serves every
 * connection: each costs a small struct and its buffers rather than a thread stack,
 * so hundreds fit in a few MiB, and the code stays plain POSIX.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "server.h"

#define LISTEN_BACKLOG	128
#define ACCEPT_BURST	64	/* connections taken per wake-up of a listener */
#define ACCEPT_PAUSE_MS	100	/* after EMFILE/ENOMEM: let connections close first */

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* A non-blocking socket listening on the port, or -errno. */
static int open_listener(int family, unsigned short port)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons(port) };
	struct sockaddr *sa = family == AF_INET6 ? (struct sockaddr *)&a6 : (struct sockaddr *)&a4;
	socklen_t len = family == AF_INET6 ? sizeof(a6) : sizeof(a4);
	int one = 1, err, fd;

	a4.sin_addr.s_addr = htonl(INADDR_ANY);
	a6.sin6_addr = in6addr_any;
	fd = socket(family, SOCK_STREAM, 0);
	if (fd < 0)
		return -errno;
	/* A restarted server must not wait for TIME_WAIT to end. Best effort. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* [::] takes IPv6 only: IPv4 has its own socket. */
	if (family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) < 0)
		goto err_close;
	if (bind(fd, sa, len) < 0 || listen(fd, LISTEN_BACKLOG) < 0 || set_nonblocking(fd) < 0)
		goto err_close;
	return fd;

err_close:
	err = errno;
	close(fd);
	return -err;
}

int server_open(struct server *s, const struct config *cfg)
{
	int fd;

	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	s->conns = calloc((size_t)cfg->max_conns, sizeof(*s->conns));
	s->pfds = calloc((size_t)cfg->max_conns + 2, sizeof(*s->pfds));
	if (!s->conns || !s->pfds) {
		server_close(s);
		return -ENOMEM;
	}
	fd = open_listener(AF_INET, cfg->port);
	if (fd < 0) {
		server_close(s);
		return fd;
	}
	s->listen_fd[s->nlisten++] = fd;
	if (cfg->ipv6) {
		fd = open_listener(AF_INET6, cfg->port);
		if (fd < 0) {
			server_close(s);
			return fd;
		}
		s->listen_fd[s->nlisten++] = fd;
	}
	return 0;
}

void server_close(struct server *s)
{
	for (int i = 0; i < s->nconns; i++)
		conn_free(s->conns[i]);
	for (int i = 0; i < s->nlisten; i++)
		close(s->listen_fd[i]);
	free(s->conns);
	free(s->pfds);
	s->conns = NULL;
	s->pfds = NULL;
	s->nconns = s->nlisten = 0;
}

/* Options for an accepted socket; the server works without TCP_NODELAY, only slower. */
static int setup_accepted(int fd)
{
	int one = 1;

	if (set_nonblocking(fd) < 0)
		return -1;
	/* Every response leaves in as few sends as it can; Nagle would only delay the last. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

static void accept_some(struct server *s, int lfd)
{
	for (int k = 0; k < ACCEPT_BURST && s->nconns < s->cfg->max_conns; k++) {
		int fd = accept(lfd, NULL, NULL);
		struct conn *c;

		if (fd < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			/* EMFILE, ENFILE, ENOMEM, ENOBUFS: wait for connections to close. */
			s->n.refused++;
			s->accept_resume_ms = now_ms() + ACCEPT_PAUSE_MS;
			return;
		}
		c = setup_accepted(fd) < 0 ? NULL : conn_new(s, fd);
		if (!c) {
			close(fd);
			s->n.refused++;
			s->accept_resume_ms = now_ms() + ACCEPT_PAUSE_MS;
			return;
		}
		s->conns[s->nconns++] = c;
		s->n.accepted++;
	}
}

/* The poll set: the listeners (while accepting), then every connection. */
static int fill_pollset(struct server *s, uint64_t now, bool accepting, int *timeout)
{
	uint64_t next = UINT64_MAX;
	int n = 0;

	if (accepting)
		for (int i = 0; i < s->nlisten; i++)
			s->pfds[n++] = (struct pollfd){ .fd = s->listen_fd[i], .events = POLLIN };
	else if (s->nconns < s->cfg->max_conns)
		next = s->accept_resume_ms;
	for (int i = 0; i < s->nconns; i++) {
		struct conn *c = s->conns[i];

		s->pfds[n++] = (struct pollfd){ .fd = c->fd, .events = conn_events(c) };
		if (c->deadline_ms < next)
			next = c->deadline_ms;
	}
	*timeout = next == UINT64_MAX ? -1 : next <= now ? 0 : (int)(next - now);
	return n;
}

/* Free the connections that are done; the order of the others does not matter. */
static void reap(struct server *s)
{
	for (int i = 0; i < s->nconns;) {
		if (s->conns[i]->state == CONN_DONE) {
			conn_free(s->conns[i]);
			s->conns[i] = s->conns[--s->nconns];
		} else {
			i++;
		}
	}
}

int server_run(struct server *s)
{
	while (!s->stopping) {
		uint64_t now = now_ms();
		bool accepting = s->nconns < s->cfg->max_conns && now >= s->accept_resume_ms;
		int base = accepting ? s->nlisten : 0, timeout, nfds, rc;

		nfds = fill_pollset(s, now, accepting, &timeout);
		rc = poll(s->pfds, (nfds_t)nfds, timeout);
		if (rc < 0 && errno != EINTR) {
			int err = errno;

			fprintf(stderr, "httpserver: poll: %s\n", strerror(err));
			return -err;
		}
		now = now_ms();
		for (int i = 0; i < s->nconns; i++) {
			struct conn *c = s->conns[i];

			if (rc > 0 && s->pfds[base + i].revents)
				conn_ready(c, s->pfds[base + i].revents);
			conn_check_timeout(c, now);
		}
		reap(s);
		for (int i = 0; accepting && rc > 0 && i < s->nlisten; i++)
			if (s->pfds[i].revents)
				accept_some(s, s->listen_fd[i]);
	}
	return 0;
}
