/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpserver: the HTTP/1.x request-head parser (RFC 9112). Pure code over a buffer:
 * no I/O, no allocation, so the host can test it alone.
 */
#ifndef HTTPSERVER_REQUEST_H
#define HTTPSERVER_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_HEAD		8192	/* request line and header fields, in bytes */
#define HTTP_MAX_FIELDS		100	/* header fields per request */
#define HTTP_MAX_BODY		(1 << 20)	/* a request body we are willing to drain */

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_OTHER,	/* a well-formed method we do not implement: 405 */
};

struct http_request {
	enum http_method method;
	const char *target;	/* request-target, inside the caller's buffer */
	size_t target_len;
	int minor;		/* HTTP/1.minor: 0 or 1 (1.2 and up count as 1) */
	bool keep_alive;	/* the connection stays open after the response */
	int64_t content_length;	/* -1: none given */
	size_t head_len;	/* bytes of the head, up to and including its empty line */
};

/*
 * Parse the request head at the start of buf[0..len). Returns the head's length when
 * it is complete and well-formed (req filled in), 0 when more bytes are needed, or a
 * negative HTTP status to answer with before closing the connection: -400 (malformed),
 * -413 (body too large), -431 (too many fields), -501 (Transfer-Encoding), -505
 * (not HTTP/1.x). *scan remembers how far a previous call looked for the head's end;
 * start it at 0 for each request.
 */
int http_parse_request(const char *buf, size_t len, size_t *scan,
		       struct http_request *req);

/*
 * The status for a head that filled HTTP_MAX_HEAD bytes without ending: 414 when the
 * request line itself has not ended, 431 otherwise.
 */
int http_overflow_status(const char *buf, size_t len);

#endif /* HTTPSERVER_REQUEST_H */
