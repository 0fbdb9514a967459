/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpserver: the server's state, shared by its files. One thread runs a poll() loop
 * over the listening sockets and every connection (loop.c); each connection is a small
 * state machine (conn.c) that reads a request head, builds the response (respond.c)
 * and writes it without blocking. The code is plain POSIX, so the same files build
 * for Keel and for Linux (the bench's baseline guest) and the host (tests).
 */
#ifndef HTTPSERVER_SERVER_H
#define HTTPSERVER_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "request.h"

/*
 * newlib's printf family carries floating-point conversion (tens of KiB of code); its
 * i-variants do the integer formats alone, which are all this server uses.
 */
#ifdef __NEWLIB__
#define printf		iprintf
#define fprintf		fiprintf
#define snprintf	sniprintf
#endif

#define HTTP_OUT_CHUNK		16384	/* bytes of a file read per refill */
#define HTTP_DATE_LEN		30	/* an IMF-fixdate and its NUL */

struct config {
	unsigned short port;
	const char *root;	/* document root: URL /a/b is ROOT/a/b */
	int max_conns;		/* open connections at most; more wait in the backlog */
	int timeout_ms;		/* idle, request-read and write-stall limit */
	bool ipv6;		/* also listen on [::]:port */
};

struct counters {
	uint64_t accepted;	/* connections */
	uint64_t closed;
	uint64_t requests;	/* request heads answered (errors included) */
	uint64_t timeouts;	/* connections closed for a timeout */
	uint64_t io_errors;	/* connections a send/recv error ended (reset, EPIPE) */
	uint64_t refused;	/* accept() failures and connections we could not set up */
};

enum conn_state {
	CONN_READ,	/* waiting for (the rest of) a request head */
	CONN_WRITE,	/* sending a response */
	CONN_LINGER,	/* answered, draining input before the close */
	CONN_DONE,	/* to be freed by the loop */
};

struct server;
struct pollfd;

struct conn {
	struct server *srv;
	int fd;
	enum conn_state state;
	uint64_t deadline_ms;	/* when the current state times out */
	uint64_t linger_end_ms;	/* CONN_LINGER: when the drain stops at the latest */
	char *in;		/* request bytes received, not yet consumed */
	size_t in_len, in_cap, scan;
	char *out;		/* the response bytes to send: out[out_off..out_len) */
	size_t out_len, out_off, out_cap;
	int file_fd;		/* the file whose rest follows out, or -1 */
	uint64_t file_left;	/* its bytes still to read and send */
	bool close_after;	/* close once the response is sent */
	bool drain;		/* ... after draining the input, which may still be coming */
	bool say_keep_alive;	/* an HTTP/1.0 client asked to keep the connection */
	bool stop_server;	/* the server stops when this connection is freed */
};

struct server {
	const struct config *cfg;
	int listen_fd[2];
	int nlisten;
	struct conn **conns;
	int nconns;
	struct pollfd *pfds;
	uint64_t accept_resume_ms;	/* accept() paused (EMFILE, ENOMEM) until then */
	bool stopping;
	struct counters n;
	time_t date_at;		/* the second date[] was formatted for */
	char date[HTTP_DATE_LEN];	/* IMF-fixdate (RFC 9110 §5.6.7) */
};

/* loop.c */
uint64_t now_ms(void);
int server_open(struct server *s, const struct config *cfg);
int server_run(struct server *s);
void server_close(struct server *s);

/* conn.c */
struct conn *conn_new(struct server *s, int fd);
void conn_free(struct conn *c);
short conn_events(const struct conn *c);
void conn_ready(struct conn *c, short revents);
void conn_check_timeout(struct conn *c, uint64_t now);
/* Make room for n more bytes of output; false when memory ran out. */
bool conn_out_reserve(struct conn *c, size_t n);
/* Append the next bytes of c->file_fd to c->out, as many as fit; false on error. */
bool conn_out_fill(struct conn *c);

/*
 * respond.c: put the answer to req in c->out (and c->file_fd, c->file_left for a
 * file's rest). False when memory ran out and the connection must be dropped.
 */
bool respond(struct conn *c, const struct http_request *req);
/* An error response after which the connection closes (400, 408, 414, 431, 501...). */
bool respond_error_close(struct conn *c, int status);
/* Append the status line and the common header fields; false when out of memory. */
bool respond_head(struct conn *c, int status, const char *type, uint64_t length,
		  const char *extra);
/* The head and, unless head_only, the body; false when out of memory. */
bool respond_bytes(struct conn *c, int status, const char *type, const char *body,
		   size_t len, bool head_only, const char *extra);

/* page.c: the built-in page served at / when ROOT/index.html does not exist. */
extern const char builtin_page[];
extern const size_t builtin_page_len;

/* mime.c: the Content-Type for a path, by its extension. */
const char *mime_type(const char *path);

/* date.c: t as an IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT". */
void http_date_format(time_t t, char out[HTTP_DATE_LEN]);

/*
 * testurls.c, in test builds only (CONFIG_HTTPSERVER_TEST_URLS): /__stats and
 * /__quit. 0 when path is neither; 1 when the response is in c->out; -1 when memory
 * ran out.
 */
#ifdef CONFIG_HTTPSERVER_TEST_URLS
int respond_test_url(struct conn *c, const struct http_request *req, const char *path);

struct heap_usage {
	uint64_t in_use;	/* bytes allocated and not freed */
	uint64_t peak;		/* the most in_use has been (0: unknown) */
	uint64_t pages;		/* bytes in page-allocator runs, heap pools included */
};

/* heap-keel.c or heap-host.c: the allocator's figures. */
void heap_usage(struct heap_usage *u);
#else
static inline int respond_test_url(struct conn *c, const struct http_request *req,
				   const char *path)
{
	(void)c, (void)req, (void)path;
	return 0;
}
#endif

#endif /* HTTPSERVER_SERVER_H */
