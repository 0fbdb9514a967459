/* SPDX-License-Identifier: BSD-3-Clause */
/* virtio-net (virtio v1.2 §5.1): definitions shared by the driver's files. */
#ifndef VNET_H
#define VNET_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/compiler.h>
#include <keel/netdev.h>
#include <keel/spinlock.h>

/* Feature bits (§5.1.3); ANY_LAYOUT is the legacy interface's (§5.1.6.6 legacy). */
#define VNET_F_CSUM		0	/* the device completes partial checksums on tx */
#define VNET_F_GUEST_CSUM	1	/* the driver accepts partial/validated checksums on rx */
#define VNET_F_MTU		3	/* config mtu is valid */
#define VNET_F_MAC		5	/* config mac is valid */
#define VNET_F_MRG_RXBUF	15	/* a received frame may span several buffers */
#define VNET_F_STATUS		16	/* config status is valid */
#define VNET_F_ANY_LAYOUT	27

/* Device configuration layout (§5.1.4). */
#define VNET_CFG_MAC		0	/* u8[6] */
#define VNET_CFG_STATUS		6	/* le16 */
#define VNET_CFG_MTU		10	/* le16 */
#define VNET_S_LINK_UP		1

/* Queues (§5.1.2): receiveq1 and transmitq1; no multiqueue, no control queue. */
#define VNET_RXQ		0
#define VNET_TXQ		1

/* struct virtio_net_hdr (§5.1.6). num_buffers exists with VERSION_1 or MRG_RXBUF. */
struct vnet_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;
} __k_packed;

#define VNET_HDR_F_NEEDS_CSUM	1	/* csum_start/csum_offset say what to fill in */
#define VNET_HDR_F_DATA_VALID	2	/* rx: the device checked the checksum */
#define VNET_HDR_GSO_NONE	0
#define VNET_HDR_LEN		sizeof(struct vnet_hdr)	/* 12 */
#define VNET_HDR_LEN_LEGACY	10	/* legacy without MRG_RXBUF: no num_buffers */

#define VNET_RX_BUF_SIZE	2048	/* receive buffer (a chunk of a page) */
#define VNET_MTU_MAX		9000	/* larger device MTUs are clamped to this */
#define VNET_FRAME_MAX		65535	/* no frame spans more buffers than this needs */

struct k_virtio_dev;
struct k_virtq;

struct vnet_tx_slot {
	struct vnet_hdr hdr;		/* the frame's header, device-readable */
	struct k_netbuf *nb;
	struct vnet_tx_slot *next;	/* free list */
};

struct vnet {
	struct k_netdev nd;
	struct k_virtio_dev *vd;
	unsigned int hdr_len;		/* VNET_HDR_LEN or VNET_HDR_LEN_LEGACY */
	bool mrg_rxbuf;
	bool guest_csum;
	bool split_hdr;			/* legacy without ANY_LAYOUT: header in its own buffer */

	struct k_spinlock rx_lock;
	struct k_virtq *rxq;
	uint8_t *rx_area;		/* rx_nbufs buffers of rx_buf_size bytes */
	size_t rx_pages;
	unsigned int rx_buf_size, rx_nbufs, rx_max_bufs;
	bool rx_armed;			/* the next rx interrupt raises the owner's hook */
	bool rx_logged;			/* a bad frame was reported */
	bool rx_refill;			/* buffers were given back: kick */

	struct k_spinlock tx_lock;
	struct k_virtq *txq;
	struct vnet_tx_slot *tx_slots, *tx_free;
	unsigned int tx_inflight;	/* frames the device has not returned */
	bool tx_logged;
};

/* rx.c */
int vnet_rx_init(struct vnet *vn);
void vnet_rx_start(struct vnet *vn);
void vnet_rx_free(struct vnet *vn);
void vnet_rx_done(struct k_virtq *vq, void *arg);
unsigned int vnet_rx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			   unsigned int n);
/* tx.c */
int vnet_tx_init(struct vnet *vn);
void vnet_tx_free(struct vnet *vn);
void vnet_tx_done(struct k_virtq *vq, void *arg);
unsigned int vnet_tx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			   unsigned int n);

#endif /* VNET_H */
