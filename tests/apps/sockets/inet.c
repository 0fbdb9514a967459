// SPDX-License-Identifier: BSD-3-Clause
/*
 * Address text and names without the network: inet_pton/inet_ntop known answers
 * (RFC 4291 §2.2 forms, RFC 5952 output) and malformed input, inet_aton's classic
 * forms, getaddrinfo with numeric hosts and services, getnameinfo, gai_strerror.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <net/if.h>
#include "sockets.h"

/* inet_pton(AF_INET6) then inet_ntop: the canonical text, or NULL when refused. */
static const struct {
	const char *in, *out;
} v6_cases[] = {
	{ "::", "::" },
	{ "::1", "::1" },
	{ "1::", "1::" },
	{ "2001:db8::1", "2001:db8::1" },
	{ "2001:DB8:0:0:0:0:0:1", "2001:db8::1" },
	{ "2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1" },	/* first run */
	{ "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },	/* one zero: not "::" */
	{ "2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::" },		/* the longer run */
	{ "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0" },
	{ "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
	{ "::ffff:c000:0201", "::ffff:192.0.2.1" },
	{ "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304" },
	{ "fe80::5054:ff:fe12:3456", "fe80::5054:ff:fe12:3456" },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	{ "", NULL },
	{ ":", NULL },
	{ ":::", NULL },
	{ "1:::2", NULL },
	{ "1::2::3", NULL },
	{ ":1::2", NULL },
	{ "1::2:", NULL },
	{ "12345::", NULL },
	{ "1:2:3:4:5:6:7:8:9", NULL },
	{ "1:2:3:4:5:6:7:8::", NULL },
	{ "::1:2:3:4:5:6:7:8", NULL },
	{ "1:2:3:4:5:6:7", NULL },
	{ "g::1", NULL },
	{ "::1.2.3", NULL },
	{ "::1.2.3.4:5", NULL },
	{ "1:2:3:4:5:6:7:1.2.3.4", NULL },
	{ "1.2.3.4", NULL },
	{ "fe80::1%eth0", NULL },
	{ " ::1", NULL },
	{ "::1 ", NULL },
};

static const struct {
	const char *in;
	int ok;
} v4_cases[] = {
	{ "0.0.0.0", 1 }, { "10.0.2.15", 1 }, { "255.255.255.255", 1 }, { "192.0.2.1", 1 },
	{ "256.1.1.1", 0 }, { "1.2.3", 0 }, { "1.2.3.4.5", 0 }, { "01.2.3.4", 0 },
	{ "1.2.3.04", 0 }, { "1..2.3", 0 }, { "1.2.3.4 ", 0 }, { " 1.2.3.4", 0 },
	{ "0x1.2.3.4", 0 }, { "1.2.3.-4", 0 }, { "", 0 }, { "1.2.3.", 0 }, { "1234.1.1.1", 0 },
};

static void check_pton6(void)
{
	char text[INET6_ADDRSTRLEN];
	uint8_t a[16];
	int bad = 0;

	for (size_t i = 0; i < sizeof(v6_cases) / sizeof(v6_cases[0]); i++) {
		int r = inet_pton(AF_INET6, v6_cases[i].in, a);
		const char *out = r == 1 ? inet_ntop(AF_INET6, a, text, sizeof(text)) : NULL;

		if (r != (v6_cases[i].out != NULL) || (out && strcmp(out, v6_cases[i].out))) {
			printf("sockets: inet6 \"%s\": got %d \"%s\", expected \"%s\"\n",
			       v6_cases[i].in, r, out ? out : "",
			      v6_cases[i].out ? v6_cases[i].out : "refused");
			bad++;
		}
	}
	check("inet_pton6-known-answers", !bad, "(%d of %zu wrong)", bad,
	      sizeof(v6_cases) / sizeof(v6_cases[0]));
}

static void check_pton4(void)
{
	char text[INET_ADDRSTRLEN];
	uint8_t a[4];
	int bad = 0;

	for (size_t i = 0; i < sizeof(v4_cases) / sizeof(v4_cases[0]); i++) {
		int r = inet_pton(AF_INET, v4_cases[i].in, a);

		if (r != v4_cases[i].ok ||
		    (r == 1 && strcmp(inet_ntop(AF_INET, a, text, sizeof(text)), v4_cases[i].in))) {
			printf("sockets: inet4 \"%s\": got %d\n", v4_cases[i].in, r);
			bad++;
		}
	}
	check("inet_pton4-known-answers", !bad, "(%d wrong)", bad);
	check("inet_pton-bad-family", fails_with(inet_pton(AF_UNIX, "1.2.3.4", a), EAFNOSUPPORT),
	      "(errno %d)", errno);
}

static void check_ntop_space(void)
{
	uint8_t v4[4] = { 192, 0, 2, 1 }, v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	char small[9], exact[10];

	check("inet_ntop-enospc", inet_ntop(AF_INET, v4, small, sizeof(small)) == NULL &&
	      errno == ENOSPC && inet_ntop(AF_INET, v4, exact, sizeof(exact)) &&
	      !strcmp(exact, "192.0.2.1") && !inet_ntop(AF_INET6, v6, small, sizeof(small)) &&
	      errno == ENOSPC, "(%s)", exact);
	check("inet_ntop-bad-family", !inet_ntop(12345, v4, exact, sizeof(exact)) &&
	      errno == EAFNOSUPPORT, "(errno %d)", errno);
}

static void check_aton(void)
{
	static const struct {
		const char *in;
		uint32_t addr;	/* host order; 0 with ok 0: refused */
		int ok;
	} cases[] = {
		{ "127.0.0.1", 0x7f000001, 1 }, { "127.1", 0x7f000001, 1 },
		{ "10.0.258", 0x0a000102, 1 }, { "0x7f.1", 0x7f000001, 1 },
		{ "017.0.0.1", 0x0f000001, 1 }, { "3232235777", 0xc0a80101, 1 },
		{ "1.2.3.4 trailing", 0x01020304, 1 }, { "1.2.3.256", 0, 0 },
		{ "1.2.3.4.5", 0, 0 }, { "08.1.1.1", 0, 0 }, { "1.2.65536", 0, 0 },
		{ "4294967296", 0, 0 }, { "", 0, 0 }, { "1.", 0, 0 }, { "x", 0, 0 },
	};
	struct in_addr in;
	int bad = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = inet_aton(cases[i].in, &in);

		if (r != cases[i].ok || (r && ntohl(in.s_addr) != cases[i].addr)) {
			printf("sockets: inet_aton \"%s\": got %d %08x\n", cases[i].in, r,
			       (unsigned int)ntohl(in.s_addr));
			bad++;
		}
	}
	check("inet_aton-known-answers", !bad, "(%d wrong)", bad);
	in.s_addr = htonl(0xc0000201);
	check("inet_addr-ntoa", inet_addr("192.0.2.1") == htonl(0xc0000201) &&
	      inet_addr("192.0.2.256") == INADDR_NONE && !strcmp(inet_ntoa(in), "192.0.2.1"),
	      "(%s)", inet_ntoa(in));
	check("byte-order", htons(0x1234) == 0x3412 && htonl(0x12345678) == 0x78563412 &&
	      ntohs(htons(80)) == 80 && ntohl(htonl(7)) == 7, "%s", "");
}

void test_inet(void)
{
	check_pton6();
	check_pton4();
	check_ntop_space();
	check_aton();
}

/* getaddrinfo's first result as text, with its port; "" on error. */
static int gai_text(const char *node, const char *serv, int family, int socktype, int flags,
		    char *text, size_t len, int *count)
{
	struct addrinfo hints = { .ai_flags = flags, .ai_family = family, .ai_socktype = socktype };
	struct addrinfo *res, *p;
	char host[INET6_ADDRSTRLEN];
	int r = getaddrinfo(node, serv, &hints, &res), port;

	*text = '\0';
	*count = 0;
	if (r)
		return r;
	for (p = res; p; p = p->ai_next)
		(*count)++;
	if (res->ai_family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)res->ai_addr;

		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		port = ntohs(in->sin_port);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)res->ai_addr;

		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		port = ntohs(in6->sin6_port);
	}
	snprintf(text, len, "%s %d %s %d", host, port,
		 res->ai_socktype == SOCK_STREAM ? "stream" :
		 res->ai_socktype == SOCK_DGRAM ? "dgram" : "raw",
		 (int)res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
}

