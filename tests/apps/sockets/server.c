// SPDX-License-Identifier: BSD-3-Clause
/*
 * A TCP server in the image, reached from the host through QEMU's hostfwd: one
 * thread, non-blocking sockets and poll() over the listener and every client. Each
 * client sends "hello K\n" and K bytes; the server answers "got K HASH\n" and echoes
 * the bytes, then closes. The host's client checks the answers (its output goes to
 * the suite); this side checks what it received.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "sockets.h"

#define CLIENTS_MAX	8
#define BODY_MAX	65536

struct client {
	int fd;
	char *buf;		/* the request as it came: header and body */
	size_t len, want;	/* bytes held; the request's whole length, once known */
	size_t body_at;		/* where the body starts */
	char reply[48];
	size_t reply_len, sent;	/* the header's length; bytes of header and body sent */
	bool writing;
};

static struct client clients[CLIENTS_MAX];
static int nclients, served, bad_requests;

static int listener(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)host.listen) };
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, CLIENTS_MAX)) {
		close(s);
		return -1;
	}
	return s;
}

static void client_drop(int i, bool ok)
{
	close(clients[i].fd);
	free(clients[i].buf);
	clients[i] = clients[--nclients];
	served += ok;
	bad_requests += !ok;
}

static void accept_all(int ls)
{
	struct sockaddr_in peer;
	socklen_t pl = sizeof(peer);
	int fd;

	while ((fd = accept4(ls, (struct sockaddr *)&peer, &pl, SOCK_NONBLOCK)) >= 0) {
		if (nclients == CLIENTS_MAX || peer.sin_addr.s_addr != htonl(0x0a000202)) {
			close(fd);
			bad_requests++;
			continue;
		}
		clients[nclients++] = (struct client){ .fd = fd, .buf = malloc(BODY_MAX + 64) };
		pl = sizeof(peer);
	}
}

/* The request is whole: answer with its length and hash, then the body itself. */
static void client_answer(struct client *c, size_t head)
{
	uint64_t h = fnv1a(FNV_START, c->buf + head, c->want - head);

	c->body_at = head;
	c->reply_len = (size_t)snprintf(c->reply, sizeof(c->reply), "got %zu %016llx\n",
					c->want - head, (unsigned long long)h);
	c->writing = true;
}

/* Read what is there; false when the client is done with (error, or bad request). */
static bool client_read(struct client *c)
{
	ssize_t n;

	while ((n = recv(c->fd, c->buf + c->len, BODY_MAX + 64 - c->len, 0)) > 0) {
		char *nl;
		unsigned long k;

		c->len += (size_t)n;
		nl = memchr(c->buf, '\n', c->len);
		if (!c->want && nl) {
			if (sscanf(c->buf, "hello %lu", &k) != 1 || k > BODY_MAX)
				return false;
			c->want = (size_t)(nl - c->buf) + 1 + k;
		}
		if (c->want && c->len >= c->want) {
			client_answer(c, (size_t)(nl - c->buf) + 1);
			return true;
		}
	}
	return n < 0 && errno == EAGAIN;
}

/* Send the reply line, then the body; true while more is to come. */
static bool client_write(struct client *c, bool *ok)
{
	size_t total = c->reply_len + c->want - c->body_at;
	ssize_t n;

	while (c->sent < total) {
		if (c->sent < c->reply_len)
			n = send(c->fd, c->reply + c->sent, c->reply_len - c->sent, MSG_MORE);
		else
			n = send(c->fd, c->buf + c->body_at + (c->sent - c->reply_len),
				 total - c->sent, 0);
		if (n < 0) {
			*ok = false;
			return errno == EAGAIN;
		}
		c->sent += (size_t)n;
	}
	*ok = true;
	return false;
}

static void serve_round(int ls, int *max_at_once)
{
	struct pollfd p[CLIENTS_MAX + 1] = { { .fd = ls, .events = POLLIN } };

	for (int i = 0; i < nclients; i++)
		p[i + 1] = (struct pollfd){ .fd = clients[i].fd,
					    .events = clients[i].writing ? POLLOUT : POLLIN };
	if (poll(p, (nfds_t)nclients + 1, 1000) <= 0)
		return;
	for (int i = nclients - 1; i >= 0; i--) {
		struct client *c = &clients[i];
		bool ok = true;

		if (!p[i + 1].revents)
			continue;
		if (!c->writing && !client_read(c))
			client_drop(i, false);
		else if (c->writing && !client_write(c, &ok))
			client_drop(i, ok);
	}
	if (p[0].revents & POLLIN)
		accept_all(ls);
	if (nclients > *max_at_once)
		*max_at_once = nclients;
}

void test_server(void)
{
	uint64_t deadline = now_ns() + 25000000000ull;
	int ls, most = 0;

	if (!host.listen || !host.serve)
		return;
	ls = listener();
	printf("sockets: server: listening on port %d\n", host.listen);
	while (ls >= 0 && served < host.serve && now_ns() < deadline)
		serve_round(ls, &most);
	check("server", served == host.serve && !bad_requests,
	      "(%d of %d connections served, %d bad, at most %d at once)", served, host.serve,
	      bad_requests, most);
	while (nclients)
		client_drop(0, false);
	close(ls);
}
