// SPDX-License-Identifier: BSD-3-Clause
/*
 * netsock: socket scenarios that need their own boot (tests/suites/71-sockets.sh).
 * Arguments: key=value settings (peer=ADDR%ZONE peer_port=N listen=N), then the
 * groups to run, in order. Every check prints "netsock: NAME: ok|FAIL detail"; the
 * exit status is the number of failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "netsock.h"

const char test_app_name[] = "netsock";
struct netsock_cfg cfg;

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

static const struct test_group groups[] = {
	{ "link-local", test_link_local },
	{ "close-last-ack", test_close_last_ack },
	{ "close-time-wait-read", test_close_time_wait_read },
	{ "close-time-wait-unread", test_close_time_wait_unread },
};

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!set_option(argv[i]))
			run_group(groups, sizeof(groups) / sizeof(groups[0]), argv[i], NULL);
	printf("netsock: %d failures\n", check_failures());
	return check_failures();
}
