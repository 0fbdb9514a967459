// SPDX-License-Identifier: BSD-3-Clause
/*
 * netfront setup: the rings, buffers and event channel, the xenstore keys the back-end
 * reads (xen/include/public/io/netif.h), the xenbus handshake, and registration as a
 * network interface.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/time.h>
#include <keel/xen/evtchn.h>
#include <keel/xen/gnttab.h>
#include "netfront.h"

#define NF_CONNECT_TIMEOUT_NS	(30 * K_NSEC_PER_SEC)

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "00:16:3e:01:02:03" */
static int parse_mac(const char *s, uint8_t mac[K_NETDEV_ETH_ALEN])
{
	for (int i = 0; i < K_NETDEV_ETH_ALEN; i++, s += 3) {
		int hi = hexval(s[0]), lo = hi < 0 ? -1 : hexval(s[1]);

		if (lo < 0 || s[2] != (i == K_NETDEV_ETH_ALEN - 1 ? '\0' : ':'))
			return -EINVAL;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* A zeroed page granted to the back-end. */
static int grant_page(struct netfront *nf, uint8_t **page, bool readonly)
{
	int ref;

	*page = k_palloc(1);
	if (!*page)
		return -ENOMEM;
	memset(*page, 0, 4096);
	ref = xen_gnttab_grant(nf->dev->otherend_id, xen_gfn(*page), readonly);
	if (ref < 0) {
		k_pfree(*page, 1);
		*page = NULL;
	}
	return ref;
}

static int setup_buffers(struct netfront *nf)
{
	uint8_t *tx, *rx;

	nf->tx_ref = grant_page(nf, &tx, false);
	if (nf->tx_ref < 0)
		return nf->tx_ref;
	nf->rx_ref = grant_page(nf, &rx, false);
	if (nf->rx_ref < 0)
		return nf->rx_ref;
	nf->tx = (struct nf_tx_sring *)tx;
	nf->rx = (struct nf_rx_sring *)rx;
	/* io/ring.h SHARED_RING_INIT: events wanted from the first entry on. */
	nf->tx->h.req_event = nf->tx->h.rsp_event = 1;
	nf->rx->h.req_event = nf->rx->h.rsp_event = 1;
	for (uint16_t i = 0; i < NF_TX_BUFS; i++) {
		nf->txb[i].gref = grant_page(nf, &nf->txb[i].page, true);
		if (nf->txb[i].gref < 0)
			return nf->txb[i].gref;
		nf->tx_free[nf->tx_nfree++] = i;
	}
	for (uint16_t i = 0; i < NF_RX_BUFS; i++) {
		nf->rxb[i].gref = grant_page(nf, &nf->rxb[i].page, false);
		if (nf->rxb[i].gref < 0)
			return nf->rxb[i].gref;
	}
	return 0;
}

static int publish(struct netfront *nf)
{
	struct xenbus_device *dev = nf->dev;
	int rc = xenbus_printf(dev, "tx-ring-ref", "%d", nf->tx_ref);

	rc = rc ? rc : xenbus_printf(dev, "rx-ring-ref", "%d", nf->rx_ref);
	rc = rc ? rc : xenbus_printf(dev, "event-channel", "%u", nf->port);
	/* The back-end copies into our pages; we want an event per packet. */
	rc = rc ? rc : xenbus_printf(dev, "request-rx-copy", "1");
	rc = rc ? rc : xenbus_printf(dev, "feature-rx-notify", "1");
	/* Received frames come with their checksums filled in. */
	rc = rc ? rc : xenbus_printf(dev, "feature-no-csum-offload", "1");
	return rc;
}

static int netfront_probe(struct xenbus_device *dev)
{
	struct netfront *nf = k_calloc(1, sizeof(*nf));
	uint64_t deadline = k_time_ns() + NF_CONNECT_TIMEOUT_NS;
	char mac[32];
	int rc;

	if (!nf)
		return -ENOMEM;
	nf->dev = dev;
	dev->priv = nf;
	nf->tx_lock = (struct k_spinlock)K_SPINLOCK_INIT;
	nf->rx_lock = (struct k_spinlock)K_SPINLOCK_INIT;
	nf->rx_armed = true;
	rc = xenbus_read_own(dev, "mac", mac, sizeof(mac));
	if (rc < 0 || parse_mac(mac, nf->nd.mac)) {
		k_err("netfront: %s: no usable mac address ('%s')\n", dev->nodename,
		      rc < 0 ? "" : mac);
		return rc < 0 ? rc : -EINVAL;
	}
	rc = setup_buffers(nf);
	if (!rc)
		rc = xen_evtchn_alloc_unbound(dev->otherend_id, &nf->port);
	if (!rc)
		rc = xen_evtchn_handler_set(nf->port, netfront_irq, nf, "netfront");
	if (rc)
		return rc;
	netfront_rx_fill(nf);
	/* The back-end waits in InitWait for our keys, then connects when we do. */
	rc = xenbus_wait_otherend(dev, XENBUS_STATE_INIT_WAIT, deadline);
	if (!rc)
		rc = publish(nf);
	if (!rc)
		rc = xenbus_switch_state(dev, XENBUS_STATE_CONNECTED);
	if (!rc)
		rc = xenbus_wait_otherend(dev, XENBUS_STATE_CONNECTED, deadline);
	if (rc) {
		k_err("netfront: %s: back-end %s did not connect (%d)\n", dev->nodename,
		      dev->otherend, rc);
		return rc;
	}
	nf->nd.ops = &netfront_ops;
	nf->nd.priv = nf;
	nf->nd.mtu = (uint16_t)xenbus_read_otherend_u64(dev, "mtu", 1500);
	if (nf->nd.mtu < 576 || nf->nd.mtu > 4096 - K_NETDEV_ETH_HLEN - 4)
		nf->nd.mtu = 1500;
	nf->nd.link_up = true;
	return k_netdev_register(&nf->nd);
}

static struct xenbus_driver netfront_driver = {
	.type = "vif",
	.probe = netfront_probe,
};

static int netfront_register(void)
{
	xenbus_register_driver(&netfront_driver);
	return 0;
}
K_INIT(netfront_register, K_INIT_BUS, 50);
