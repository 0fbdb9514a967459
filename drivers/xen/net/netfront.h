/* SPDX-License-Identifier: BSD-3-Clause */
/* netfront internals: the shared rings (io/ring.h, io/netif.h) and the device. */
#ifndef DRIVERS_XEN_NETFRONT_H
#define DRIVERS_XEN_NETFRONT_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/netdev.h>
#include <keel/spinlock.h>
#include <keel/xen/xenbus.h>

#define NF_RING_SIZE	256	/* entries in a one-page ring of either kind */
#define NF_TX_BUFS	64	/* frames in flight (ids 0..63), one granted page each */
#define NF_RX_BUFS	64

/* io/netif.h */
struct nf_tx_request {
	uint32_t gref;
	uint16_t offset;
	uint16_t flags;
	uint16_t id;
	uint16_t size;
};

struct nf_tx_response {
	uint16_t id;
	int16_t status;
};

struct nf_rx_request {
	uint16_t id;
	uint16_t pad;
	uint32_t gref;
};

struct nf_rx_response {
	uint16_t id;
	uint16_t offset;
	uint16_t flags;
	int16_t status;			/* bytes received, or a NETIF_RSP_* error */
};

#define NF_RSP_OKAY		0
#define NF_RSP_NULL		1
#define NF_RXF_DATA_VALIDATED	(1u << 0)
#define NF_RXF_MORE_DATA	(1u << 2)
#define NF_RXF_EXTRA_INFO	(1u << 3)

/* io/ring.h: the shared ring's header, then the entries. */
struct nf_sring_hdr {
	uint32_t req_prod, req_event;
	uint32_t rsp_prod, rsp_event;
	uint8_t pvt[4];
	uint8_t pad[44];
};

struct nf_tx_sring {
	struct nf_sring_hdr h;
	union {
		struct nf_tx_request req;
		struct nf_tx_response rsp;
	} ring[NF_RING_SIZE];
};

struct nf_rx_sring {
	struct nf_sring_hdr h;
	union {
		struct nf_rx_request req;
		struct nf_rx_response rsp;
	} ring[NF_RING_SIZE];
};

_Static_assert(sizeof(struct nf_tx_sring) <= 4096, "tx ring fits a page");
_Static_assert(sizeof(struct nf_rx_sring) <= 4096, "rx ring fits a page");

struct nf_buf {
	uint8_t *page;
	int gref;
	bool busy;			/* tx: in flight; rx: posted */
};

struct netfront {
	struct k_netdev nd;
	struct xenbus_device *dev;
	uint32_t port;
	struct nf_tx_sring *tx;
	struct nf_rx_sring *rx;
	int tx_ref, rx_ref;
	struct k_spinlock tx_lock, rx_lock;
	uint32_t tx_prod, tx_cons;	/* our private request producer, response consumer */
	uint32_t rx_prod, rx_cons;
	struct nf_buf txb[NF_TX_BUFS];
	struct nf_buf rxb[NF_RX_BUFS];
	uint16_t tx_free[NF_TX_BUFS];
	unsigned int tx_nfree;
	bool rx_armed;			/* the owner waits for rx_ready */
	bool rx_dropping;		/* inside a multi-slot frame we did not ask for */
	bool broken;			/* the back-end broke the ring protocol */
};

extern const struct k_netdev_ops netfront_ops;
int netfront_irq(void *arg);
/* Post every receive buffer (at setup). */
void netfront_rx_fill(struct netfront *nf);
/* Give up on the device: log why once, stop using the rings. */
void netfront_broken(struct netfront *nf, const char *why);

#endif /* DRIVERS_XEN_NETFRONT_H */
