// SPDX-License-Identifier: BSD-3-Clause
/*
 * netfront's data path on the two shared rings (xen/include/public/io/ring.h,
 * io/netif.h). Transmit copies each frame into a page granted to the back-end at
 * setup; receive hands out granted pages the back-end copies frames into, and copies
 * them out into netbufs. Everything the back-end writes is checked: response ids that
 * are out of range or not in flight, lengths past the page, indexes further apart
 * than the ring count as errors and never index anything.
 */
#include <string.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/xen/evtchn.h>
#include "netfront.h"

void netfront_broken(struct netfront *nf, const char *why)
{
	if (!nf->broken)
		k_err("%s: %s; the interface stops\n", nf->nd.name, why);
	nf->broken = true;
	nf->nd.link_up = false;
}

/* io/ring.h RING_PUSH_REQUESTS_AND_CHECK_NOTIFY: notify when the peer asked for it. */
static void push_requests(struct netfront *nf, struct nf_sring_hdr *h, uint32_t prod)
{
	uint32_t old = h->req_prod;

	__atomic_store_n(&h->req_prod, prod, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (prod - __atomic_load_n(&h->req_event, __ATOMIC_RELAXED) < prod - old)
		xen_evtchn_send(nf->port);
}

/* Responses waiting, or 0 (and the device broken) when the index is not believable. */
static uint32_t responses(struct netfront *nf, struct nf_sring_hdr *h, uint32_t cons)
{
	uint32_t n = __atomic_load_n(&h->rsp_prod, __ATOMIC_ACQUIRE) - cons;

	if (n > NF_RING_SIZE) {
		netfront_broken(nf, "the back-end's response index is past the ring");
		return 0;
	}
	return n;
}

/* Take tx responses: their buffers are free again. tx_lock held. */
static void tx_reclaim(struct netfront *nf)
{
	uint32_t n = nf->broken ? 0 : responses(nf, &nf->tx->h, nf->tx_cons);

	for (; n; n--) {
		struct nf_tx_response r = nf->tx->ring[nf->tx_cons++ % NF_RING_SIZE].rsp;

		if (r.status == NF_RSP_NULL)
			continue;
		if (r.id >= NF_TX_BUFS || !nf->txb[r.id].busy) {
			k_netdev_stat_add(&nf->nd.stats.tx_errors, 1);
			continue;
		}
		nf->txb[r.id].busy = false;
		nf->tx_free[nf->tx_nfree++] = r.id;
		if (r.status != NF_RSP_OKAY)
			k_netdev_stat_add(&nf->nd.stats.tx_dropped, 1);
	}
	/* Ask for an event at the next response (RING_FINAL_CHECK_FOR_RESPONSES). */
	__atomic_store_n(&nf->tx->h.rsp_event, nf->tx_cons + 1, __ATOMIC_RELEASE);
}

static unsigned int nf_tx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
				unsigned int n)
{
	struct netfront *nf = nd->priv;
	unsigned long flags = k_spin_lock_irqsave(&nf->tx_lock);
	unsigned int taken = 0;

	(void)q;
	tx_reclaim(nf);
	for (; taken < n && !nf->broken; taken++) {
		struct k_netbuf *nb = bufs[taken];
		struct nf_tx_request *req;
		uint16_t id;

		if (!nf->tx_nfree || nf->tx_prod - nf->tx_cons >= NF_RING_SIZE)
			break;
		if (nb->len > 4096) {		/* the wrapper keeps frames to the MTU */
			k_netbuf_free(nb);
			k_netdev_stat_add(&nd->stats.tx_errors, 1);
			continue;
		}
		id = nf->tx_free[--nf->tx_nfree];
		nf->txb[id].busy = true;
		memcpy(nf->txb[id].page, nb->data, nb->len);
		req = &nf->tx->ring[nf->tx_prod++ % NF_RING_SIZE].req;
		*req = (struct nf_tx_request){
			.gref = (uint32_t)nf->txb[id].gref, .offset = 0, .flags = 0, .id = id,
			.size = (uint16_t)nb->len,
		};
		k_netbuf_free(nb);
	}
	if (taken)
		push_requests(nf, &nf->tx->h, nf->tx_prod);
	k_spin_unlock_irqrestore(&nf->tx_lock, flags);
	return taken;
}

