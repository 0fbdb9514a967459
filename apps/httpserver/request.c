// SPDX-License-Identifier: BSD-3-Clause
/* httpserver: parsing an HTTP/1.x request head (RFC 9112 §2-§7, RFC 9110 §5). */
#include <string.h>
#include <strings.h>
#include "request.h"

/* tchar (RFC 9110 §5.6.2): the characters of a method or a field name. */
static bool is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c && strchr("!#$%&'*+-.^_`|~", c);
}

static bool is_token(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_tchar((unsigned char)s[i]))
			return false;
	return true;
}

/* RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line. */
static size_t skip_empty_lines(const char *buf, size_t len)
{
	size_t i = 0;

	for (;;) {
		if (i < len && buf[i] == '\n')
			i++;
		else if (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n')
			i += 2;
		else
			return i;
	}
}

/*
 * The end of the head (the byte after its empty line), or 0 when it is not in buf yet.
 * A line ends with CRLF or a bare LF (RFC 9112 §2.2 lets a recipient accept the latter).
 */
static size_t find_head_end(const char *buf, size_t len, size_t start, size_t *scan)
{
	size_t p = *scan > start ? *scan : start;

	for (; p < len; p++) {
		if (buf[p] != '\n')
			continue;
		if (p + 1 < len && buf[p + 1] == '\n')
			return p + 2;
		if (p + 2 < len && buf[p + 1] == '\r' && buf[p + 2] == '\n')
			return p + 3;
		if (p + 2 >= len)
			break;		/* the next line's first bytes are still to come */
	}
	*scan = p;
	return 0;
}

/* The next line of [*pos, end): its start and length without CRLF or LF. */
static const char *next_line(const char *buf, size_t end, size_t *pos, size_t *n)
{
	const char *line = buf + *pos;
	const char *nl = memchr(line, '\n', end - *pos);

	*n = (size_t)(nl - line);
	*pos += *n + 1;
	if (*n && line[*n - 1] == '\r')
		(*n)--;
	return line;
}

/* method SP request-target SP HTTP-version (RFC 9112 §3). 0 or a negative status. */
static int parse_request_line(const char *line, size_t n, struct http_request *req)
{
	const char *sp1 = memchr(line, ' ', n), *sp2, *v;

	if (!sp1 || !is_token(line, (size_t)(sp1 - line)))
		return -400;
	sp2 = memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - line));
	if (!sp2 || sp2 == sp1 + 1)
		return -400;
	for (const char *t = sp1 + 1; t < sp2; t++)
		if ((unsigned char)*t <= 0x20 || (unsigned char)*t >= 0x7f)
			return -400;
	v = sp2 + 1;
	if (line + n - v != 8 || memcmp(v, "HTTP/", 5) || v[5] < '0' || v[5] > '9' ||
	    v[6] != '.' || v[7] < '0' || v[7] > '9')
		return -400;
	if (v[5] != '1')
		return -505;
	req->minor = v[7] == '0' ? 0 : 1;
	req->target = sp1 + 1;
	req->target_len = (size_t)(sp2 - sp1 - 1);
	if (sp1 - line == 3 && !memcmp(line, "GET", 3))
		req->method = HTTP_GET;
	else if (sp1 - line == 4 && !memcmp(line, "HEAD", 4))
		req->method = HTTP_HEAD;
	else
		req->method = HTTP_OTHER;
	return 0;
}

/* What a request's fields say about framing and the connection. */
struct fields {
	int hosts;
	bool close, keep_alive, transfer_encoding;
	int64_t content_length;
};

/* Connection: a comma-separated list of options (RFC 9110 §7.6.1). */
static void parse_connection(const char *v, size_t n, struct fields *f)
{
	while (n) {
		size_t len = 0, end;

		while (n && (*v == ',' || *v == ' ' || *v == '\t'))
			v++, n--;
		while (len < n && v[len] != ',')
			len++;
		end = len;
		while (end && (v[end - 1] == ' ' || v[end - 1] == '\t'))
			end--;
		if (end == 5 && !strncasecmp(v, "close", 5))
			f->close = true;
		else if (end == 10 && !strncasecmp(v, "keep-alive", 10))
			f->keep_alive = true;
		v += len;
		n -= len;
	}
}

