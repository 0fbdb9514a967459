// SPDX-License-Identifier: BSD-3-Clause
/*
 * httpserver: one connection's state machine. Reads a request head, answers it, writes
 * the answer without blocking (the rest when poll() says the socket is writable), then
 * takes the next request, pipelined ones in order. A connection that must close with
 * input still coming drains it first: a TCP close with unread data sends a reset, which
 * can destroy the answer before the client reads it (RFC 9112 §9.6).
 *
 * The drain does not shut the write side first, as servers usually do: lwIP 2.1.3 can
 * free a connection whose write side was shut when the peer's FIN then arrives and
 * still hand it to close(), a double free. It drains until the client closes or stays
 * quiet for LINGER_QUIET_MS, for LINGER_MS at most.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "server.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL	0	/* no SIGPIPE to suppress where the flag does not exist */
#endif

#define IN_FIRST	1024	/* bytes of the first input buffer; doubles up to HTTP_MAX_HEAD */
#define OUT_MIN		2048	/* smallest output buffer */
#define LINGER_MS	2000	/* how long a closing connection drains its input at most */
#define LINGER_QUIET_MS	100	/* ... and how long without input ends the drain */

struct conn *conn_new(struct server *s, int fd)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->srv = s;
	c->fd = fd;
	c->file_fd = -1;
	c->state = CONN_READ;
	c->deadline_ms = now_ms() + (uint64_t)s->cfg->timeout_ms;
	return c;
}

void conn_free(struct conn *c)
{
	if (c->file_fd >= 0)
		close(c->file_fd);
	close(c->fd);
	c->srv->n.closed++;
	if (c->stop_server)
		c->srv->stopping = true;
	free(c->in);
	free(c->out);
	free(c);
}

short conn_events(const struct conn *c)
{
	switch (c->state) {
	case CONN_READ:
	case CONN_LINGER:
		return POLLIN;
	case CONN_WRITE:
		return POLLOUT;
	default:
		return 0;
	}
}

bool conn_out_reserve(struct conn *c, size_t n)
{
	size_t need = c->out_len + n, cap;
	char *p;

	if (need <= c->out_cap)
		return true;
	cap = need < OUT_MIN ? OUT_MIN : (need + 1023) & ~(size_t)1023;
	p = realloc(c->out, cap);
	if (!p)
		return false;
	c->out = p;
	c->out_cap = cap;
	return true;
}

bool conn_out_fill(struct conn *c)
{
	size_t room = c->out_cap - c->out_len;
	size_t want = c->file_left < room ? (size_t)c->file_left : room;

	while (want) {
		ssize_t n = read(c->file_fd, c->out + c->out_len, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;	/* the file shrank or failed: the length we sent is wrong */
		c->out_len += (size_t)n;
		c->file_left -= (uint64_t)n;
		want -= (size_t)n;
	}
	return true;
}

static bool would_block(int err)
{
	return err == EAGAIN || err == EWOULDBLOCK;
}

/* An error or a reset ends the connection; the loop frees it. */
static void conn_fail(struct conn *c)
{
	c->srv->n.io_errors++;
	c->state = CONN_DONE;
}

/* Close now when nothing more came in, else drain the input first (conn_drain). */
static void conn_linger(struct conn *c)
{
	uint64_t now = now_ms();

	if (!c->in_len && !c->drain) {
		c->state = CONN_DONE;
		return;
	}
	c->in_len = 0;
	c->state = CONN_LINGER;
	c->linger_end_ms = now + LINGER_MS;
	/* The last connection of a stopping server waits for the client's close. */
	c->deadline_ms = c->stop_server ? c->linger_end_ms : now + LINGER_QUIET_MS;
}

static void conn_response_done(struct conn *c)
{
	if (c->file_fd >= 0) {
		close(c->file_fd);
		c->file_fd = -1;
	}
	c->out_len = c->out_off = 0;
	if (c->close_after) {
		conn_linger(c);
		return;
	}
	c->state = CONN_READ;
	c->deadline_ms = now_ms() + (uint64_t)c->srv->cfg->timeout_ms;
}

/* Send what is queued, refilling from the file; wait for POLLOUT when the socket is full. */
static void conn_send(struct conn *c)
{
	for (;;) {
		while (c->out_off < c->out_len) {
			ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
					 MSG_NOSIGNAL);

			if (n > 0) {
				c->out_off += (size_t)n;
			} else if (n < 0 && would_block(errno)) {
				c->state = CONN_WRITE;
				c->deadline_ms = now_ms() + (uint64_t)c->srv->cfg->timeout_ms;
				return;
			} else if (n < 0 && errno == EINTR) {
				continue;
			} else {
				conn_fail(c);	/* EPIPE, ECONNRESET: the client went away */
				return;
			}
		}
		if (!c->file_left)
			break;
		c->out_len = c->out_off = 0;
		if (!conn_out_fill(c)) {
			conn_fail(c);
			return;
		}
	}
	conn_response_done(c);
}