static void check_getaddrinfo(void)
{
	char t[96];
	int n, r;

	r = gai_text("10.0.2.2", "80", AF_UNSPEC, SOCK_STREAM, 0, t, sizeof(t), &n);
	check("gai-numeric4", !r && n == 1 && !strcmp(t, "10.0.2.2 80 stream 16"), "(%d: %s, %d)",
	      r, t, n);
	r = gai_text("2001:db8::1", "http", AF_UNSPEC, SOCK_DGRAM, 0, t, sizeof(t), &n);
	check("gai-numeric6-service-name", !r && n == 1 && !strcmp(t, "2001:db8::1 80 dgram 28"),
	      "(%d: %s)", r, t);
	r = gai_text("127.1", NULL, AF_INET, 0, AI_NUMERICHOST, t, sizeof(t), &n);
	check("gai-all-types", !r && n == 3 && !strcmp(t, "127.0.0.1 0 stream 16"), "(%d: %s, %d)",
	      r, t, n);
	r = gai_text(NULL, "8080", AF_INET, SOCK_STREAM, AI_PASSIVE, t, sizeof(t), &n);
	check("gai-passive", !r && !strcmp(t, "0.0.0.0 8080 stream 16"), "(%d: %s)", r, t);
	r = gai_text(NULL, "8080", AF_INET6, SOCK_STREAM, 0, t, sizeof(t), &n);
	check("gai-loopback6", !r && !strcmp(t, "::1 8080 stream 28"), "(%d: %s)", r, t);
	r = gai_text("localhost", "7", AF_INET, SOCK_DGRAM, 0, t, sizeof(t), &n);
	check("gai-localhost", !r && !strcmp(t, "127.0.0.1 7 dgram 16"), "(%d: %s)", r, t);
	r = gai_text("192.0.2.1", NULL, AF_INET6, 0, AI_V4MAPPED, t, sizeof(t), &n);
	check("gai-v4mapped", !r && !strncmp(t, "::ffff:192.0.2.1 0", 18), "(%d: %s)", r, t);
	r = gai_text("fe80::1%1", "22", AF_INET6, SOCK_STREAM, AI_NUMERICHOST, t, sizeof(t), &n);
	check("gai-scope", !r && !strcmp(t, "fe80::1 22 stream 28"), "(%d: %s)", r, t);
}

