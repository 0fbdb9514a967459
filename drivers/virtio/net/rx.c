// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-net receive (virtio v1.2 §5.1.6.3, §5.1.6.4). The receive queue is kept full
 * of buffers carved from one page allocation made at probe; nothing is allocated in
 * interrupt context. rx_burst copies each frame (header stripped, mergeable buffers
 * joined) into a fresh k_netbuf and gives the buffers straight back to the device.
 *
 * Interrupts: the queue callback raises the owner's hook once and suppresses further
 * interrupts (k_virtq_disable_cb) until rx_burst finds the used ring empty, when it
 * enables them again (keel/netdev.h's contract).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/fmt.h>
#include <keel/param.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "vnet.h"

/* Give one buffer to the device. Lock held (or before DRIVER_OK). */
static int vnet_rx_add(struct vnet *vn, uint8_t *buf)
{
	struct k_virtq_buf b[2];
	unsigned int n = 1;
	int rc;

	b[0].addr = buf;
	b[0].len = vn->rx_buf_size;
	if (vn->split_hdr) {
		/* Legacy framing: the header alone in the first descriptor, the frame after
		 * it in the same memory, so both layouts read alike. */
		b[0].len = vn->hdr_len;
		b[1].addr = buf + vn->hdr_len;
		b[1].len = vn->rx_buf_size - vn->hdr_len;
		n = 2;
	}
	rc = k_virtq_add(vn->rxq, b, 0, n, buf);
	if (rc == 0)
		vn->rx_refill = true;
	return rc;
}

/* Mergeable receive buffer size; smaller ones make frames span buffers (tests). */
static unsigned int rx_buf_param = VNET_RX_BUF_SIZE;

static int rx_buf_set(const char *value)
{
	unsigned int v = 0;

	if (!value || !*value)
		return -EINVAL;
	for (; *value; value++) {
		if (*value < '0' || *value > '9' || v > 100000)
			return -EINVAL;
		v = v * 10 + (unsigned int)(*value - '0');
	}
	if (v < 32 || v > 4096)
		return -EINVAL;
	rx_buf_param = v;
	return 0;
}
K_PARAM("virtio_net.rx_buf", rx_buf_set,
	"bytes per mergeable receive buffer, 32..4096 (default 2048)");

/*
 * Buffer size and how many buffers one frame may take. Mergeable buffers are 2 KiB
 * (§5.1.6.3.1: at least a header; virtio_net.rx_buf changes it);
 * otherwise one buffer holds the header and the largest frame: mtu plus the Ethernet
 * header and a VLAN tag (§5.1.6.3.1: at least 1526 bytes).
 */
static void vnet_rx_sizes(struct vnet *vn)
{
	unsigned int need = vn->hdr_len + vn->nd.mtu + K_NETDEV_ETH_HLEN + 4;

	if (vn->mrg_rxbuf) {
		vn->rx_buf_size = rx_buf_param;
		vn->rx_max_bufs = (vn->hdr_len + VNET_FRAME_MAX + rx_buf_param - 1) /
				  rx_buf_param;
	} else {
		vn->rx_buf_size = K_ALIGN_UP(need, VNET_RX_BUF_SIZE);
		vn->rx_max_bufs = 1;
	}
}

int vnet_rx_init(struct vnet *vn)
{
	unsigned int size = k_virtq_size(vn->rxq);
	size_t bytes;

	vnet_rx_sizes(vn);
	/* Without indirect descriptors a split buffer takes two ring slots. */
	vn->rx_nbufs = vn->split_hdr && !k_virtio_has(vn->vd, K_VIRTIO_F_INDIRECT_DESC) ?
		       size / 2 : size;
	if (vn->rx_max_bufs > vn->rx_nbufs)
		vn->rx_max_bufs = vn->rx_nbufs;
	bytes = (size_t)vn->rx_nbufs * vn->rx_buf_size;
	vn->rx_pages = (bytes + K_ARCH_PAGE_SIZE - 1) / K_ARCH_PAGE_SIZE;
	vn->rx_area = k_palloc(vn->rx_pages);
	if (!vn->rx_area)
		return -ENOMEM;
	for (unsigned int i = 0; i < vn->rx_nbufs; i++) {
		int rc = vnet_rx_add(vn, vn->rx_area + (size_t)i * vn->rx_buf_size);

		if (rc)
			return rc;
	}
	vn->rx_armed = true;
	return 0;
}

/* After DRIVER_OK: tell the device about the buffers (§3.1.1: no notify before it). */
void vnet_rx_start(struct vnet *vn)
{
	unsigned long flags = k_spin_lock_irqsave(&vn->rx_lock);

	k_virtq_kick(vn->rxq);
	vn->rx_refill = false;
	k_spin_unlock_irqrestore(&vn->rx_lock, flags);
}

void vnet_rx_free(struct vnet *vn)
{
	if (vn->rx_area)
		k_pfree(vn->rx_area, vn->rx_pages);
	vn->rx_area = NULL;
}

void vnet_rx_done(struct k_virtq *vq, void *arg)
{
	struct vnet *vn = arg;
	bool notify;

	(void)vq;
	k_spin_lock(&vn->rx_lock);
	notify = vn->rx_armed;
	if (notify) {
		vn->rx_armed = false;
		k_virtq_disable_cb(vn->rxq);
	}
	k_spin_unlock(&vn->rx_lock);
	if (notify)
		k_netdev_rx_notify(&vn->nd, 0);
}

/* A frame the device got wrong: counted, reported once per device. Lock held. */
static __k_printf(2, 3) void vnet_rx_error(struct vnet *vn, const char *fmt, ...)
{
	char why[96];
	va_list ap;

	k_netdev_stat_add(&vn->nd.stats.rx_errors, 1);
	if (vn->rx_logged)
		return;
	vn->rx_logged = true;
	va_start(ap, fmt);
	k_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	k_err("%s: dropping a received frame: %s (further bad frames are only counted)\n",
	      vn->nd.name, why);
}

/* Checksum flags from the header (§5.1.6.4.1), with GUEST_CSUM negotiated. */
static void vnet_rx_csum(struct vnet *vn, const struct vnet_hdr *hdr, struct k_netbuf *nb)
{
	if (!vn->guest_csum)
		return;
	if (hdr->flags & VNET_HDR_F_NEEDS_CSUM) {
		/* Valid but not checksummed yet (a local peer): complete it here. */
		nb->csum_start = hdr->csum_start;
		nb->csum_offset = hdr->csum_offset;
		if (k_netbuf_csum_complete(nb) == 0)
			nb->flags |= K_NETBUF_CSUM_VALID;
	} else if (hdr->flags & VNET_HDR_F_DATA_VALID) {
		nb->flags |= K_NETBUF_CSUM_VALID;
	}
}

/*
 * The rest of a frame that spans several buffers, appended to nb (NULL: just give the
 * buffers back). Sets *bad, and reports the frame unless *bad was already set, when
 * the used ring holds fewer than the header said or a buffer has a bad length.
 */
static void vnet_rx_more(struct vnet *vn, struct k_netbuf *nb, unsigned int more, bool *bad)
{
	for (unsigned int i = 0; i < more; i++) {
		uint32_t len;
		uint8_t *buf = k_virtq_get(vn->rxq, &len);

		if (!buf) {
			if (!*bad)
				vnet_rx_error(vn, "num_buffers said %u, only %u came", more + 1, i + 1);
			*bad = true;
			return;
		}
		if (len == K_VIRTQ_LEN_BAD || len == 0) {
			if (!*bad)
				vnet_rx_error(vn, "buffer %u of %u has a bad length", i + 2, more + 1);
			*bad = true;
		} else if (nb && !*bad) {
			memcpy(nb->data + nb->len, buf, len);
			nb->len += len;
		}
		vnet_rx_add(vn, buf);
	}
}

/*
 * One frame off the used ring: 1 with *out set, 0 when the ring is empty, -1 when a
 * frame was dropped (counted). Lock held.
 */
static int vnet_rx_one(struct vnet *vn, struct k_netbuf **out)
{
	struct vnet_hdr hdr = { 0 };
	struct k_netbuf *nb = NULL;
	unsigned int nbufs = 1;
	bool bad = false;
	uint32_t len;
	uint8_t *buf = k_virtq_get(vn->rxq, &len);

	if (!buf)
		return 0;
	if (len < vn->hdr_len) {
		/* Not even a header: num_buffers would be stale, drop this buffer alone. */
		vnet_rx_error(vn, "a buffer of %u bytes, shorter than the %u-byte header", len,
			      vn->hdr_len);
		vnet_rx_add(vn, buf);
		return -1;
	}
	memcpy(&hdr, buf, vn->hdr_len);
	if (vn->mrg_rxbuf)
		nbufs = hdr.num_buffers;
	if (nbufs == 0 || nbufs > vn->rx_max_bufs) {
		vnet_rx_error(vn, "num_buffers %u (at most %u)", nbufs, vn->rx_max_bufs);
		vnet_rx_add(vn, buf);
		return -1;
	}
	if (len == K_VIRTQ_LEN_BAD) {
		/* Longer than the buffer: skip the whole frame as the header describes it. */
		vnet_rx_error(vn, "the device wrote more than the %u-byte buffer", vn->rx_buf_size);
		vnet_rx_add(vn, buf);
		bad = true;
		vnet_rx_more(vn, NULL, nbufs - 1, &bad);
		return -1;
	}
	nb = k_netbuf_alloc(nbufs * vn->rx_buf_size);
	if (nb) {
		nb->len = len - vn->hdr_len;
		memcpy(nb->data, buf + vn->hdr_len, nb->len);
	}
	vnet_rx_add(vn, buf);
	vnet_rx_more(vn, nb, nbufs - 1, &bad);
	if (bad) {
		k_netbuf_free(nb);
		return -1;
	}
	if (!nb) {
		k_netdev_stat_add(&vn->nd.stats.rx_dropped, 1);
		return -1;
	}
	if (nb->len < K_NETDEV_ETH_HLEN) {
		vnet_rx_error(vn, "a frame of %u bytes in %u buffers", nb->len, nbufs);
		k_netbuf_free(nb);
		return -1;
	}
	vnet_rx_csum(vn, &hdr, nb);
	*out = nb;
	return 1;
}

unsigned int vnet_rx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			   unsigned int n)
{
	struct vnet *vn = nd->priv;
	unsigned int got = 0;
	unsigned long flags;

	(void)q;
	flags = k_spin_lock_irqsave(&vn->rx_lock);
	while (got < n) {
		struct k_netbuf *nb;
		int rc = vnet_rx_one(vn, &nb);

		if (rc > 0) {
			bufs[got++] = nb;
		} else if (rc == 0) {
			/* Drained: interrupts back on, unless frames slipped in meanwhile. */
			if (k_virtq_enable_cb(vn->rxq)) {
				vn->rx_armed = true;
				break;
			}
			k_virtq_disable_cb(vn->rxq);
		}
	}
	if (vn->rx_refill) {
		vn->rx_refill = false;
		k_virtq_kick(vn->rxq);
	}
	k_spin_unlock_irqrestore(&vn->rx_lock, flags);
	return got;
}