/* Content-Length = 1*DIGIT; repeated fields must agree (RFC 9112 §6.3 item 5). */
static int parse_content_length(const char *v, size_t n, struct fields *f)
{
	int64_t value = 0;

	if (!n)
		return -400;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -400;
		if (value > HTTP_MAX_BODY)
			return -413;
		value = value * 10 + (v[i] - '0');
	}
	if (f->content_length >= 0 && f->content_length != value)
		return -400;
	f->content_length = value;
	return value > HTTP_MAX_BODY ? -413 : 0;
}

/* name ":" OWS value OWS (RFC 9112 §5). 0 or a negative status. */
static int parse_field(const char *line, size_t n, struct fields *f)
{
	const char *colon = memchr(line, ':', n), *v;
	size_t name_len, vlen;

	/* A leading space is obsolete line folding, a space before the colon is
	 * forbidden; both MUST be rejected with 400 (RFC 9112 §5.1, §5.2). */
	if (!colon || !is_token(line, (size_t)(colon - line)))
		return -400;
	name_len = (size_t)(colon - line);
	v = colon + 1;
	vlen = n - name_len - 1;
	for (size_t i = 0; i < vlen; i++) {
		unsigned char c = (unsigned char)v[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return -400;
	}
	while (vlen && (*v == ' ' || *v == '\t'))
		v++, vlen--;
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (name_len == 4 && !strncasecmp(line, "host", 4))
		f->hosts++;
	else if (name_len == 10 && !strncasecmp(line, "connection", 10))
		parse_connection(v, vlen, f);
	else if (name_len == 14 && !strncasecmp(line, "content-length", 14))
		return parse_content_length(v, vlen, f);
	else if (name_len == 17 && !strncasecmp(line, "transfer-encoding", 17))
		f->transfer_encoding = true;
	return 0;
}

/* The fields between the request line and end (the empty line's start). */
static int parse_fields(const char *buf, size_t pos, size_t end, struct fields *f)
{
	int count = 0, rc;

	while (pos < end) {
		size_t n;
		const char *line = next_line(buf, end, &pos, &n);

		if (!n)
			break;		/* the empty line */
		if (++count > HTTP_MAX_FIELDS)
			return -431;
		rc = parse_field(line, n, f);
		if (rc)
			return rc;
	}
	return 0;
}

int http_parse_request(const char *buf, size_t len, size_t *scan,
		       struct http_request *req)
{
	size_t start = skip_empty_lines(buf, len), end, pos, n;
	struct fields f = { .content_length = -1 };
	const char *line;
	int rc;

	end = find_head_end(buf, len, start, scan);
	if (!end)
		return 0;
	pos = start;
	line = next_line(buf, end, &pos, &n);
	rc = parse_request_line(line, n, req);
	if (!rc)
		rc = parse_fields(buf, pos, end, &f);
	if (rc)
		return rc;
	/* We take no chunked bodies: 501 (RFC 9112 §6.1); the connection closes. */
	if (f.transfer_encoding)
		return -501;
	/* HTTP/1.1 needs exactly one Host, HTTP/1.0 at most one (RFC 9112 §3.2). */
	if (f.hosts > 1 || (req->minor >= 1 && f.hosts != 1))
		return -400;
	req->content_length = f.content_length;
	req->keep_alive = req->minor >= 1 ? !f.close : f.keep_alive && !f.close;
	req->head_len = end;
	return (int)end;
}

int http_overflow_status(const char *buf, size_t len)
{
	size_t start = skip_empty_lines(buf, len);

	return memchr(buf + start, '\n', len - start) ? 431 : 414;
}
