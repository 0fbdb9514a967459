// SPDX-License-Identifier: BSD-3-Clause
/*
 * lwip: lwIP over virtio-net through lwIP's netconn API, for tests/suites/70-lwip.sh
 * (QEMU user networking: gateway 10.0.2.2, which is also the host's 127.0.0.1).
 * Arguments, run in order:
 *   ping           ICMP echo to 10.0.2.2, the reply's identifier, sequence and data
 *                  checked;
 *   connect=PORT   TCP to 10.0.2.2:PORT, where the test script listens: a greeting
 *                  out, the host's 64 KiB pattern back until it closes;
 *   echo=N         a TCP echo server on port 7 (the host reaches it through hostfwd)
 *                  for N connections, one after the other; a stream that starts with
 *                  the pattern's first byte is checked against the pattern here too;
 *   self           TCP to our own address (looped back inside lwIP), a greeting
 *                  taken by the accepted side;
 *   mem            the heap in use after all of it is back within a few KiB of
 *                  before, everything closed (the last data sent waits for its
 *                  acknowledgement: a few seconds at most); then one datagram sent,
 *                  whose buffer must be freed without another send (mem.c).
 * Ends with "lwip: F failures" and exits with F.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <keel/alloc.h>
#include "lwiptest.h"

static int failures;

void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("lwip: %s: %s%s%s%s\n", name, ok ? "ok" : "FAIL", detail[0] ? " (" : "", detail,
	       detail[0] ? ")" : "");
	failures += !ok;
}

int main(int argc, char *argv[])
{
	struct k_alloc_stats before;
	bool mem = false;

	printf("lwip: start\n");
	k_alloc_stats(&before);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "ping"))
			test_ping();
		else if (!strncmp(a, "connect=", 8))
			test_connect((unsigned int)atoi(a + 8));
		else if (!strncmp(a, "echo=", 5))
			test_echo((unsigned int)atoi(a + 5));
		else if (!strcmp(a, "self"))
			test_self();
		else if (!strcmp(a, "mem"))
			mem = true;
		else
			check(a, false, "unknown argument");
	}
	if (mem)
		test_mem(&before);
	printf("lwip: %d failures\n", failures);
	return failures;
}
