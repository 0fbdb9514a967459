/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internet addresses (POSIX.1-2017 XSH netinet/in.h; RFC 3493 for IPv6) with the
 * Linux ABI's layouts and option numbers. Addresses and ports in these structures
 * are in network byte order; htons() and friends convert.
 */
#ifndef KEEL_NETINET_IN_H
#define KEEL_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef _IN_ADDR_T_DECLARED
typedef uint32_t in_addr_t;
#define _IN_ADDR_T_DECLARED
#endif
#ifndef _IN_PORT_T_DECLARED
typedef uint16_t in_port_t;
#define _IN_PORT_T_DECLARED
#endif

struct in_addr {
	in_addr_t s_addr;
};

struct in6_addr {
	union {
		uint8_t __u8[16];
		uint16_t __u16[8];
		uint32_t __u32[4];
	} __in6_union;
};
#define s6_addr		__in6_union.__u8
#define s6_addr16	__in6_union.__u16
#define s6_addr32	__in6_union.__u32

struct sockaddr_in {
	sa_family_t sin_family;		/* AF_INET */
	in_port_t sin_port;
	struct in_addr sin_addr;
	unsigned char sin_zero[8];
};

struct sockaddr_in6 {
	sa_family_t sin6_family;	/* AF_INET6 */
	in_port_t sin6_port;
	uint32_t sin6_flowinfo;
	struct in6_addr sin6_addr;
	uint32_t sin6_scope_id;		/* interface index for link-local addresses */
};

struct ip_mreq {
	struct in_addr imr_multiaddr;
	struct in_addr imr_interface;
};

struct ipv6_mreq {
	struct in6_addr ipv6mr_multiaddr;
	unsigned int ipv6mr_interface;
};

#define INADDR_ANY		((in_addr_t)0x00000000)
#define INADDR_BROADCAST	((in_addr_t)0xffffffff)
#define INADDR_NONE		((in_addr_t)0xffffffff)
#define INADDR_LOOPBACK		((in_addr_t)0x7f000001)

#define IN6ADDR_ANY_INIT	{ { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } } }
#define IN6ADDR_LOOPBACK_INIT	{ { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } } }
extern const struct in6_addr in6addr_any;
extern const struct in6_addr in6addr_loopback;

#define INET_ADDRSTRLEN		16	/* "255.255.255.255" and its NUL */
#define INET6_ADDRSTRLEN	46	/* the longest v4-mapped form and its NUL */

#define IPPROTO_IP		0
#define IPPROTO_ICMP		1
#define IPPROTO_IGMP		2
#define IPPROTO_TCP		6
#define IPPROTO_UDP		17
#define IPPROTO_IPV6		41
#define IPPROTO_ICMPV6		58
#define IPPROTO_UDPLITE		136
#define IPPROTO_RAW		255

/* Level IPPROTO_IP. */
#define IP_TOS			1
#define IP_TTL			2
#define IP_HDRINCL		3
#define IP_OPTIONS		4
#define IP_PKTINFO		8
#define IP_MULTICAST_IF		32
#define IP_MULTICAST_TTL	33
#define IP_MULTICAST_LOOP	34
#define IP_ADD_MEMBERSHIP	35
#define IP_DROP_MEMBERSHIP	36

/* Level IPPROTO_IPV6. */
#define IPV6_UNICAST_HOPS	16
#define IPV6_MULTICAST_IF	17
#define IPV6_MULTICAST_HOPS	18
#define IPV6_MULTICAST_LOOP	19
#define IPV6_JOIN_GROUP		20
#define IPV6_LEAVE_GROUP	21
#define IPV6_ADD_MEMBERSHIP	IPV6_JOIN_GROUP
#define IPV6_DROP_MEMBERSHIP	IPV6_LEAVE_GROUP
#define IPV6_V6ONLY		26

#define IN_MULTICAST(a)		((((in_addr_t)(a)) & 0xf0000000) == 0xe0000000)
#define IN_LOOPBACKNET		127

#define IN6_IS_ADDR_UNSPECIFIED(a) \
	((a)->s6_addr32[0] == 0 && (a)->s6_addr32[1] == 0 && \
	 (a)->s6_addr32[2] == 0 && (a)->s6_addr32[3] == 0)
#define IN6_IS_ADDR_LOOPBACK(a) \
	((a)->s6_addr32[0] == 0 && (a)->s6_addr32[1] == 0 && \
	 (a)->s6_addr32[2] == 0 && (a)->s6_addr32[3] == htonl(1))
#define IN6_IS_ADDR_MULTICAST(a)	((a)->s6_addr[0] == 0xff)
#define IN6_IS_ADDR_LINKLOCAL(a) \
	((a)->s6_addr[0] == 0xfe && ((a)->s6_addr[1] & 0xc0) == 0x80)
#define IN6_IS_ADDR_SITELOCAL(a) \
	((a)->s6_addr[0] == 0xfe && ((a)->s6_addr[1] & 0xc0) == 0xc0)
#define IN6_IS_ADDR_V4MAPPED(a) \
	((a)->s6_addr32[0] == 0 && (a)->s6_addr32[1] == 0 && \
	 (a)->s6_addr32[2] == htonl(0xffff))
#define IN6_IS_ADDR_V4COMPAT(a) \
	((a)->s6_addr32[0] == 0 && (a)->s6_addr32[1] == 0 && \
	 (a)->s6_addr32[2] == 0 && ntohl((a)->s6_addr32[3]) > 1)
#define IN6_ARE_ADDR_EQUAL(a, b) \
	((a)->s6_addr32[0] == (b)->s6_addr32[0] && (a)->s6_addr32[1] == (b)->s6_addr32[1] && \
	 (a)->s6_addr32[2] == (b)->s6_addr32[2] && (a)->s6_addr32[3] == (b)->s6_addr32[3])

/* Byte order: network order is big-endian. */
static inline uint32_t htonl(uint32_t v)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap32(v);
#else
	return v;
#endif
}

static inline uint16_t htons(uint16_t v)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap16(v);
#else
	return v;
#endif
}

static inline uint32_t ntohl(uint32_t v)
{
	return htonl(v);
}

static inline uint16_t ntohs(uint16_t v)
{
	return htons(v);
}

#ifdef __cplusplus
}
#endif

#endif /* KEEL_NETINET_IN_H */