/* getaddrinfo's answer alone. */
static int gai_err(const char *node, const char *serv, int family, int socktype, int flags)
{
	char t[96];
	int n;

	return gai_text(node, serv, family, socktype, flags, t, sizeof(t), &n);
}

static void check_getaddrinfo_errors(void)
{
	check("gai-eai-noname", gai_err("no.such.name", NULL, AF_INET, 0, AI_NUMERICHOST) ==
	      EAI_NONAME && gai_err(NULL, NULL, AF_INET, 0, 0) == EAI_NONAME, "%s", "");
	check("gai-eai-service",
	      gai_err("1.2.3.4", "nosuchservice", AF_INET, 0, 0) == EAI_SERVICE &&
	      gai_err("1.2.3.4", "70000", AF_INET, 0, 0) == EAI_SERVICE &&
	      gai_err("1.2.3.4", "http", AF_INET, 0, AI_NUMERICSERV) == EAI_NONAME, "%s", "");
	check("gai-eai-family", gai_err("1.2.3.4", NULL, AF_UNIX, 0, 0) == EAI_FAMILY &&
	      gai_err("::1", NULL, AF_INET, 0, 0) == EAI_ADDRFAMILY, "%s", "");
	check("gai-eai-badflags", gai_err("1.2.3.4", NULL, AF_INET, 0, 0x10000) == EAI_BADFLAGS,
	      "%s", "");
	check("gai-eai-socktype", gai_err("1.2.3.4", NULL, AF_INET, 99, 0) == EAI_SOCKTYPE,
	      "%s", "");
	check("gai-messages", !strcmp(gai_strerror(EAI_NONAME), "Name or service not known") &&
	      strlen(gai_strerror(-12345)) > 0, "%s", "");
}

