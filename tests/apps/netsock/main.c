// SPDX-License-Identifier: BSD-3-Clause
/*
 * netsock: socket scenarios that need their own boot (tests/suites/71-sockets.sh).
 * Arguments: key=value settings (peer=ADDR%ZONE peer_port=N listen=N), then the
 * groups to run, in order. Every check prints "netsock: NAME: ok|FAIL detail"; the
 * exit status is the number of failures.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "netsock.h"

struct netsock_cfg cfg;
static int failures;

void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("netsock: %s: %s%s%s\n", name, ok ? "ok" : "FAIL", *detail ? " " : "", detail);
	failures += !ok;
}

bool fails_with(long ret, int want)
{
	return ret == -1 && errno == want;
}

uint64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static bool set_option(const char *arg)
{
	if (!strncmp(arg, "peer=", 5))
		cfg.peer = arg + 5;
	else if (!strncmp(arg, "peer_port=", 10))
		cfg.peer_port = atoi(arg + 10);
	else if (!strncmp(arg, "listen=", 7))
		cfg.listen = atoi(arg + 7);
	else
		return false;
	return true;
}

static const struct {
	const char *name;
	void (*run)(void);
} groups[] = {
	{ "link-local", test_link_local },
	{ "close-last-ack", test_close_last_ack },
	{ "close-time-wait-read", test_close_time_wait_read },
	{ "close-time-wait-unread", test_close_time_wait_unread },
};

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t g = 0;

		if (set_option(argv[i]))
			continue;
		while (g < sizeof(groups) / sizeof(groups[0]) && strcmp(argv[i], groups[g].name))
			g++;
		if (g == sizeof(groups) / sizeof(groups[0])) {
			check(argv[i], false, "(no such group)");
			continue;
		}
		groups[g].run();
	}
	printf("netsock: %d failures\n", failures);
	return failures;
}
