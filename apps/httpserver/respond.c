// SPDX-License-Identifier: BSD-3-Clause
/*
 * httpserver: what to answer. GET and HEAD of the built-in page at / and of the files
 * under the document root; errors with a short HTML body. Every answer carries its
 * Content-Length (RFC 9112 §6.3), a Date (RFC 9110 §6.6.1) and, when the connection
 * will close, "Connection: close".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "server.h"

#define PATH_MAX_BYTES	1024	/* a decoded URL path, and ROOT plus that path */

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default: return "Internal Server Error";
	}
}

/* The IMF-fixdate of now, formatted once a second. */
static const char *http_date(struct server *s)
{
	time_t t = time(NULL);

	if (t != s->date_at || !s->date[0]) {
		s->date_at = t;
		http_date_format(t, s->date);
	}
	return s->date;
}

bool respond_head(struct conn *c, int status, const char *type, uint64_t length,
		  const char *extra)
{
	const char *conn_field = c->close_after ? "Connection: close\r\n" :
				 c->say_keep_alive ? "Connection: keep-alive\r\n" : "";
	char type_field[96] = "";
	size_t room = 320 + (extra ? strlen(extra) : 0);
	int n;

	if (type)
		snprintf(type_field, sizeof(type_field), "Content-Type: %s\r\n", type);
	if (!conn_out_reserve(c, room))
		return false;
	n = snprintf(c->out + c->out_len, room,
		     "HTTP/1.1 %d %s\r\nServer: keel-httpserver\r\nDate: %s\r\n%s"
		     "Content-Length: %llu\r\n%s%s\r\n",
		     status, reason(status), http_date(c->srv), type_field,
		     (unsigned long long)length, conn_field, extra ? extra : "");
	if (n < 0 || (size_t)n >= room)
		return false;
	c->out_len += (size_t)n;
	return true;
}

bool respond_bytes(struct conn *c, int status, const char *type, const char *body,
		   size_t len, bool head_only, const char *extra)
{
	if (!respond_head(c, status, type, len, extra))
		return false;
	if (head_only)
		return true;
	if (!conn_out_reserve(c, len))
		return false;
	memcpy(c->out + c->out_len, body, len);
	c->out_len += len;
	return true;
}

static bool respond_error(struct conn *c, int status, bool head_only, const char *extra)
{
	char body[160];
	int n = snprintf(body, sizeof(body),
			 "<!DOCTYPE html>\n<title>%d %s</title>\n<h1>%d %s</h1>\n",
			 status, reason(status), status, reason(status));

	return respond_bytes(c, status, "text/html; charset=utf-8", body, (size_t)n,
			     head_only, extra);
}

bool respond_error_close(struct conn *c, int status)
{
	c->close_after = true;
	c->say_keep_alive = false;
	return respond_error(c, status, false, NULL);
}

static int hex_value(char h)
{
	if (h >= '0' && h <= '9')
		return h - '0';
	if (h >= 'a' && h <= 'f')
		return h - 'a' + 10;
	if (h >= 'A' && h <= 'F')
		return h - 'A' + 10;
	return -1;
}

/*
 * The request-target's path, percent-decoded, into path; its raw form (up to '?') in
 * *raw and *raw_len. The absolute form (http://host/p, RFC 9112 §3.2.2) is taken too.
 * 0, or 400 (not a path, a bad or NUL escape, a ".." segment) or 414 (too long).
 */
static int decode_target(const char *t, size_t n, char *path, size_t size,
			 const char **raw, size_t *raw_len)
{
	size_t len = 0, i;

	if (n > 8 && (!strncasecmp(t, "http://", 7) || !strncasecmp(t, "https://", 8))) {
		const char *p = memchr(t, ':', n) + 3;
		const char *slash = memchr(p, '/', n - (size_t)(p - t));

		if (slash) {
			n -= (size_t)(slash - t);
			t = slash;
		} else {
			t = "/";
			n = 1;
		}
	}
	if (!n || t[0] != '/')
		return 400;
	for (i = 0; i < n && t[i] != '?' && t[i] != '#'; i++) {
		char ch = t[i];

		if (ch == '%') {
			int hi = i + 2 < n ? hex_value(t[i + 1]) : -1;
			int lo = i + 2 < n ? hex_value(t[i + 2]) : -1;

			if (hi < 0 || lo < 0 || (hi | lo) == 0)
				return 400;
			ch = (char)(hi << 4 | lo);
			i += 2;
		}
		if (len + 1 >= size)
			return 414;
		path[len++] = ch;
	}
	path[len] = 0;
	*raw = t;
	*raw_len = i;
	/* No segment may be "..": nothing outside the document root is served. */
	for (const char *s = path; (s = strstr(s, "..")); s += 2)
		if (s[-1] == '/' && (s[2] == '/' || !s[2]))
			return 400;
	return 0;
}

