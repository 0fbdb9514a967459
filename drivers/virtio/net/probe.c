// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-net (virtio v1.2 §5.1): feature negotiation, the configuration space (MAC,
 * link status, MTU), queue setup and registration as a Keel network interface. One
 * receive and one transmit queue; frames move in rx.c and tx.c.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "vnet.h"

#define VNET_FEATURES							\
	(K_VIRTIO_BIT(VNET_F_CSUM) | K_VIRTIO_BIT(VNET_F_GUEST_CSUM) |	\
	 K_VIRTIO_BIT(VNET_F_MTU) | K_VIRTIO_BIT(VNET_F_MAC) |		\
	 K_VIRTIO_BIT(VNET_F_MRG_RXBUF) | K_VIRTIO_BIT(VNET_F_STATUS))

static const struct k_netdev_ops vnet_ops = {
	.tx_burst = vnet_tx_burst,
	.rx_burst = vnet_rx_burst,
};

static uint16_t vnet_config16(struct k_virtio_dev *vd, unsigned int off)
{
	uint16_t v;

	k_virtio_config_read(vd, off, &v, sizeof(v));
	return v;
}

/* Without VIRTIO_NET_F_MAC the driver picks a random address (§5.1.5): locally
 * administered, unicast, from the cycle counter and a per-driver counter. */
static void vnet_random_mac(uint8_t *mac)
{
	static unsigned int made;
	uint64_t r = k_arch_counter() * 0x9e3779b97f4a7c15ull;

	mac[0] = 0x02;
	mac[1] = (uint8_t)(r >> 56);
	mac[2] = (uint8_t)(r >> 48);
	mac[3] = (uint8_t)(r >> 40);
	mac[4] = (uint8_t)(r >> 32);
	mac[5] = (uint8_t)(made++);
}

/* Without VIRTIO_NET_F_STATUS the link is assumed up (§5.1.4.2). */
static bool vnet_link_up(struct k_virtio_dev *vd)
{
	if (!k_virtio_has(vd, VNET_F_STATUS))
		return true;
	return vnet_config16(vd, VNET_CFG_STATUS) & VNET_S_LINK_UP;
}

static uint16_t vnet_mtu(struct k_virtio_dev *vd)
{
	uint16_t mtu;

	if (!k_virtio_has(vd, VNET_F_MTU))
		return 1500;
	mtu = vnet_config16(vd, VNET_CFG_MTU);
	/* §5.1.4.1: the device's mtu is at least 68. */
	if (mtu < 68) {
		k_warn("%s: the device's MTU %u is below 68; using 1500\n", vd->name, mtu);
		return 1500;
	}
	if (mtu > VNET_MTU_MAX) {
		k_warn("%s: the device's MTU %u is above %u; using %u\n", vd->name, mtu,
		       VNET_MTU_MAX, VNET_MTU_MAX);
		return VNET_MTU_MAX;
	}
	return mtu;
}

static void vnet_config(struct vnet *vn)
{
	struct k_virtio_dev *vd = vn->vd;

	if (k_virtio_has(vd, VNET_F_MAC))
		k_virtio_config_read(vd, VNET_CFG_MAC, vn->nd.mac, K_NETDEV_ETH_ALEN);
	else
		vnet_random_mac(vn->nd.mac);
	vn->nd.link_up = vnet_link_up(vd);
	vn->nd.mtu = vnet_mtu(vd);
	vn->nd.nr_queues = 1;
	vn->nd.ops = &vnet_ops;
	vn->nd.priv = vn;
	if (k_virtio_has(vd, VNET_F_CSUM))
		vn->nd.features |= K_NETDEV_F_TX_CSUM;
	if (k_virtio_has(vd, VNET_F_GUEST_CSUM))
		vn->nd.features |= K_NETDEV_F_RX_CSUM;
	vn->guest_csum = k_virtio_has(vd, VNET_F_GUEST_CSUM);
	vn->mrg_rxbuf = k_virtio_has(vd, VNET_F_MRG_RXBUF);
	/* §5.1.6: the 12-byte header with VERSION_1 or MRG_RXBUF, else the legacy 10. */
	vn->hdr_len = vd->legacy && !vn->mrg_rxbuf ? VNET_HDR_LEN_LEGACY : VNET_HDR_LEN;
	vn->split_hdr = vd->legacy && !k_virtio_has(vd, VNET_F_ANY_LAYOUT);
}

static int vnet_setup(struct vnet *vn)
{
	struct k_virtio_dev *vd = vn->vd;
	uint64_t wanted = VNET_FEATURES;
	int rc;

	if (vd->legacy)
		wanted |= K_VIRTIO_BIT(VNET_F_ANY_LAYOUT);
	rc = k_virtio_negotiate(vd, wanted);
	if (rc)
		return rc;
	vnet_config(vn);
	rc = k_virtq_create(vd, VNET_RXQ, 0, vnet_rx_done, vn, &vn->rxq);
	if (!rc)
		rc = k_virtq_create(vd, VNET_TXQ, 0, vnet_tx_done, vn, &vn->txq);
	if (!rc)
		rc = vnet_rx_init(vn);
	if (!rc)
		rc = vnet_tx_init(vn);
	if (!rc)
		rc = k_virtio_driver_ok(vd);
	if (rc)
		return rc;
	/* Nothing in flight yet: tx interrupts come on with the first frame (tx.c). */
	k_virtq_disable_cb(vn->txq);
	vnet_rx_start(vn);
	return k_netdev_register(&vn->nd);
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static int vnet_probe(struct k_virtio_dev *vd)
{
	struct vnet *vn = k_calloc(1, sizeof(*vn));
	int rc;

	if (!vn)
		return -ENOMEM;
	vn->vd = vd;
	vn->rx_lock = (struct k_spinlock)K_SPINLOCK_INIT;
	vn->tx_lock = (struct k_spinlock)K_SPINLOCK_INIT;
	rc = vnet_setup(vn);
	if (rc) {
		/* The core resets the device and frees its queues. */
		vnet_rx_free(vn);
		vnet_tx_free(vn);
		k_free(vn);
		return rc;
	}
	vd->priv = vn;
	k_info("%s is %s: link %s, mtu %u, mrg_rxbuf=%s csum=%s guest_csum=%s indirect=%s, "
	       "rx %u buffers of %u bytes, tx ring %u\n", vd->name, vn->nd.name,
	       vn->nd.link_up ? "up" : "down", vn->nd.mtu, yes_no(vn->mrg_rxbuf),
	       yes_no(k_virtio_has(vd, VNET_F_CSUM)), yes_no(vn->guest_csum),
	       yes_no(k_virtio_has(vd, K_VIRTIO_F_INDIRECT_DESC)), vn->rx_nbufs,
	       vn->rx_buf_size, k_virtq_size(vn->txq));
	return 0;
}

/* §5.1.4: the status field changed (link up or down). Interrupt context. */
static void vnet_config_changed(struct k_virtio_dev *vd)
{
	struct vnet *vn = vd->priv;
	bool up;

	if (!vn)
		return;
	up = vnet_link_up(vd);
	if (up != vn->nd.link_up)
		k_info("%s: link %s\n", vn->nd.name, up ? "up" : "down");
	vn->nd.link_up = up;
}

static struct k_virtio_driver vnet_driver = {
	.name = "virtio-net",
	.device_type = K_VIRTIO_ID_NET,
	.probe = vnet_probe,
	.config_changed = vnet_config_changed,
};

static int vnet_register(void)
{
	return k_virtio_driver_register(&vnet_driver);
}
K_INIT(vnet_register, K_INIT_BUS, 50);
