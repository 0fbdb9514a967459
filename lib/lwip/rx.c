// SPDX-License-Identifier: BSD-3-Clause
/*
 * Receiving: one thread per interface sleeps until the netdev's rx_ready hook (in
 * interrupt context, where it only posts a semaphore), then takes frames in bursts
 * and runs lwIP's input path on them itself, holding the core lock once per burst.
 *
 * Zero copy: a frame becomes a custom pbuf whose payload is the netbuf's data and
 * whose record sits in the netbuf's headroom; freeing the pbuf frees the netbuf.
 * Small frames are copied into a right-sized pbuf instead, so that data waiting to
 * be read does not hold a whole receive buffer per byte or two.
 */
#include <errno.h>
#include <stddef.h>
#include <keel/fmt.h>
#include <keel/print.h>
#include <keel/thread.h>
#include "lwip/pbuf.h"
#include "lwip/prot/ip6.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#include "priv.h"

#define RX_BURST	32
#define RX_COPYBREAK	256	/* frames up to this size are copied */
#define VLAN_HLEN	4

/* A received frame as a pbuf: lives in its netbuf's headroom. */
struct rx_pbuf {
	struct pbuf_custom pc;
	struct k_netbuf *nb;
};

static void rx_pbuf_free(struct pbuf *p)
{
	struct rx_pbuf *rp = (struct rx_pbuf *)p;

	k_netbuf_free(rp->nb);
}

/* Where the record goes: aligned, below the data, inside the netbuf's storage. */
static struct rx_pbuf *rx_pbuf_place(struct k_netbuf *nb)
{
	uintptr_t at = ((uintptr_t)nb->data - sizeof(struct rx_pbuf)) & ~(uintptr_t)15;

	if ((uintptr_t)nb->data < sizeof(struct rx_pbuf) || at < (uintptr_t)nb->storage)
		return NULL;
	return (struct rx_pbuf *)at;
}

/* The frame as a pbuf; the netbuf is the pbuf's, or freed. NULL when out of memory. */
static struct pbuf *rx_pbuf(struct k_netbuf *nb)
{
	struct rx_pbuf *rp = nb->len > RX_COPYBREAK ? rx_pbuf_place(nb) : NULL;
	struct pbuf *p;

	if (rp) {
		rp->nb = nb;
		rp->pc.custom_free_function = rx_pbuf_free;
		return pbuf_alloced_custom(PBUF_RAW, (u16_t)nb->len, PBUF_REF, &rp->pc, nb->data,
					   (u16_t)nb->len);
	}
	p = pbuf_alloc(PBUF_RAW, (u16_t)nb->len, PBUF_RAM);
	if (p)
		pbuf_take(p, nb->data, (u16_t)nb->len);
	k_netbuf_free(nb);
	return p;
}

/*
 * May lwIP skip the TCP/UDP checksum of this frame? Only when the device checked it,
 * and never for a fragment: a reassembled datagram is checked under the flags of its
 * last fragment, which says nothing of the others.
 */
static bool rx_csum_checked(const struct k_netbuf *nb)
{
	const uint8_t *d = nb->data;
	uint16_t type;

	if (!(nb->flags & K_NETBUF_CSUM_VALID))
		return false;
	type = (uint16_t)(d[12] << 8 | d[13]);
	if (type == ETHTYPE_IP && nb->len >= K_NETDEV_ETH_HLEN + 20)
		return ((d[K_NETDEV_ETH_HLEN + 6] & 0x3f) | d[K_NETDEV_ETH_HLEN + 7]) == 0;
	if (type == ETHTYPE_IPV6 && nb->len >= K_NETDEV_ETH_HLEN + 40)
		return d[K_NETDEV_ETH_HLEN + 6] == IP6_NEXTH_TCP ||
		       d[K_NETDEV_ETH_HLEN + 6] == IP6_NEXTH_UDP;
	return false;
}

static void rx_bad(struct lwip_if *lif, const struct k_netbuf *nb, const char *why)
{
	k_netdev_stat_add(&lif->nd->stats.rx_errors, 1);
	if (!lif->rx_logged) {
		lif->rx_logged = true;
		k_warn("%s: dropping a received frame of %u bytes (%s)\n", lif->nd->name,
		       nb->len, why);
	}
}

/* One frame into lwIP; core lock held. */
static void rx_frame(struct lwip_if *lif, struct k_netbuf *nb)
{
	struct netif *netif = &lif->netif;
	uint32_t max = (uint32_t)lif->nd->mtu + K_NETDEV_ETH_HLEN + VLAN_HLEN;
	u16_t flags = k_lwip_csum_flags(lif);
	struct pbuf *p;

	if (nb->len < K_NETDEV_ETH_HLEN || nb->len > max) {
		rx_bad(lif, nb, "bad length");
		k_netbuf_free(nb);
		return;
	}
	if (rx_csum_checked(nb))
		flags &= (u16_t)~(NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP);
	p = rx_pbuf(nb);
	if (!p) {
		rx_bad(lif, nb, "out of memory");
		return;
	}
	/* Input runs to completion here, so per-interface flags act per frame. */
	NETIF_SET_CHECKSUM_CTRL(netif, flags);
	if (netif->input(p, netif) != ERR_OK)
		pbuf_free(p);
}

static void *rx_thread(void *arg)
{
	struct lwip_if *lif = arg;
	struct k_netbuf *bufs[RX_BURST];

	for (;;) {
		unsigned int got = k_netdev_rx_burst(lif->nd, 0, bufs, RX_BURST);

		if (got) {
			LOCK_TCPIP_CORE();
			for (unsigned int i = 0; i < got; i++)
				rx_frame(lif, bufs[i]);
			NETIF_SET_CHECKSUM_CTRL(&lif->netif, lif->rest_csum);
			UNLOCK_TCPIP_CORE();
		}
		/* Fewer than asked: the queue is drained and the hook armed again. */
		if (got < RX_BURST)
			k_sem_wait(&lif->rx_wake);
	}
	return NULL;
}

/* Interrupt context: wake the thread, nothing more. */
static void rx_ready(struct k_netdev *nd, unsigned int q, void *arg)
{
	struct lwip_if *lif = arg;

	(void)nd;
	(void)q;
	k_sem_post(&lif->rx_wake);
}

int k_lwip_rx_start(struct lwip_if *lif)
{
	struct k_thread_attr attr = {
		.stack_size = CONFIG_LWIP_TCPIP_STACK_KB * 1024,
		.priority = K_LWIP_PRIO,
		.detached = 1,
	};
	char name[24];

	k_snprintf(name, sizeof(name), "%s-rx", lif->nd->name);
	lif->nd->rx_ready_arg = lif;
	__atomic_store_n(&lif->nd->rx_ready, rx_ready, __ATOMIC_RELEASE);
	return k_thread_create(NULL, name, rx_thread, lif, &attr);
}