static void conn_consume(struct conn *c, size_t n)
{
	memmove(c->in, c->in + n, c->in_len - n);
	c->in_len -= n;
	c->scan = 0;
}

/* Answer every complete request in the input, in order, as long as each is sent at once. */
static void conn_process(struct conn *c)
{
	while (c->state == CONN_READ && c->in_len) {
		struct http_request req;
		int rc = http_parse_request(c->in, c->in_len, &c->scan, &req);
		bool ok;

		if (rc == 0 && c->in_len < HTTP_MAX_HEAD)
			return;		/* wait for the rest */
		c->srv->n.requests++;
		if (rc > 0) {
			ok = respond(c, &req);
			conn_consume(c, req.head_len);
		} else {
			ok = respond_error_close(c, rc ? -rc : http_overflow_status(c->in, c->in_len));
			c->in_len = 0;
			c->drain = true;	/* the rest of a bad request may be on its way */
		}
		if (!ok) {
			conn_fail(c);
			return;
		}
		conn_send(c);
	}
}

static bool conn_grow_input(struct conn *c)
{
	size_t cap = c->in_cap ? c->in_cap * 2 : IN_FIRST;
	char *p;

	if (cap > HTTP_MAX_HEAD)
		cap = HTTP_MAX_HEAD;
	p = realloc(c->in, cap);
	if (!p)
		return false;
	c->in = p;
	c->in_cap = cap;
	return true;
}

static void conn_read(struct conn *c)
{
	ssize_t n;

	if (c->in_len == c->in_cap && !conn_grow_input(c)) {
		conn_fail(c);
		return;
	}
	n = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
	if (n < 0) {
		if (!would_block(errno) && errno != EINTR)
			conn_fail(c);
		return;
	}
	if (n == 0) {
		c->state = CONN_DONE;	/* the client closed; a partial request dies with it */
		return;
	}
	/* The request-read timeout runs from a request's first byte. */
	if (!c->in_len)
		c->deadline_ms = now_ms() + (uint64_t)c->srv->cfg->timeout_ms;
	c->in_len += (size_t)n;
	conn_process(c);
}

/* Read and drop input until the client's end of file; a few KiB per call, so a
 * client that keeps sending cannot hold the loop. */
static void conn_drain(struct conn *c)
{
	char sink[512];

	for (int i = 0; i < 16; i++) {
		ssize_t n = recv(c->fd, sink, sizeof(sink), 0);
		uint64_t quiet;

		if (n > 0) {
			quiet = c->stop_server ? c->linger_end_ms : now_ms() + LINGER_QUIET_MS;
			c->deadline_ms = quiet < c->linger_end_ms ? quiet : c->linger_end_ms;
			continue;
		}
		if (n < 0 && (would_block(errno) || errno == EINTR))
			return;
		c->state = CONN_DONE;
		return;
	}
}

void conn_ready(struct conn *c, short revents)
{
	if (revents & POLLNVAL) {
		conn_fail(c);
		return;
	}
	switch (c->state) {
	case CONN_READ:
		conn_read(c);
		break;
	case CONN_WRITE:
		conn_send(c);
		break;
	case CONN_LINGER:
		conn_drain(c);
		break;
	default:
		break;
	}
}

void conn_check_timeout(struct conn *c, uint64_t now)
{
	if (c->state == CONN_DONE || now < c->deadline_ms)
		return;
	if (c->state == CONN_LINGER) {
		c->state = CONN_DONE;	/* the drain's end, not a timeout */
		return;
	}
	c->srv->n.timeouts++;
	if (c->state == CONN_READ && c->in_len) {
		/* A request that did not arrive in time: say so, then close. */
		c->srv->n.requests++;
		c->in_len = 0;
		c->drain = true;
		if (respond_error_close(c, 408)) {
			conn_send(c);
			return;
		}
	}
	c->state = CONN_DONE;
}
