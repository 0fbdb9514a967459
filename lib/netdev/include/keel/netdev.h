/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Network interfaces. A driver registers a struct k_netdev; a network stack (or a test)
 * sends and receives Ethernet frames in bursts of packet buffers. Receiving is by
 * polling rx_burst; the driver calls the owner's rx_ready hook, in interrupt context,
 * when frames are waiting, after which it raises no further hook for that queue until
 * rx_burst has returned fewer frames than asked (the queue is drained).
 */
#ifndef KEEL_NETDEV_H
#define KEEL_NETDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/list.h>

#define K_NETDEV_ETH_ALEN	6
#define K_NETDEV_ETH_HLEN	14

/* A packet buffer: data points into storage that follows the header. */
struct k_netbuf {
	struct k_netbuf *next;		/* for the owner's lists */
	uint8_t *data;
	uint32_t len;			/* bytes at data */
	uint32_t size;			/* bytes of storage after the header */
	uint32_t flags;			/* K_NETBUF_* */
	uint16_t csum_start;		/* K_NETBUF_CSUM_PARTIAL: from data */
	uint16_t csum_offset;		/* where the checksum goes, from csum_start */
	uint8_t storage[];
};

#define K_NETBUF_CSUM_PARTIAL	0x1	/* tx: the device fills in the checksum */
#define K_NETBUF_CSUM_VALID	0x2	/* rx: the device checked the checksum */
#define K_NETBUF_HEADROOM	64	/* reserved before data by k_netbuf_alloc */

/* A buffer with room for size bytes after K_NETBUF_HEADROOM; NULL when out of memory. */
struct k_netbuf *k_netbuf_alloc(uint32_t size);
void k_netbuf_free(struct k_netbuf *nb);

#define K_NETDEV_F_TX_CSUM	0x1	/* honours K_NETBUF_CSUM_PARTIAL */
#define K_NETDEV_F_RX_CSUM	0x2	/* sets K_NETBUF_CSUM_VALID */

struct k_netdev_stats {
	uint64_t rx_packets, rx_bytes, rx_dropped, rx_errors;
	uint64_t tx_packets, tx_bytes, tx_dropped, tx_errors;
};

struct k_netdev;

struct k_netdev_ops {
	/* Queue up to n frames on tx queue q; returns how many it took (it owns them). */
	unsigned int (*tx_burst)(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
				 unsigned int n);
	/* Up to n received frames from rx queue q; the caller owns them. */
	unsigned int (*rx_burst)(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
				 unsigned int n);
};

struct k_netdev {
	char name[16];			/* "eth0"... assigned by k_netdev_register */
	uint8_t mac[K_NETDEV_ETH_ALEN];
	uint16_t mtu;			/* payload bytes, 1500 unless the device says */
	bool link_up;
	uint32_t features;		/* K_NETDEV_F_* */
	unsigned int nr_queues;		/* rx/tx queue pairs */
	const struct k_netdev_ops *ops;
	void *priv;
	struct k_netdev_stats stats;
	/* Set by the owner (the stack): called in interrupt context when rx queue q has frames. */
	void (*rx_ready)(struct k_netdev *nd, unsigned int q, void *arg);
	void *rx_ready_arg;
	struct k_list node;
};

int k_netdev_register(struct k_netdev *nd);
unsigned int k_netdev_count(void);
struct k_netdev *k_netdev_get(unsigned int n);
struct k_netdev *k_netdev_find(const char *name);

/* Wrappers that check q and count in nd->stats. */
unsigned int k_netdev_tx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			       unsigned int n);
unsigned int k_netdev_rx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			       unsigned int n);
/* Drivers: call the owner's rx_ready hook. */
void k_netdev_rx_notify(struct k_netdev *nd, unsigned int q);

#endif /* KEEL_NETDEV_H */
