// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-net transmit (virtio v1.2 §5.1.6.2). Each frame goes out as a chain of two
 * device-readable buffers, its virtio_net_hdr then the frame itself (one indirect
 * table when negotiated). Headers live in per-ring-entry slots, so the owner's
 * headroom is not touched. The device's completions are collected, and the frames
 * freed, at the start of each tx_burst; while frames are in flight the transmit
 * queue's interrupt is on as well, so that an interface that stops sending does not
 * keep its last frames (up to a ring of them) until it sends again.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "vnet.h"

int vnet_tx_init(struct vnet *vn)
{
	unsigned int n = k_virtq_size(vn->txq);

	vn->tx_slots = k_calloc(n, sizeof(*vn->tx_slots));
	if (!vn->tx_slots)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++) {
		vn->tx_slots[i].next = vn->tx_free;
		vn->tx_free = &vn->tx_slots[i];
	}
	return 0;
}

void vnet_tx_free(struct vnet *vn)
{
	k_free(vn->tx_slots);
	vn->tx_slots = NULL;
	vn->tx_free = NULL;
}

/* Free the frames the device has sent. Lock held. */
static void vnet_tx_reclaim(struct vnet *vn)
{
	struct vnet_tx_slot *slot;
	uint32_t len;

	while ((slot = k_virtq_get(vn->txq, &len)) != NULL) {
		k_netbuf_free(slot->nb);
		slot->nb = NULL;
		slot->next = vn->tx_free;
		vn->tx_free = slot;
		vn->tx_inflight--;
	}
}

/*
 * Interrupt when the device returns frames still in flight, none when nothing is:
 * at most one interrupt per batch the device sends. Frames that came back before
 * the interrupt was on would raise none, so they are taken here. Lock held.
 */
static void vnet_tx_arm(struct vnet *vn)
{
	while (vn->tx_inflight) {
		if (k_virtq_enable_cb(vn->txq))
			return;
		vnet_tx_reclaim(vn);
	}
	k_virtq_disable_cb(vn->txq);
}

/* Interrupt context: the device sent frames (or a shared line fired). */
void vnet_tx_done(struct k_virtq *vq, void *arg)
{
	struct vnet *vn = arg;

	(void)vq;
	k_spin_lock(&vn->tx_lock);
	vnet_tx_reclaim(vn);
	vnet_tx_arm(vn);
	k_spin_unlock(&vn->tx_lock);
}

/* §5.1.6.2: the header asks for a checksum at csum_start + csum_offset, or nothing. */
static void vnet_tx_header(struct vnet_hdr *hdr, const struct k_netbuf *nb)
{
	memset(hdr, 0, sizeof(*hdr));
	hdr->gso_type = VNET_HDR_GSO_NONE;
	if (nb->flags & K_NETBUF_CSUM_PARTIAL) {
		hdr->flags = VNET_HDR_F_NEEDS_CSUM;
		hdr->csum_start = nb->csum_start;
		hdr->csum_offset = nb->csum_offset;
	}
}

/* Queue one frame; 0, -ENOSPC (ring or slots full) or another error (logged once). */
static int vnet_tx_one(struct vnet *vn, struct k_netbuf *nb)
{
	struct vnet_tx_slot *slot = vn->tx_free;
	struct k_virtq_buf b[2];
	int rc;

	if (!slot)
		return -ENOSPC;
	vnet_tx_header(&slot->hdr, nb);
	b[0].addr = &slot->hdr;
	b[0].len = vn->hdr_len;
	b[1].addr = nb->data;
	b[1].len = nb->len;
	rc = k_virtq_add(vn->txq, b, 2, 0, slot);
	if (rc) {
		if (rc != -ENOSPC && !vn->tx_logged) {
			vn->tx_logged = true;
			k_err("%s: cannot queue a frame to send (%d)\n", vn->nd.name, rc);
		}
		return rc;
	}
	vn->tx_free = slot->next;
	slot->nb = nb;
	vn->tx_inflight++;
	return 0;
}

unsigned int vnet_tx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			   unsigned int n)
{
	struct vnet *vn = nd->priv;
	unsigned int sent = 0;
	unsigned long flags;

	(void)q;
	flags = k_spin_lock_irqsave(&vn->tx_lock);
	vnet_tx_reclaim(vn);
	while (sent < n && vnet_tx_one(vn, bufs[sent]) == 0)
		sent++;
	if (sent)
		k_virtq_kick(vn->txq);
	vnet_tx_arm(vn);
	k_spin_unlock_irqrestore(&vn->tx_lock, flags);
	return sent;
}
