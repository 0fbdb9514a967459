// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sending: netif->linkoutput copies the frame (a pbuf chain, which lwIP may still hold
 * for retransmission) into one netbuf, headroom kept for the driver, and hands it to
 * the device.
 *
 * Checksum offload: on a device with K_NETDEV_F_TX_CSUM, lwIP leaves TCP checksums
 * out (per-interface NETIF_CHECKSUM_GEN_TCP off); here the checksum field gets the
 * pseudo-header sum and the netbuf K_NETBUF_CSUM_PARTIAL, and the device adds the
 * rest. UDP keeps lwIP's checksum: a datagram larger than the MTU leaves in IP
 * fragments, and no device can sum a datagram across them. A TCP segment sent to the
 * interface's own address never reaches the device (lwIP loops it back) and so
 * carries no checksum: between input bursts the interface does not check TCP ones
 * (rx.c switches the check on for every frame from the device).
 */
#include <string.h>
#include <keel/print.h>
#include <keel/thread.h>
#include "lwip/pbuf.h"
#include "lwip/prot/ip.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/ip6.h"
#include "lwip/prot/tcp.h"
#include "netif/ethernet.h"
#include "priv.h"

#define TX_RETRIES	64	/* yields while the device's ring is full, then a drop */

u16_t k_lwip_csum_flags(const struct lwip_if *lif)
{
	u16_t flags = NETIF_CHECKSUM_ENABLE_ALL;

	if (lif->tx_offload)
		flags &= (u16_t)~NETIF_CHECKSUM_GEN_TCP;
	return flags;
}

/* 16-bit big-endian words at p, added to sum (not folded). */
static uint32_t sum_words(uint32_t sum, const uint8_t *p, unsigned int len)
{
	for (unsigned int i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	return sum;
}

static void put_partial(struct k_netbuf *nb, unsigned int start, uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	nb->data[start + 16] = (uint8_t)(sum >> 8);
	nb->data[start + 17] = (uint8_t)sum;
	nb->csum_start = (uint16_t)start;
	nb->csum_offset = 16;		/* RFC 9293 §3.1: the TCP checksum field */
	nb->flags |= K_NETBUF_CSUM_PARTIAL;
}

/*
 * A TCP segment of ours: store the pseudo-header sum (RFC 9293 §3.1, RFC 8200 §8.1)
 * and leave the rest to the device. lwIP sends TCP without IP options it cannot
 * describe and without IPv6 extension headers, and never in fragments.
 */
static void tx_offload_tcp(struct k_netbuf *nb)
{
	const uint8_t *ip = nb->data + K_NETDEV_ETH_HLEN;
	uint16_t type = (uint16_t)(nb->data[12] << 8 | nb->data[13]);
	unsigned int hlen, len;

	if (type == ETHTYPE_IP && nb->len >= K_NETDEV_ETH_HLEN + IP_HLEN) {
		hlen = (ip[0] & 0xf) * 4u;
		len = (unsigned int)(ip[2] << 8 | ip[3]);
		if (ip[9] != IP_PROTO_TCP || len < hlen + TCP_HLEN ||
		    K_NETDEV_ETH_HLEN + len > nb->len)
			return;
		put_partial(nb, K_NETDEV_ETH_HLEN + hlen,
			    sum_words(IP_PROTO_TCP + len - hlen, ip + 12, 8));
	} else if (type == ETHTYPE_IPV6 && nb->len >= K_NETDEV_ETH_HLEN + IP6_HLEN) {
		len = (unsigned int)(ip[4] << 8 | ip[5]);
		if (ip[6] != IP6_NEXTH_TCP || len < TCP_HLEN ||
		    K_NETDEV_ETH_HLEN + IP6_HLEN + len > nb->len)
			return;
		put_partial(nb, K_NETDEV_ETH_HLEN + IP6_HLEN,
			    sum_words(IP6_NEXTH_TCP + len, ip + 8, 32));
	}
}

static void tx_drop(struct lwip_if *lif, const char *why)
{
	k_netdev_stat_add(&lif->nd->stats.tx_dropped, 1);
	if (!lif->tx_logged) {
		lif->tx_logged = true;
		k_warn("%s: dropping a frame to send (%s)\n", lif->nd->name, why);
	}
}

err_t k_lwip_linkoutput(struct netif *netif, struct pbuf *p)
{
	struct lwip_if *lif = lwip_if_of(netif);
	struct k_netbuf *nb = k_netbuf_alloc(p->tot_len);

	if (!nb) {
		tx_drop(lif, "out of memory");
		return ERR_MEM;
	}
	nb->len = pbuf_copy_partial(p, nb->data, p->tot_len, 0);
	if (lif->tx_offload)
		tx_offload_tcp(nb);
	/* A full ring empties as the device sends: wait a little before dropping. */
	for (int i = 0; k_netdev_tx_burst(lif->nd, 0, &nb, 1) == 0; i++) {
		if (i == TX_RETRIES) {
			k_netbuf_free(nb);
			tx_drop(lif, "device queue full");
			return ERR_BUF;
		}
		k_thread_yield();
	}
	return ERR_OK;
}
