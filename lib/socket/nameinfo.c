// SPDX-License-Identifier: BSD-3-Clause
/*
 * getnameinfo (numeric hosts: the resolver has no reverse lookups), gethostbyname
 * (IPv4), the table of well-known services there being no /etc/services, numeric
 * host parsing for getaddrinfo, and interface names (net/if.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <keel/fmt.h>
#include "names.h"
#include "sock.h"

#define NI_KNOWN	(NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM)

int h_errno;

static const struct {
	const char *name;
	int port;
} services[] = {
	{ "echo", 7 }, { "ftp", 21 }, { "ssh", 22 }, { "telnet", 23 }, { "smtp", 25 },
	{ "domain", 53 }, { "http", 80 }, { "pop3", 110 }, { "ntp", 123 }, { "imap", 143 },
	{ "https", 443 }, { "imaps", 993 }, { "pop3s", 995 }, { "http-alt", 8080 },
};

int service_port(const char *name)
{
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (!strcmp(services[i].name, name))
			return services[i].port;
	return -1;
}

const char *service_name(int port)
{
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (services[i].port == port)
			return services[i].name;
	return NULL;
}

/* "%zone" after an IPv6 address: an interface name or a decimal index. */
static int host_zone(const char *zone, uint32_t *scope)
{
	char *end;
	unsigned long n;

	if (!*zone)
		return 0;
	n = strtoul(zone, &end, 10);
	if (*zone >= '0' && *zone <= '9' && !*end && n <= 0xffffffffu) {
		*scope = (uint32_t)n;
		return 1;
	}
	*scope = if_nametoindex(zone);
	return *scope != 0;
}

int host_numeric(const char *host, struct sk_addr *a)
{
	char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 1];
	const char *pct = strchr(host, '%');
	struct in_addr in;

	*a = (struct sk_addr){ 0 };
	/* IPv4 in inet_aton's forms ("127.1" too), but nothing after it. */
	if (!strpbrk(host, " \t\n\v\f\r") && inet_aton(host, &in)) {
		a->family = SK_AF_INET;
		memcpy(a->ip, &in, 4);
		return 1;
	}
	if (strlen(host) >= sizeof(buf))
		return 0;
	strcpy(buf, host);
	if (pct)
		buf[pct - host] = '\0';
	if (inet_pton(AF_INET6, buf, a->ip) != 1)
		return 0;
	if (pct && !host_zone(pct + 1, &a->scope_id))
		return 0;
	a->family = SK_AF_INET6;
	return 1;
}

int host_resolve_error(int err)
{
	switch (err) {
	case -ENOMEM:
		return EAI_MEMORY;
	case -EAFNOSUPPORT:
		return EAI_FAMILY;
	case -ENOENT:
	case -EINVAL:
		return EAI_NONAME;
	default:
		return EAI_FAIL;
	}
}

static int ni_host(const struct sk_addr *a, char *host, socklen_t len, int flags)
{
	char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 1], zone[IF_NAMESIZE];
	int af = a->family == SK_AF_INET ? AF_INET : AF_INET6;

	if (flags & NI_NAMEREQD)
		return EAI_NONAME;	/* no reverse DNS */
	inet_ntop(af, a->ip, buf, sizeof(buf));
	if (af == AF_INET6 && a->scope_id) {
		if (!if_indextoname(a->scope_id, zone))
			k_snprintf(zone, sizeof(zone), "%u", (unsigned int)a->scope_id);
		strcat(buf, "%");
		strcat(buf, zone);
	}
	if (strlen(buf) >= len)
		return EAI_OVERFLOW;
	strcpy(host, buf);
	return 0;
}

static int ni_serv(const struct sk_addr *a, char *serv, socklen_t len, int flags)
{
	int port = ntohs(a->port);
	const char *name = flags & NI_NUMERICSERV ? NULL : service_name(port);
	char buf[8];

	if (!name) {
		k_snprintf(buf, sizeof(buf), "%d", port);
		name = buf;
	}
	if (strlen(name) >= len)
		return EAI_OVERFLOW;
	strcpy(serv, name);
	return 0;
}

int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
		char *serv, socklen_t servlen, int flags)
{
	struct sk_addr a;
	int r;

	if (flags & ~NI_KNOWN)
		return EAI_BADFLAGS;
	if (!sa || sock_addr_in(sa, salen, &a) || a.family == SK_AF_UNSPEC)
		return EAI_FAMILY;
	if (!(host && hostlen) && !(serv && servlen))
		return EAI_NONAME;
	if (host && hostlen) {
		r = ni_host(&a, host, hostlen, flags);
		if (r)
			return r;
	}
	if (serv && servlen)
		return ni_serv(&a, serv, servlen, flags);
	return 0;
}

/* IPv4 only, one address, a static result as POSIX allows. */
struct hostent *gethostbyname(const char *name)
{
	static char hname[256];
	static struct in_addr addr;
	static char *addrs[2] = { (char *)&addr, NULL }, *aliases[1];
	static struct hostent h = { hname, aliases, AF_INET, 4, addrs };
	struct sk_addr a;
	int r;

	if (!name || strlen(name) >= sizeof(hname)) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	if (host_numeric(name, &a)) {
		/* an address: itself */
	} else if (!strcmp(name, "localhost")) {
		a = (struct sk_addr){ .family = SK_AF_INET, .ip = { 127, 0, 0, 1 } };
	} else if ((r = sk_resolve(name, SK_AF_INET, &a))) {
		h_errno = r == -ENOENT || r == -EINVAL ? HOST_NOT_FOUND : NO_RECOVERY;
		return NULL;
	}
	if (a.family != SK_AF_INET) {
		h_errno = NO_ADDRESS;
		return NULL;
	}
	strcpy(hname, name);
	memcpy(&addr, a.ip, 4);
	return &h;
}

unsigned int if_nametoindex(const char *name)
{
	unsigned int i = name ? sk_if_nametoindex(name) : 0;

	if (!i)
		errno = ENODEV;
	return i;
}

char *if_indextoname(unsigned int index, char *name)
{
	if (!name || sk_if_indextoname(index, name)) {
		errno = ENXIO;
		return NULL;
	}
	return name;
}
