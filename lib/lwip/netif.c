// SPDX-License-Identifier: BSD-3-Clause
/*
 * An lwIP interface for every netdev, in netdev order. lwIP calls them en1, en2...
 * (its loopback is lo0); Keel's logs keep the netdev names (eth0...). Each gets the
 * device's MAC, MTU and link state, an IPv6 link-local address with stateless
 * autoconfiguration, its IPv4 configuration (config.c) and a receive thread (rx.c).
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/print.h>
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#include "priv.h"

static struct lwip_if **ifs;
static unsigned int nr_ifs;

struct lwip_if *k_lwip_if_get(unsigned int n)
{
	return n < nr_ifs ? ifs[n] : NULL;
}

unsigned int k_lwip_if_count(void)
{
	return nr_ifs;
}

/* netif_add's init callback: describe the device to lwIP. */
static err_t lwip_netif_init(struct netif *netif)
{
	struct lwip_if *lif = lwip_if_of(netif);
	struct k_netdev *nd = lif->nd;

	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, nd->mac, ETH_HWADDR_LEN);
	netif->mtu = nd->mtu;
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
		       NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	netif->output = etharp_output;
#if LWIP_IPV6
	netif->output_ip6 = ethip6_output;
#endif
	netif->linkoutput = k_lwip_linkoutput;
	NETIF_SET_CHECKSUM_CTRL(netif, lif->rest_csum);
	return ERR_OK;
}

/*
 * Add nd's interface and bring it up; core lock held. Its input function is lwIP's
 * Ethernet input itself: the receive thread calls it holding the core lock (rx.c).
 */
static int lwip_if_add(struct lwip_if *lif)
{
	struct netif *netif = &lif->netif;

	if (!netif_add(netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4, lif, lwip_netif_init,
		       ethernet_input))
		return -ENOMEM;
	if (!netif_default)
		netif_set_default(netif);
#if LWIP_IPV6
	netif_create_ip6_linklocal_address(netif, 1);
	netif_set_ip6_autoconfig_enabled(netif, 1);
#endif
	netif_set_up(netif);
	if (lif->nd->link_up)
		netif_set_link_up(netif);
	k_lwip_if_configure(lif);
	return 0;
}

static struct lwip_if *lwip_if_new(struct k_netdev *nd, unsigned int n)
{
	struct lwip_if *lif = k_calloc(1, sizeof(*lif));

	if (!lif)
		return NULL;
	lif->nd = nd;
	lif->conf = k_lwip_if_conf(n);
	k_sem_init(&lif->rx_wake, 0);
	lif->tx_offload = nd->features & K_NETDEV_F_TX_CSUM;
	lif->rest_csum = k_lwip_csum_flags(lif);
	/* Between input bursts only looped-back segments arrive: without checksums (tx.c). */
	if (lif->tx_offload)
		lif->rest_csum &= (u16_t)~NETIF_CHECKSUM_CHECK_TCP;
	return lif;
}

static int lwip_ifs_init(void)
{
	unsigned int count = k_netdev_count();
	int rc;

	if (k_lwip_if_conf_count() > count)
		k_warn("netdev.ip configures %u interfaces, and there are %u\n",
		       k_lwip_if_conf_count(), count);
	if (!count)
		return 0;
	ifs = k_calloc(count, sizeof(*ifs));
	if (!ifs)
		return -ENOMEM;
	for (unsigned int n = 0; n < count; n++) {
		struct lwip_if *lif = lwip_if_new(k_netdev_get(n), n);

		if (!lif)
			return -ENOMEM;
		LOCK_TCPIP_CORE();
		rc = lwip_if_add(lif);
		UNLOCK_TCPIP_CORE();
		if (rc == 0)
			rc = k_lwip_rx_start(lif);
		if (rc) {
			k_err("%s: no lwIP interface (%d)\n", lif->nd->name, rc);
			return rc;
		}
		ifs[nr_ifs++] = lif;
	}
	return 0;
}
K_INIT(lwip_ifs_init, K_INIT_NET, 20);
