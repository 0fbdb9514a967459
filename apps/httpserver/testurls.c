// SPDX-License-Identifier: BSD-3-Clause
/*
 * httpserver: URLs for the tests, built only with CONFIG_HTTPSERVER_TEST_URLS.
 * GET /__stats: the server's counters and the allocator's figures, "name value" lines.
 * GET /__quit: answers, and the server stops (main returns 0) once the client has
 * closed that connection (or 2 s passed), so the answer is never cut.
 */
#include <stdio.h>
#include <string.h>
#include "server.h"

static bool respond_stats(struct conn *c, bool head_only)
{
	const struct counters *n = &c->srv->n;
	struct heap_usage h;
	char body[512];
	int len;

	heap_usage(&h);
	len = snprintf(body, sizeof(body),
		       "connections_open %d\nconnections_accepted %llu\nconnections_closed %llu\n"
		       "requests %llu\ntimeouts %llu\nresets %llu\nrefused %llu\n"
		       "heap_in_use %llu\nheap_peak %llu\npages_in_use %llu\n",
		       c->srv->nconns, (unsigned long long)n->accepted,
		       (unsigned long long)n->closed, (unsigned long long)n->requests,
		       (unsigned long long)n->timeouts, (unsigned long long)n->io_errors,
		       (unsigned long long)n->refused, (unsigned long long)h.in_use,
		       (unsigned long long)h.peak, (unsigned long long)h.pages);
	return respond_bytes(c, 200, "text/plain; charset=utf-8", body, (size_t)len, head_only,
			     NULL);
}

int respond_test_url(struct conn *c, const struct http_request *req, const char *path)
{
	bool head_only = req->method == HTTP_HEAD;

	if (!strcmp(path, "/__stats"))
		return respond_stats(c, head_only) ? 1 : -1;
	if (strcmp(path, "/__quit"))
		return 0;
	c->close_after = true;
	c->say_keep_alive = false;
	/* Wait for the client to close (2 s at most): the image stops right after this
	 * connection, and the answer must have left by then. */
	c->drain = true;
	c->stop_server = true;
	return respond_bytes(c, 200, "text/plain; charset=utf-8", "bye\n", 4, head_only,
			     NULL) ? 1 : -1;
}
