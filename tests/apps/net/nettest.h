/* SPDX-License-Identifier: BSD-3-Clause */
/* net test app: shared by its files. */
#ifndef NETTEST_H
#define NETTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/netdev.h>
#include <keel/sync.h>

/* QEMU user networking (slirp): the guest is 10.0.2.15, the gateway 10.0.2.2. */
#define GUEST_IP	0x0a00020fu
#define GATEWAY_IP	0x0a000202u
extern const uint8_t gateway_mac[K_NETDEV_ETH_ALEN];

/* One interface under test, with what the app itself sent and received. */
struct nic {
	struct k_netdev *nd;
	struct k_sem ready;		/* posted by the rx_ready hook */
	unsigned int hooks;		/* hook calls */
	uint64_t tx_packets, tx_bytes, rx_packets, rx_bytes;
	uint8_t peer[K_NETDEV_ETH_ALEN];	/* the gateway's MAC, from ARP */
	struct k_netbuf *pending, **pending_tail;	/* received, not yet looked at */
};

/* frames.c: build frames and recognise replies. */
struct k_netbuf *arp_request(const struct nic *n, uint32_t target);
bool is_arp_reply(const struct nic *n, const struct k_netbuf *nb, uint32_t from);
/* csum: 0 computed here, 1 left to the device (K_NETBUF_CSUM_PARTIAL), 2 wrong. */
struct k_netbuf *icmp_echo(const struct nic *n, uint32_t dst, uint16_t id, uint16_t seq,
			   int csum, uint32_t payload);
bool is_icmp_reply(const struct nic *n, const struct k_netbuf *nb, uint32_t from,
		   uint16_t id, uint16_t seq, uint32_t payload);
struct k_netbuf *filler_frame(const struct nic *n, uint32_t len);

/* main.c: send one frame (counted), wait for a frame match() accepts (others counted
 * and freed). The matching frame, or NULL at the deadline. */
bool nic_send(struct nic *n, struct k_netbuf *nb);
struct k_netbuf *nic_wait(struct nic *n, bool (*match)(struct nic *, const struct k_netbuf *,
						       void *), void *arg, uint64_t timeout_ns);

#endif /* NETTEST_H */