/* Hand buffer id back to the back-end. rx_lock held. */
static void rx_post(struct netfront *nf, uint16_t id)
{
	nf->rxb[id].busy = true;
	nf->rx->ring[nf->rx_prod++ % NF_RING_SIZE].req =
		(struct nf_rx_request){ .id = id, .gref = (uint32_t)nf->rxb[id].gref };
}

void netfront_rx_fill(struct netfront *nf)
{
	for (uint16_t id = 0; id < NF_RX_BUFS; id++)
		rx_post(nf, id);
	push_requests(nf, &nf->rx->h, nf->rx_prod);
}

/* One response: a netbuf, or NULL when it was an error or is dropped. rx_lock held. */
static struct k_netbuf *rx_take(struct netfront *nf, const struct nf_rx_response *r)
{
	struct k_netbuf *nb = NULL;
	bool drop = nf->rx_dropping;

	/* A frame in several slots (we offer no scatter-gather) is dropped whole. */
	nf->rx_dropping = r->flags & (NF_RXF_MORE_DATA | NF_RXF_EXTRA_INFO);
	if (r->id >= NF_RX_BUFS || !nf->rxb[r->id].busy) {
		k_netdev_stat_add(&nf->nd.stats.rx_errors, 1);
		return NULL;
	}
	nf->rxb[r->id].busy = false;
	if (drop || nf->rx_dropping || r->status <= 0 ||
	    (uint32_t)r->offset + (uint32_t)r->status > 4096) {
		k_netdev_stat_add(&nf->nd.stats.rx_errors, 1);
	} else if (!(nb = k_netbuf_alloc((uint32_t)r->status))) {
		k_netdev_stat_add(&nf->nd.stats.rx_dropped, 1);
	} else {
		memcpy(nb->data, nf->rxb[r->id].page + r->offset, (size_t)r->status);
		nb->len = (uint32_t)r->status;
		if (r->flags & NF_RXF_DATA_VALIDATED)
			nb->flags |= K_NETBUF_CSUM_VALID;
	}
	rx_post(nf, r->id);
	return nb;
}

static unsigned int nf_rx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
				unsigned int n)
{
	struct netfront *nf = nd->priv;
	unsigned long flags = k_spin_lock_irqsave(&nf->rx_lock);
	uint32_t avail = nf->broken ? 0 : responses(nf, &nf->rx->h, nf->rx_cons);
	unsigned int got = 0, used = 0;

	(void)q;
	while (got < n && used < avail) {
		struct nf_rx_response r = nf->rx->ring[nf->rx_cons++ % NF_RING_SIZE].rsp;
		struct k_netbuf *nb;

		used++;
		nb = rx_take(nf, &r);
		if (nb)
			bufs[got++] = nb;
	}
	if (used)
		push_requests(nf, &nf->rx->h, nf->rx_prod);
	if (got < n) {
		/* Drained: the next response raises an event, and the hook fires on it. */
		nf->rx_armed = true;
		__atomic_store_n(&nf->rx->h.rsp_event, nf->rx_cons + 1, __ATOMIC_RELEASE);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!nf->broken && responses(nf, &nf->rx->h, nf->rx_cons)) {
			nf->rx_armed = false;
			k_spin_unlock_irqrestore(&nf->rx_lock, flags);
			k_netdev_rx_notify(nd, 0);
			return got;
		}
	}
	k_spin_unlock_irqrestore(&nf->rx_lock, flags);
	return got;
}

int netfront_irq(void *arg)
{
	struct netfront *nf = arg;
	bool notify = false;

	k_spin_lock(&nf->tx_lock);
	tx_reclaim(nf);
	k_spin_unlock(&nf->tx_lock);
	k_spin_lock(&nf->rx_lock);
	if (nf->rx_armed && !nf->broken && responses(nf, &nf->rx->h, nf->rx_cons)) {
		nf->rx_armed = false;
		notify = true;
	}
	k_spin_unlock(&nf->rx_lock);
	if (notify)
		k_netdev_rx_notify(&nf->nd, 0);
	return K_IRQ_HANDLED;
}

const struct k_netdev_ops netfront_ops = {
	.tx_burst = nf_tx_burst,
	.rx_burst = nf_rx_burst,
};
