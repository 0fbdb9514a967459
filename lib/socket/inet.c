// SPDX-License-Identifier: BSD-3-Clause
/*
 * Address text: inet_pton and inet_ntop for IPv4 and IPv6 (RFC 4291 §2.2 for what
 * is accepted, RFC 5952 §4 for what is printed), and the classic inet_aton,
 * inet_addr and inet_ntoa. Parsing is strict where POSIX says so: inet_pton takes
 * exactly four decimal parts without leading zeros for IPv4, and no zone index.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <keel/fmt.h>

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Dotted decimal "a.b.c.d" up to end (or NUL): 1 and out[4], or 0. */
static int pton4(const char *s, const char *end, uint8_t out[4])
{
	int parts = 0;

	while (parts < 4) {
		unsigned int v = 0, digits = 0;

		while (s < end && is_digit(*s) && digits < 4) {
			v = v * 10 + (unsigned int)(*s++ - '0');
			digits++;
		}
		if (!digits || digits > 3 || v > 255 || (digits > 1 && s[-(int)digits] == '0'))
			return 0;
		out[parts++] = (uint8_t)v;
		if (parts < 4 && (s >= end || *s++ != '.'))
			return 0;
	}
	return s == end;
}

/* One group of 1-4 hex digits at *sp; its value, or -1. */
static long pton6_group(const char **sp)
{
	const char *s = *sp;
	long v = 0;
	int n = 0, h;

	while ((h = hex_value(*s)) >= 0) {
		if (++n > 4)
			return -1;
		v = v * 16 + h;
		s++;
	}
	if (!n)
		return -1;
	*sp = s;
	return v;
}

/* Where the IPv4 tail of an IPv6 text starts: the group with a '.' in it, or NULL. */
static int pton6_is_v4_tail(const char *s)
{
	while (hex_value(*s) >= 0)
		s++;
	return *s == '.';
}

/*
 * RFC 4291 §2.2: eight groups, one "::" standing for at least one zero group, and
 * optionally a dotted IPv4 address as the last 32 bits.
 */
static int pton6(const char *s, uint8_t out[16])
{
	uint8_t a[16] = { 0 };
	int n = 0, gap = -1;	/* bytes written; where "::" stands */

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	} else if (s[0] == ':') {
		return 0;
	}
	while (*s) {
		long g;

		if (n <= 12 && pton6_is_v4_tail(s)) {
			if (!pton4(s, s + strlen(s), a + n))
				return 0;
			n += 4;
			s += strlen(s);
			break;
		}
		g = pton6_group(&s);
		if (g < 0 || n > 14)
			return 0;
		a[n++] = (uint8_t)(g >> 8);
		a[n++] = (uint8_t)g;
		if (!*s)
			break;
		if (*s++ != ':')
			return 0;
		if (*s == ':') {
			if (gap >= 0)
				return 0;	/* a second "::" */
			gap = n;
			s++;
		} else if (!*s) {
			return 0;	/* a single trailing ':' */
		}
	}
	if (gap < 0 ? n != 16 : n > 14)
		return 0;
	if (gap >= 0) {
		memmove(a + 16 - (n - gap), a + gap, (size_t)(n - gap));
		memset(a + gap, 0, (size_t)(16 - n));
	}
	memcpy(out, a, 16);
	return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
	if (af == AF_INET)
		return pton4(src, src + strlen(src), dst);
	if (af == AF_INET6)
		return pton6(src, dst);
	errno = EAFNOSUPPORT;
	return -1;
}

static void ntop4(const uint8_t a[4], char *buf)
{
	k_snprintf(buf, INET_ADDRSTRLEN, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

/* RFC 5952 §4.2: the longest run of two or more zero groups, the first of equals. */
static void ntop6_longest_zeros(const uint16_t w[8], int *start, int *len)
{
	*start = -1;
	*len = 0;
	for (int i = 0; i < 8;) {
		int j = i;

		while (j < 8 && !w[j])
			j++;
		if (j - i >= 2 && j - i > *len) {
			*start = i;
			*len = j - i;
		}
		i = j > i ? j : i + 1;
	}
}

static void ntop6(const uint8_t a[16], char *buf)
{
	uint16_t w[8];
	int zs, zl;
	char *p = buf;

	for (int i = 0; i < 8; i++)
		w[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
	ntop6_longest_zeros(w, &zs, &zl);
	for (int i = 0; i < 8; i++) {
		if (i == zs) {
			p += k_snprintf(p, 3, i ? ":" : "::");
			i += zl - 1;
			continue;
		}
		/* RFC 5952 §5: an IPv4-mapped address ends in dotted decimal. */
		if (i == 6 && zs == 0 && zl == 5 && w[5] == 0xffff) {
			ntop4(a + 12, p);
			return;
		}
		p += k_snprintf(p, 6, "%x%s", w[i], i < 7 ? ":" : "");
	}
	*p = '\0';
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	char buf[INET6_ADDRSTRLEN];

	if (af == AF_INET)
		ntop4(src, buf);
	else if (af == AF_INET6)
		ntop6(src, buf);
	else {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	if (strlen(buf) >= size) {
		errno = ENOSPC;
		return NULL;
	}
	return strcpy(dst, buf);
}

/* One part of inet_aton's text: decimal, 0-octal or 0x-hex; 1 and *v, or 0. */
static int aton_part(const char **sp, uint32_t *v)
{
	const char *s = *sp;
	unsigned int base = 10, digits = 0;
	uint64_t x = 0;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
		digits = 1;	/* "0" alone is a number */
		s++;
	}
	while ((d = hex_value(*s)) >= 0 && (unsigned int)d < base) {
		x = x * base + (unsigned int)d;
		if (x > 0xffffffffu)
			return 0;
		digits++;
		s++;
	}
	if (!digits || is_digit(*s) || (base == 16 && hex_value(*s) >= 0))
		return 0;
	*v = (uint32_t)x;
	*sp = s;
	return 1;
}

/* 4.2BSD's forms: a.b.c.d, a.b.c (c: 16 bits), a.b (b: 24 bits), a (32 bits). */
int inet_aton(const char *cp, struct in_addr *inp)
{
	static const uint32_t last_max[] = { 0xffffffffu, 0xffffff, 0xffff, 0xff };
	uint32_t part[4], addr = 0;
	int n = 0;

	for (;;) {
		if (!aton_part(&cp, &part[n]))
			return 0;
		n++;
		if (*cp != '.')
			break;
		if (n == 4)
			return 0;
		cp++;
	}
	/* glibc stops at white space: "1.2.3.4 rest" is 1.2.3.4. */
	if (*cp && *cp != ' ' && (*cp < '\t' || *cp > '\r'))
		return 0;
	for (int i = 0; i < n - 1; i++) {
		if (part[i] > 0xff)
			return 0;
		addr |= part[i] << (24 - 8 * i);
	}
	if (part[n - 1] > last_max[n - 1])
		return 0;
	addr |= part[n - 1];
	if (inp)
		inp->s_addr = htonl(addr);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static __thread char buf[INET_ADDRSTRLEN];

	ntop4((const uint8_t *)&in.s_addr, buf);
	return buf;
}
