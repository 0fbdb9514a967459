// SPDX-License-Identifier: BSD-3-Clause
/*
 * sockets: lib/socket through the ordinary calls, against servers the test suite
 * runs on the host (tests/suites/71-sockets.sh) and reaches through QEMU's user
 * networking. Every check prints "sockets: NAME: ok|FAIL detail"; the exit status is
 * the number of failures. Arguments: key=value settings (the host's ports, the name
 * to resolve), then the groups to run (all without any; an unknown one is a failed
 * check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <keel/alloc.h>
#include "sockets.h"

const char test_app_name[] = "sockets";
struct host_cfg host;

struct sockaddr_in host_addr(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };

	a.sin_addr.s_addr = htonl(0x0a000202);	/* 10.0.2.2 */
	return a;
}

uint64_t fnv1a(uint64_t h, const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

static bool set_option(const char *arg)
{
	static const struct {
		const char *key;
		int *val;
	} ports[] = {
		{ "udp_echo=", &host.udp_echo }, { "tcp_sum=", &host.tcp_sum },
		{ "tcp_reset=", &host.tcp_reset }, { "tcp_closed=", &host.tcp_closed },
		{ "listen=", &host.listen }, { "serve=", &host.serve },
	};

	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		size_t n = strlen(ports[i].key);

		if (!strncmp(arg, ports[i].key, n)) {
			*ports[i].val = atoi(arg + n);
			return true;
		}
	}
	if (!strncmp(arg, "dns=", 4)) {	/* dns=NAME=ADDR,ADDR... */
		static char buf[256];
		char *eq;

		snprintf(buf, sizeof(buf), "%s", arg + 4);
		eq = strchr(buf, '=');
		if (eq) {
			*eq = '\0';
			host.dns_name = buf;
			host.dns_addrs = eq + 1;
		}
		return true;
	}
	return false;
}

static const struct test_group groups[] = {
	{ "inet", test_inet }, { "names", test_names }, { "udp", test_udp },
	{ "tcp", test_tcp }, { "server", test_server }, { "poll", test_poll },
	{ "errors", test_errors }, { "limits", test_limits }, { "loopback", test_loopback },
	{ "dns", test_dns },
};

static void heap_after(const struct test_group *g)
{
	struct k_alloc_stats st;

	k_alloc_stats(&st);
	printf("sockets: after %s: heap in use %zu bytes\n", g->name, st.heap_in_use);
}

static void run(const char *name)
{
	run_group(groups, sizeof(groups) / sizeof(groups[0]), name, heap_after);
}

/*
 * The heap in use, with the same frame last sent each time: the network driver
 * frees a sent frame's buffer when it reclaims the ring on a later send, and the
 * buffer's size follows the frame's, so the last frame must be the same at every
 * measurement. A 32-byte datagram to the host's echo server and its echo.
 */
static size_t heap_now(void)
{
	struct sockaddr_in to = host_addr(host.udp_echo);
	struct timeval tv = { 0, 500000 };
	struct k_alloc_stats st;
	char buf[32] = "heap probe";
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (int i = 0; i < 3 && host.udp_echo; i++)
		if (sendto(s, buf, sizeof(buf), 0, (struct sockaddr *)&to, sizeof(to)) ==
		    sizeof(buf) && recv(s, buf, sizeof(buf), 0) == sizeof(buf))
			break;
	close(s);
	k_alloc_stats(&st);
	return st.heap_in_use;
}

/*
 * The heap once the stack's own background work has settled: right after boot it
 * still configures IPv6 (a router advertisement gives an address, and joining its
 * multicast group allocates), which is no socket's doing. Settled: the same figure
 * four times in a row, 250 ms apart.
 */
static size_t heap_settled(void)
{
	size_t last = 0, now;
	int same = 0;

	for (int i = 0; i < 40 && same < 3; i++) {
		usleep(250000);
		now = heap_now();
		same = now == last ? same + 1 : 0;
		last = now;
	}
	return last;
}

/*
 * Everything the sockets held goes back to the heap once they are closed: closed
 * connections wait out TIME_WAIT (2 x CONFIG_LWIP_TCP_MSL_MS), so wait for it.
 */
static void check_memory(size_t before)
{
	size_t after = heap_now();

	for (int i = 0; i < 20 && after > before; i++) {
		usleep(250000);
		after = heap_now();
	}
	check("memory", after <= before, "(heap in use %zu bytes before, %zu after)", before,
	      after);
}

int main(int argc, char **argv)
{
	size_t before;
	int ngroups = 0;

	for (int i = 1; i < argc; i++)
		if (!set_option(argv[i]))
			ngroups++;
	/* stdout's buffer, and what lwIP keeps for a thread that called it, stay. */
	printf("sockets: start\n");
	close(socket(AF_INET, SOCK_DGRAM, 0));
	before = heap_settled();
	for (int i = 1; i < argc; i++)
		if (!set_option(argv[i]))
			run(argv[i]);
	if (!ngroups)
		run("all");
	check_memory(before);
	printf("sockets: %d failures\n", check_failures());
	return check_failures();
}
