// SPDX-License-Identifier: BSD-3-Clause
/*
 * IPv6 link-local both ways, over a tap device whose host side is
 * cfg.peer (fe80::...%eth0), with tests/apps/netsock/hostll.py serving there:
 * - ll6-ping: ICMPv6 echo to the host from a raw socket, answered (this also waits
 *   out duplicate address detection of our own fe80:: address, which must pass
 *   before the stack sends from it);
 * - ll6-getaddrinfo: "fe80::...%eth0" gives eth0's index as sin6_scope_id;
 * - ll6-tcp-connect, ll6-tcp-scope-id: TCP to the host by that result and by a
 *   sockaddr_in6 made by hand; the host names the address it saw us at, and the
 *   names of both ends carry the scope id;
 * - ll6-udp: a datagram to the host's echo, and its answer from the same address;
 * - ll6-no-scope, ll6-bad-scope: a connect without a scope id is EINVAL, with one
 *   naming no interface ENETUNREACH, a bind ENODEV, as on Linux;
 * - ll6-accept: a listener on [::] takes the host's connection to our fe80::
 *   address; its peer is the host's address with eth0's scope id.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "netsock.h"

#define ICMP6_ECHO_REQUEST	128
#define ICMP6_ECHO_REPLY	129
#define PING_ID			0x4b65

static struct sockaddr_in6 peer;	/* cfg.peer and cfg.peer_port, as getaddrinfo gave */
static unsigned int eth0;		/* eth0's interface index */

/* "ADDR%ZONE" of a sockaddr_in6, as getnameinfo writes it. */
static const char *name_of(const struct sockaddr_in6 *a, char *buf, size_t len)
{
	if (getnameinfo((const struct sockaddr *)a, sizeof(*a), buf, (socklen_t)len, NULL, 0,
			NI_NUMERICHOST))
		snprintf(buf, len, "?");
	return buf;
}

static bool is_peer(const struct sockaddr_in6 *a)
{
	return a->sin6_family == AF_INET6 && IN6_ARE_ADDR_EQUAL(&a->sin6_addr, &peer.sin6_addr) &&
	       a->sin6_scope_id == eth0;
}

static void check_getaddrinfo(void)
{
	struct addrinfo hints = { .ai_family = AF_INET6, .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICHOST }, *ai = NULL;
	char port[8];
	int r;

	snprintf(port, sizeof(port), "%d", cfg.peer_port);
	r = getaddrinfo(cfg.peer, port, &hints, &ai);
	if (!r)
		memcpy(&peer, ai->ai_addr, sizeof(peer));
	check("ll6-getaddrinfo", !r && ai->ai_addrlen == sizeof(peer) &&
	      IN6_IS_ADDR_LINKLOCAL(&peer.sin6_addr) && peer.sin6_scope_id == eth0 && eth0,
	      "(%s: %d, scope id %u, eth0 is %u)", cfg.peer, r, r ? 0 : peer.sin6_scope_id,
	      eth0);
	if (!r)
		freeaddrinfo(ai);
}

/* An echo reply to our request seq, from the raw socket: with or without the IPv6 header. */
static bool is_our_reply(const uint8_t *p, ssize_t n, int seq, int *offset)
{
	*offset = n >= 48 && p[0] >> 4 == 6 && p[6] == IPPROTO_ICMPV6 ? 40 : 0;
	p += *offset;
	n -= *offset;
	return n >= 8 && p[0] == ICMP6_ECHO_REPLY && p[4] == PING_ID >> 8 &&
	       p[5] == (PING_ID & 0xff) && p[6] == 0 && p[7] == seq;
}