static void check_getnameinfo(void)
{
	struct sockaddr_in in = host_addr(80);
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6, .sin6_port = htons(8443) };
	char h[NI_MAXHOST], s[NI_MAXSERV], tiny[4];
	int r;

	r = getnameinfo((struct sockaddr *)&in, sizeof(in), h, sizeof(h), s, sizeof(s), 0);
	check("getnameinfo4", !r && !strcmp(h, "10.0.2.2") &&
	      !strcmp(s, "http"), "(%d %s %s)", r, h, s);
	inet_pton(AF_INET6, "2001:db8::2", &in6.sin6_addr);
	r = getnameinfo((struct sockaddr *)&in6, sizeof(in6), h, sizeof(h), s, sizeof(s),
			NI_NUMERICHOST | NI_NUMERICSERV);
	check("getnameinfo6", !r && !strcmp(h, "2001:db8::2") &&
	      !strcmp(s, "8443"), "(%d %s %s)", r, h, s);
	check("getnameinfo-errors",
	      getnameinfo((struct sockaddr *)&in, 8, h, sizeof(h), NULL, 0, 0) == EAI_FAMILY &&
	      getnameinfo((struct sockaddr *)&in, sizeof(in), tiny, sizeof(tiny), NULL, 0, 0) ==
	      EAI_OVERFLOW &&
	      getnameinfo((struct sockaddr *)&in, sizeof(in), h, sizeof(h), NULL, 0, NI_NAMEREQD) ==
	      EAI_NONAME, "%s", "");
}

static void check_ifnames(void)
{
	char name[IF_NAMESIZE];
	char lo[IF_NAMESIZE] = "";
	unsigned int i = if_nametoindex("eth0"), l = if_nametoindex("lo");

	check("if_nametoindex", i > 0 && if_indextoname(i, name) && !strcmp(name, "eth0") &&
	      l > 0 && l != i && if_indextoname(l, lo) && !strcmp(lo, "lo") &&
	      if_nametoindex("eth9") == 0 && errno == ENODEV && !if_indextoname(200, name),
	      "(eth0 is %u, lo %u \"%s\")", i, l, lo);
}

void test_names(void)
{
	check_getaddrinfo();
	check_getaddrinfo_errors();
	check_getnameinfo();
	check_ifnames();
}

/* A name the host resolves (its getent ahostsv4 answers): through QEMU's resolver. */
void test_dns(void)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	struct hostent *he;
	char got[INET_ADDRSTRLEN] = "", list[256], needle[INET_ADDRSTRLEN + 2];
	uint64_t t0 = now_ns();
	int r;

	if (!host.dns_name)
		return;
	r = getaddrinfo(host.dns_name, "80", &hints, &res);
	if (!r) {
		struct sockaddr_in *in = (struct sockaddr_in *)res->ai_addr;

		inet_ntop(AF_INET, &in->sin_addr, got, sizeof(got));
	}
	snprintf(list, sizeof(list), ",%s,", host.dns_addrs);
	snprintf(needle, sizeof(needle), ",%s,", got);
	check("dns", !r && *got && strstr(list, needle),
	      "(%s is %s, the host says %s; %d: %s) in %llu ms", host.dns_name, got,
	      host.dns_addrs, r, gai_strerror(r), (unsigned long long)(now_ns() - t0) / 1000000);
	if (res)
		freeaddrinfo(res);
	he = gethostbyname(host.dns_name);
	check("gethostbyname", he && he->h_addrtype == AF_INET && he->h_length == 4 &&
	      !strcmp(inet_ntoa(*(struct in_addr *)he->h_addr), got), "(h_errno %d)", h_errno);
	r = getaddrinfo("no-such-host.invalid", NULL, &hints, &res);
	check("dns-no-such-name", r == EAI_NONAME, "(%d: %s)", r, gai_strerror(r));
}
