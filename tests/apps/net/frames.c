// SPDX-License-Identifier: BSD-3-Clause
/* net test app: Ethernet, ARP (RFC 826), IPv4 and ICMP echo (RFC 792) frames. */
#include <string.h>
#include "nettest.h"

#define ETH_ARP		0x0806
#define ETH_IPV4	0x0800
#define ETH_TEST	0x88b5		/* IEEE local experimental: ignored by slirp */
#define ARP_LEN		(14 + 28)
#define IP_HLEN		20
#define ICMP_HLEN	8
#define MIN_FRAME	60		/* Ethernet minimum without the FCS */

const uint8_t gateway_mac[K_NETDEV_ETH_ALEN] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };
static const uint8_t broadcast[K_NETDEV_ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static uint8_t *eth_header(struct k_netbuf *nb, const uint8_t *dst, const uint8_t *src,
			   uint16_t type)
{
	memcpy(nb->data, dst, K_NETDEV_ETH_ALEN);
	memcpy(nb->data + 6, src, K_NETDEV_ETH_ALEN);
	put16(nb->data + 12, type);
	return nb->data + 14;
}

/* A zeroed buffer of len bytes, at least the Ethernet minimum. */
static struct k_netbuf *frame(uint32_t len)
{
	struct k_netbuf *nb = k_netbuf_alloc(len < MIN_FRAME ? MIN_FRAME : len);

	if (!nb)
		return NULL;
	nb->len = len < MIN_FRAME ? MIN_FRAME : len;
	memset(nb->data, 0, nb->len);
	return nb;
}

struct k_netbuf *arp_request(const struct nic *n, uint32_t target)
{
	struct k_netbuf *nb = frame(ARP_LEN);
	uint8_t *a;

	if (!nb)
		return NULL;
	a = eth_header(nb, broadcast, n->nd->mac, ETH_ARP);
	put16(a, 1);			/* hardware: Ethernet */
	put16(a + 2, ETH_IPV4);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);		/* request */
	memcpy(a + 8, n->nd->mac, 6);
	put32(a + 14, GUEST_IP);
	put32(a + 24, target);		/* target hardware address stays zero */
	return nb;
}

bool is_arp_reply(const struct nic *n, const struct k_netbuf *nb, uint32_t from)
{
	const uint8_t *a = nb->data + 14;

	if (nb->len < ARP_LEN || get16(nb->data + 12) != ETH_ARP)
		return false;
	return memcmp(nb->data, n->nd->mac, 6) == 0 && get16(a) == 1 &&
	       get16(a + 2) == ETH_IPV4 && a[4] == 6 && a[5] == 4 && get16(a + 6) == 2 &&
	       get32(a + 14) == from && memcmp(a + 18, n->nd->mac, 6) == 0 &&
	       get32(a + 24) == GUEST_IP;
}

static uint16_t csum(const uint8_t *p, uint32_t len)
{
	return (uint16_t)~k_netbuf_csum_add(0, p, len);
}

struct k_netbuf *icmp_echo(const struct nic *n, uint32_t dst, uint16_t id, uint16_t seq,
			   int how, uint32_t payload)
{
	uint32_t len = 14 + IP_HLEN + ICMP_HLEN + payload;
	struct k_netbuf *nb = frame(len);
	uint8_t *ip, *icmp;

	if (!nb)
		return NULL;
	ip = eth_header(nb, n->peer, n->nd->mac, ETH_IPV4);
	ip[0] = 0x45;
	put16(ip + 2, IP_HLEN + ICMP_HLEN + payload);
	put16(ip + 4, seq);
	ip[8] = 64;
	ip[9] = 1;			/* ICMP */
	put32(ip + 12, GUEST_IP);
	put32(ip + 16, dst);
	put16(ip + 10, csum(ip, IP_HLEN));
	icmp = ip + IP_HLEN;
	icmp[0] = 8;			/* echo request */
	put16(icmp + 4, id);
	put16(icmp + 6, seq);
	for (unsigned int i = 0; i < payload; i++)
		icmp[ICMP_HLEN + i] = (uint8_t)(i * 7 + seq);
	if (how == 1) {
		/* ICMP has no pseudo-header: the field starts at zero (RFC 792). */
		nb->flags |= K_NETBUF_CSUM_PARTIAL;
		nb->csum_start = 14 + IP_HLEN;
		nb->csum_offset = 2;
	} else {
		put16(icmp + 2, (uint16_t)(csum(icmp, ICMP_HLEN + payload) + (how == 2)));
	}
	return nb;
}

bool is_icmp_reply(const struct nic *n, const struct k_netbuf *nb, uint32_t from,
		   uint16_t id, uint16_t seq, uint32_t payload)
{
	const uint8_t *ip = nb->data + 14, *icmp = ip + IP_HLEN;
	uint32_t len = 14 + IP_HLEN + ICMP_HLEN + payload;

	if (nb->len < len || get16(nb->data + 12) != ETH_IPV4 || ip[0] != 0x45 || ip[9] != 1)
		return false;
	if (memcmp(nb->data, n->nd->mac, 6) != 0 || get32(ip + 12) != from ||
	    get32(ip + 16) != GUEST_IP || get16(ip + 2) != IP_HLEN + ICMP_HLEN + payload)
		return false;
	if (icmp[0] != 0 || icmp[1] != 0 || get16(icmp + 4) != id || get16(icmp + 6) != seq)
		return false;
	for (unsigned int i = 0; i < payload; i++)
		if (icmp[ICMP_HLEN + i] != (uint8_t)(i * 7 + seq))
			return false;
	/* Both checksums verify: the sum over each, field included, is all ones. */
	return k_netbuf_csum_add(0, ip, IP_HLEN) == 0xffff &&
	       k_netbuf_csum_add(0, icmp, ICMP_HLEN + payload) == 0xffff;
}

/* A broadcast frame of an experimental type that the peer ignores (for throughput). */
struct k_netbuf *filler_frame(const struct nic *n, uint32_t len)
{
	struct k_netbuf *nb = frame(len);

	if (nb)
		eth_header(nb, broadcast, n->nd->mac, ETH_TEST);
	return nb;
}