static void check_ping(void)
{
	struct sockaddr_in6 to = peer, from;
	uint8_t req[16] = { ICMP6_ECHO_REQUEST, 0, 0, 0, PING_ID >> 8, PING_ID & 0xff }, rep[128];
	int s = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6), tries = 0, offset = 0;
	bool got = false;
	uint64_t t0 = now_ms();

	to.sin6_port = 0;
	memcpy(req + 8, "keel ll6", 8);
	while (s >= 0 && !got && tries < 30) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		uint64_t until = now_ms() + 300;

		req[7] = (uint8_t)++tries;
		sendto(s, req, sizeof(req), 0, (struct sockaddr *)&to, sizeof(to));
		while (!got && now_ms() < until && poll(&p, 1, 50) >= 0) {
			socklen_t fl = sizeof(from);
			ssize_t n = recvfrom(s, rep, sizeof(rep), MSG_DONTWAIT,
					     (struct sockaddr *)&from, &fl);

			got = n > 0 && is_our_reply(rep, n, tries, &offset) && is_peer(&from);
		}
	}
	close(s);
	check("ll6-ping", got, "(echo reply from %s after %d requests, %llu ms; IPv6 header %s)",
	      name_of(&from, (char[64]){ 0 }, 64), tries, (unsigned long long)(now_ms() - t0),
	      offset ? "included" : "not included");
}

/* A line to the host over c, and the host's line back ("host: hello ADDR%ZONE"). */
static bool talk(int c, char *reply, size_t len)
{
	const char hello[] = "guest: hello\n";
	size_t got = 0;
	ssize_t n;

	if (send(c, hello, sizeof(hello) - 1, 0) != sizeof(hello) - 1)
		return false;
	while (got < len - 1 && (n = recv(c, reply + got, len - 1 - got, 0)) > 0) {
		got += (size_t)n;
		if (memchr(reply, '\n', got))
			break;
	}
	reply[got] = '\0';
	reply[strcspn(reply, "\n")] = '\0';
	return got > 0;
}

static void check_tcp_connect(const char *name, const struct sockaddr_in6 *to)
{
	struct sockaddr_in6 me = { 0 }, them = { 0 };
	socklen_t ml = sizeof(me), tl = sizeof(them);
	char reply[128] = "", want[96], mine[64], theirs[64];
	int c = socket(AF_INET6, SOCK_STREAM, 0), r;
	bool ok;

	r = connect(c, (const struct sockaddr *)to, sizeof(*to));
	ok = !r && !getsockname(c, (struct sockaddr *)&me, &ml) &&
	     !getpeername(c, (struct sockaddr *)&them, &tl) && talk(c, reply, sizeof(reply));
	/* The host saw us at our link-local address (without its zone, which is ours). */
	name_of(&me, mine, sizeof(mine));
	snprintf(want, sizeof(want), "host: hello %.*s", (int)strcspn(mine, "%"), mine);
	check(name, ok && IN6_IS_ADDR_LINKLOCAL(&me.sin6_addr) && me.sin6_scope_id == eth0 &&
	      is_peer(&them) && them.sin6_port == to->sin6_port && !strncmp(reply, want, 95),
	      "(connect %d errno %d, us %s, them %s, reply '%s')", r, r ? errno : 0, mine,
	      name_of(&them, theirs, sizeof(theirs)), reply);
	close(c);
}

