// SPDX-License-Identifier: BSD-3-Clause
/*
 * httpserver: an HTTP/1.1 server for Keel (apps/httpserver/README.md).
 *
 *   httpserver [-p PORT] [-r ROOT] [-c MAXCONN] [-t SECONDS] [-6]
 *
 * Serves a built-in page at / and the files under ROOT (default /www), with keep-alive
 * and pipelining, until it fails (status 1) or a test build is asked to stop (0).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "server.h"

static void usage(void)
{
	fprintf(stderr, "usage: httpserver [-p PORT] [-r ROOT] [-c MAXCONN] [-t SECONDS] [-6]\n"
		"  -p PORT     TCP port (default 80)\n"
		"  -r ROOT     document root (default /www)\n"
		"  -c MAXCONN  connections open at once, 1..65536 (default 256)\n"
		"  -t SECONDS  idle, request-read and write-stall timeout, 1..3600 (default 10)\n"
		"  -6          also listen on IPv6 ([::]:PORT)\n");
}

/* A decimal in [min, max], or -1. */
static long number(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	return v;
}

/* Apply option opt with its value; 0, or -1 for a bad value. */
static int apply_option(char opt, char *value, struct config *cfg)
{
	long v = 0;

	switch (opt) {
	case 'p':
		v = number(value, 1, 65535);
		cfg->port = (unsigned short)v;
		break;
	case 'r':
		/* ROOT/a is the file for /a: drop a trailing slash ("/" becomes ""). */
		cfg->root = value;
		if (value[0] && value[strlen(value) - 1] == '/')
			value[strlen(value) - 1] = 0;
		break;
	case 'c':
		v = number(value, 1, 65536);
		cfg->max_conns = (int)v;
		break;
	case 't':
		v = number(value, 1, 3600);
		cfg->timeout_ms = (int)v * 1000;
		break;
	}
	if (v < 0) {
		fprintf(stderr, "httpserver: bad value '%s' for -%c\n", value, opt);
		return -1;
	}
	return 0;
}

/*
 * -p PORT, -pPORT and the others alike, and -6. Not getopt: newlib's prints its
 * complaints with the floating-point fprintf, tens of KiB for two messages.
 */
static int parse_options(int argc, char *argv[], struct config *cfg)
{
	for (int i = 1; i < argc; i++) {
		char *a = argv[i], *value;

		if (a[0] != '-' || !a[1]) {
			fprintf(stderr, "httpserver: unexpected argument '%s'\n", a);
			return -1;
		}
		if (!strcmp(a, "-6")) {
			cfg->ipv6 = true;
			continue;
		}
		if (!strchr("prct", a[1])) {
			fprintf(stderr, "httpserver: unknown option '%s'\n", a);
			return -1;
		}
		value = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : NULL;
		if (!value) {
			fprintf(stderr, "httpserver: option -%c needs a value\n", a[1]);
			return -1;
		}
		if (apply_option(a[1], value, cfg) < 0)
			return -1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	struct config cfg = {
		.port = 80, .root = "/www", .max_conns = 256, .timeout_ms = 10000,
	};
	static struct server srv;
	int rc;

	if (parse_options(argc, argv, &cfg) < 0) {
		usage();
		return 2;
	}
	/* A client that goes away mid-response is an EPIPE to handle, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	rc = server_open(&srv, &cfg);
	if (rc < 0) {
		fprintf(stderr, "httpserver: cannot listen on port %u: %s\n", cfg.port,
			strerror(-rc));
		return 1;
	}
	printf("httpserver: listening on port %u%s (root %s, up to %d connections, timeout %d s)\n",
	       cfg.port, cfg.ipv6 ? " (IPv4 and IPv6)" : "", cfg.root[0] ? cfg.root : "/",
	       cfg.max_conns, cfg.timeout_ms / 1000);
	fflush(stdout);
	rc = server_run(&srv);
	printf("httpserver: stopped: %llu connections, %llu requests, %llu timeouts, "
	       "%llu resets, %llu refused\n",
	       (unsigned long long)srv.n.accepted, (unsigned long long)srv.n.requests,
	       (unsigned long long)srv.n.timeouts, (unsigned long long)srv.n.io_errors,
	       (unsigned long long)srv.n.refused);
	server_close(&srv);
	return rc < 0 ? 1 : 0;
}