/* A path that names a directory without the final slash: send the client to it. */
static bool respond_redirect(struct conn *c, const char *raw, size_t raw_len, bool head_only)
{
	char extra[PATH_MAX_BYTES + 32];

	if (raw_len > PATH_MAX_BYTES)
		return respond_error(c, 414, head_only, NULL);
	snprintf(extra, sizeof(extra), "Location: %.*s/\r\n", (int)raw_len, raw);
	return respond_error(c, 301, head_only, extra);
}

static int errno_status(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return 404;
	case EACCES:
	case EPERM:
		return 403;
	case ENAMETOOLONG:
		return 414;
	case EMFILE:
	case ENFILE:
	case ENOMEM:
		return 503;
	default:
		return 500;
	}
}

/* A regular file's answer: the head, then its first bytes (the rest as it is sent). */
static bool respond_file(struct conn *c, const char *fspath, const struct stat *st,
			 bool head_only)
{
	int fd = -1;

	if (!head_only) {
		fd = open(fspath, O_RDONLY);
		if (fd < 0)
			return respond_error(c, errno_status(errno), false, NULL);
	}
	if (!respond_head(c, 200, mime_type(fspath), (uint64_t)st->st_size, NULL))
		goto err_close;
	if (head_only || !st->st_size) {
		if (fd >= 0)
			close(fd);
		return true;
	}
	c->file_fd = fd;
	c->file_left = (uint64_t)st->st_size;
	/* The head and the first chunk leave in one send: no small segment on its own. */
	if (!conn_out_reserve(c, c->file_left < HTTP_OUT_CHUNK ? c->file_left : HTTP_OUT_CHUNK))
		return false;	/* conn_free closes file_fd */
	return conn_out_fill(c);

err_close:
	if (fd >= 0)
		close(fd);
	return false;
}

static bool respond_path(struct conn *c, const char *path, const char *raw, size_t raw_len,
			 bool head_only)
{
	char fspath[PATH_MAX_BYTES + 16];
	size_t plen = strlen(path);
	struct stat st;
	int n;

	n = snprintf(fspath, sizeof(fspath), "%s%s%s", c->srv->cfg->root, path,
		     path[plen - 1] == '/' ? "index.html" : "");
	if (n < 0 || (size_t)n >= sizeof(fspath))
		return respond_error(c, 414, head_only, NULL);
	if (stat(fspath, &st) < 0) {
		int status = errno_status(errno);

		/* / without ROOT/index.html is the built-in page. */
		if (status == 404 && !strcmp(path, "/"))
			return respond_bytes(c, 200, "text/html; charset=utf-8", builtin_page,
					     builtin_page_len, head_only, NULL);
		return respond_error(c, status, head_only, NULL);
	}
	if (S_ISDIR(st.st_mode) && path[plen - 1] != '/')
		return respond_redirect(c, raw, raw_len, head_only);
	if (!S_ISREG(st.st_mode))
		return respond_error(c, 404, head_only, NULL);
	return respond_file(c, fspath, &st, head_only);
}

bool respond(struct conn *c, const struct http_request *req)
{
	bool head_only = req->method == HTTP_HEAD;
	char path[PATH_MAX_BYTES];
	const char *raw;
	size_t raw_len;
	int status;

	/* A request body is not read as such: the connection drains it and closes. */
	c->close_after = !req->keep_alive || req->content_length > 0;
	c->drain = req->content_length > 0;
	c->say_keep_alive = req->keep_alive && req->minor == 0 && !c->close_after;
	if (req->method == HTTP_OTHER)
		return respond_error(c, 405, false, "Allow: GET, HEAD\r\n");
	status = decode_target(req->target, req->target_len, path, sizeof(path), &raw, &raw_len);
	if (status) {
		c->close_after = true;
		c->say_keep_alive = false;
		return respond_error(c, status, head_only, NULL);
	}
	status = respond_test_url(c, req, path);
	if (status)
		return status > 0;
	return respond_path(c, path, raw, raw_len, head_only);
}