static void check_udp(void)
{
	struct sockaddr_in6 from = { 0 };
	socklen_t fl = sizeof(from);
	struct timeval tv = { 2, 0 };
	int s = socket(AF_INET6, SOCK_DGRAM, 0);
	char buf[64] = "";
	ssize_t n = -1;

	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (sendto(s, "ll6 datagram", 12, 0, (struct sockaddr *)&peer, sizeof(peer)) == 12)
		n = recvfrom(s, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
	check("ll6-udp", n == 12 && !memcmp(buf, "ll6 datagram", 12) && is_peer(&from) &&
	      from.sin6_port == peer.sin6_port,
	      "(%zd bytes back from %s)", n, name_of(&from, (char[64]){ 0 }, 64));
	close(s);
}

static void check_scope_errors(void)
{
	struct sockaddr_in6 none = peer, bad = peer;
	int c = socket(AF_INET6, SOCK_STREAM, 0), u = socket(AF_INET6, SOCK_DGRAM, 0);
	int b = socket(AF_INET6, SOCK_DGRAM, 0);
	bool no_scope, bad_scope;

	none.sin6_scope_id = 0;
	bad.sin6_scope_id = 200;
	no_scope = fails_with(connect(c, (struct sockaddr *)&none, sizeof(none)), EINVAL) &&
		   fails_with(connect(u, (struct sockaddr *)&none, sizeof(none)), EINVAL) &&
		   fails_with(bind(b, (struct sockaddr *)&none, sizeof(none)), EINVAL);
	check("ll6-no-scope", no_scope, "(errno %d)", errno);
	bad_scope = fails_with(connect(c, (struct sockaddr *)&bad, sizeof(bad)), ENETUNREACH) &&
		    fails_with(sendto(u, "x", 1, 0, (struct sockaddr *)&bad, sizeof(bad)),
			       ENETUNREACH) &&
		    fails_with(bind(b, (struct sockaddr *)&bad, sizeof(bad)), ENODEV);
	check("ll6-bad-scope", bad_scope, "(errno %d)", errno);
	close(c);
	close(u);
	close(b);
}

/* The host's client connects to our link-local address; we name what we see. */
static void check_accept(void)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT },
			    from = { 0 }, me = { 0 };
	socklen_t fl = sizeof(from), ml = sizeof(me);
	struct pollfd p = { .events = POLLIN };
	char line[64] = "", reply[160], theirs[64], mine[64];
	int ls = socket(AF_INET6, SOCK_STREAM, 0), c = -1;
	struct timeval tv = { 10, 0 };
	ssize_t n = 0, eof = -1;

	a.sin6_port = htons((uint16_t)cfg.listen);
	if (bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 1)) {
		check("ll6-accept", false, "(no listener on [::]:%d: errno %d)", cfg.listen, errno);
		close(ls);
		return;
	}
	printf("netsock: ll6: listening on [::]:%d\n", cfg.listen);
	fflush(stdout);
	p.fd = ls;
	if (poll(&p, 1, 30000) == 1)
		c = accept(ls, (struct sockaddr *)&from, &fl);
	if (c >= 0) {
		getsockname(c, (struct sockaddr *)&me, &ml);
		n = recv(c, line, sizeof(line) - 1, 0);
		snprintf(reply, sizeof(reply), "guest: hello %s at %s\n",
			 name_of(&from, theirs, sizeof(theirs)), name_of(&me, mine, sizeof(mine)));
		send(c, reply, strlen(reply), 0);
		/* The host closes once it has the answer: only then may the image exit. */
		setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		eof = recv(c, line, sizeof(line), 0);
	}
	check("ll6-accept", c >= 0 && n > 0 && eof == 0 && fl == sizeof(from) &&
	      is_peer(&from) && IN6_IS_ADDR_LINKLOCAL(&me.sin6_addr) && me.sin6_scope_id == eth0,
	      "(from %s to %s, %zd bytes, then end of stream %zd)", c >= 0 ? theirs : "-",
	      c >= 0 ? mine : "-", n, eof);
	close(c);
	close(ls);
}

void test_link_local(void)
{
	struct sockaddr_in6 by_hand = { .sin6_family = AF_INET6 };
	char addr[INET6_ADDRSTRLEN];

	eth0 = if_nametoindex("eth0");
	check_getaddrinfo();
	check_ping();
	check_tcp_connect("ll6-tcp-connect", &peer);
	snprintf(addr, sizeof(addr), "%.*s", (int)strcspn(cfg.peer, "%"), cfg.peer);
	inet_pton(AF_INET6, addr, &by_hand.sin6_addr);
	by_hand.sin6_port = htons((uint16_t)cfg.peer_port);
	by_hand.sin6_scope_id = eth0;
	check_tcp_connect("ll6-tcp-scope-id", &by_hand);
	check_udp();
	check_scope_errors();
	check_accept();
}
