/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Network interfaces. A driver registers a struct k_netdev; a network stack (or a test)
 * sends and receives Ethernet frames in bursts of packet buffers. Receiving is by
 * polling rx_burst; the driver calls the owner's rx_ready hook, in interrupt context,
 * when frames are waiting, after which it raises no further hook for that queue until
 * rx_burst has returned fewer frames than asked (the queue is drained). The hook starts
 * armed, so an owner that sets it after frames may have arrived calls rx_burst until
 * it returns fewer than asked before waiting for the hook.
 *
 *	nd->rx_ready = my_hook;			(k_sem_post from there, say)
 *	while (k_netdev_rx_burst(nd, 0, bufs, 8) == 8) ...	(drain: arms the hook)
 *	k_netdev_tx_burst(nd, 0, &nb, 1);	(nb is the driver's now)
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

/*
 * A buffer with room for size bytes after K_NETBUF_HEADROOM (len 0, flags 0, data at
 * storage + K_NETBUF_HEADROOM); NULL when out of memory. Any context, interrupt
 * handlers included (k_malloc). k_netbuf_free(NULL) does nothing.
 */
struct k_netbuf *k_netbuf_alloc(uint32_t size);
void k_netbuf_free(struct k_netbuf *nb);

/*
 * Do what a device does for K_NETBUF_CSUM_PARTIAL: store the Internet checksum (RFC
 * 1071) of data[csum_start..len), whose checksum field already holds the pseudo-header
 * sum, at csum_start + csum_offset, and clear the flag. -EINVAL when the offsets do not
 * fit in len.
 */
int k_netbuf_csum_complete(struct k_netbuf *nb);
/* The folded 16-bit one's complement sum of len bytes (not complemented), from sum. */
uint16_t k_netbuf_csum_add(uint32_t sum, const void *buf, uint32_t len);

#define K_NETDEV_F_TX_CSUM	0x1	/* the device fills in K_NETBUF_CSUM_PARTIAL */
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

/*
 * Drivers: name the interface (eth0, eth1... in registration order), default mtu to
 * 1500 and nr_queues to 1 when 0, make it findable and log it. 0, or -EINVAL (no ops).
 */
int k_netdev_register(struct k_netdev *nd);
/* Registered interfaces; k_netdev_get(n) is NULL past the end. */
unsigned int k_netdev_count(void);
struct k_netdev *k_netdev_get(unsigned int n);
struct k_netdev *k_netdev_find(const char *name);

/*
 * Wrappers that check q and count in nd->stats; for threads. tx_burst takes frames in
 * order and returns how many it took (all are then the driver's or freed). A frame
 * shorter than K_NETDEV_ETH_HLEN, longer than mtu + K_NETDEV_ETH_HLEN + 4 (one VLAN
 * tag), or with checksum offsets beyond its length is taken, freed and counted in
 * tx_errors (logged once per device). K_NETBUF_CSUM_PARTIAL is always honoured: on a
 * device without K_NETDEV_F_TX_CSUM the wrapper computes the checksum itself.
 * tx_packets/tx_bytes count the frames the driver took, rx_packets/rx_bytes those
 * rx_burst returned; drivers count rx_errors, rx_dropped and tx_dropped. A driver frees
 * the frames it took once the device is done with them, without waiting for another
 * tx_burst: an interface that stops sending must not keep its last frames.
 */
unsigned int k_netdev_tx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			       unsigned int n);
unsigned int k_netdev_rx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			       unsigned int n);
/* Drivers: call the owner's rx_ready hook (if set). */
void k_netdev_rx_notify(struct k_netdev *nd, unsigned int q);
/* Drivers: add to a counter of nd->stats, safely against the wrappers' updates. */
static inline void k_netdev_stat_add(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

#endif /* KEEL_NETDEV_H */
