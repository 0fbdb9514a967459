// SPDX-License-Identifier: BSD-3-Clause
/*
 * net: exercises every network interface against QEMU user networking (slirp), for
 * tests/suites/63-net.sh. For each interface, in turn:
 *   arp       a broadcast ARP request for the gateway 10.0.2.2 from 10.0.2.15; the
 *             reply (waited for through the rx_ready hook) comes from 10.0.2.2, to our
 *             MAC, saying 52:55:0a:00:02:02;
 *   arp-burst ARP_BURST more requests in one tx_burst, and as many replies;
 *   ping      ICMP echo to the gateway with the checksum computed here, then left
 *             partial (K_NETBUF_CSUM_PARTIAL: the device fills it in when it offers
 *             CSUM, else lib/netdev does), then one of 1442 bytes (or the MTU) left partial, all
 *             answered with the same payload; one with a wrong checksum is not (slirp
 *             checks it, so the partial ones prove it was filled in);
 *   malformed a 10-byte frame and one a byte over the MTU are taken, freed and
 *             counted as tx errors;
 *   counters  the interface's counters equal what the app sent and received; the
 *             hook was raised.
 * "pps" as an argument also times tx of 64-byte frames (60 bytes + FCS) on eth0;
 * "spans" checks that the receive queue used more buffers than frames came (for
 * small mergeable buffers: virtio_net.rx_buf=64).
 * "nics=N" fails unless exactly N interfaces exist. Ends with "net: N interfaces,
 * F failures" and exits with F.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <keel/time.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "nettest.h"

#define ARP_BURST	10
#define WAIT_NS		(3 * K_NSEC_PER_SEC)
#define SILENCE_NS	(300 * K_NSEC_PER_MSEC)
#define PPS_NS		(1 * K_NSEC_PER_SEC)
#define PPS_BATCH	32

static int failures;

static void check(const struct nic *n, const char *name, bool ok, const char *detail)
{
	printf("net: %s: %s: %s%s%s%s\n", n->nd->name, name, ok ? "ok" : "FAIL",
	       detail[0] ? " (" : "", detail, detail[0] ? ")" : "");
	if (!ok)
		failures++;
}

static void rx_hook(struct k_netdev *nd, unsigned int q, void *arg)
{
	struct nic *n = arg;

	(void)nd;
	(void)q;
	n->hooks++;
	k_sem_post(&n->ready);
}

bool nic_send(struct nic *n, struct k_netbuf *nb)
{
	uint32_t len;

	if (!nb)
		return false;
	len = nb->len;
	if (k_netdev_tx_burst(n->nd, 0, &nb, 1) != 1) {
		k_netbuf_free(nb);
		return false;
	}
	n->tx_packets++;
	n->tx_bytes += len;
	return true;
}

/* Take everything waiting now onto the pending list; true when something came. */
static bool nic_drain(struct nic *n)
{
	struct k_netbuf *bufs[8];
	unsigned int got, total = 0;

	do {
		got = k_netdev_rx_burst(n->nd, 0, bufs, 8);
		for (unsigned int i = 0; i < got; i++) {
			n->rx_packets++;
			n->rx_bytes += bufs[i]->len;
			bufs[i]->next = NULL;
			*n->pending_tail = bufs[i];
			n->pending_tail = &bufs[i]->next;
		}
		total += got;
	} while (got == 8);
	return total > 0;
}

/* The first pending frame match() accepts; the ones before it are freed. */
static struct k_netbuf *nic_take(struct nic *n, bool (*match)(struct nic *,
				 const struct k_netbuf *, void *), void *arg)
{
	while (n->pending) {
		struct k_netbuf *nb = n->pending;

		n->pending = nb->next;
		if (!n->pending)
			n->pending_tail = &n->pending;
		if (match && match(n, nb, arg))
			return nb;
		k_netbuf_free(nb);
	}
	return NULL;
}

struct k_netbuf *nic_wait(struct nic *n, bool (*match)(struct nic *, const struct k_netbuf *,
						       void *), void *arg, uint64_t timeout_ns)
{
	uint64_t deadline = k_time_ns() + timeout_ns;
	struct k_netbuf *found;

	for (;;) {
		/* Drain before sleeping: the hook is raised again only once drained. */
		nic_drain(n);
		found = nic_take(n, match, arg);
		if (found)
			return found;
		if (k_sem_wait_until(&n->ready, deadline))
			return NULL;
	}
}

static bool match_arp(struct nic *n, const struct k_netbuf *nb, void *arg)
{
	(void)arg;
	return is_arp_reply(n, nb, GATEWAY_IP);
}

struct echo {
	uint16_t id, seq;
	uint32_t payload;
};

static bool match_echo(struct nic *n, const struct k_netbuf *nb, void *arg)
{
	struct echo *e = arg;

	return is_icmp_reply(n, nb, GATEWAY_IP, e->id, e->seq, e->payload);
}

static void test_arp(struct nic *n)
{
	uint64_t t0 = k_time_ns();
	struct k_netbuf *reply;
	char detail[96];
	const uint8_t *sha;

	if (!nic_send(n, arp_request(n, GATEWAY_IP))) {
		check(n, "arp", false, "tx_burst did not take the request");
		return;
	}
	reply = nic_wait(n, match_arp, NULL, WAIT_NS);
	if (!reply) {
		check(n, "arp", false, "no reply from 10.0.2.2");
		return;
	}
	sha = reply->data + 14 + 8;
	memcpy(n->peer, sha, K_NETDEV_ETH_ALEN);
	snprintf(detail, sizeof(detail), "10.0.2.2 is at %02x:%02x:%02x:%02x:%02x:%02x, %u ms",
		 sha[0], sha[1], sha[2], sha[3], sha[4], sha[5],
		 (unsigned int)((k_time_ns() - t0) / K_NSEC_PER_MSEC));
	check(n, "arp", memcmp(sha, gateway_mac, K_NETDEV_ETH_ALEN) == 0, detail);
	k_netbuf_free(reply);
}

static void test_arp_burst(struct nic *n)
{
	struct k_netbuf *bufs[ARP_BURST];
	unsigned int sent, replies = 0;
	char detail[64];

	for (unsigned int i = 0; i < ARP_BURST; i++)
		bufs[i] = arp_request(n, GATEWAY_IP);
	sent = k_netdev_tx_burst(n->nd, 0, bufs, ARP_BURST);
	for (unsigned int i = 0; i < sent; i++) {
		n->tx_packets++;
		n->tx_bytes += 60;
	}
	for (unsigned int i = sent; i < ARP_BURST; i++)
		k_netbuf_free(bufs[i]);
	while (replies < sent) {
		struct k_netbuf *r = nic_wait(n, match_arp, NULL, WAIT_NS);

		if (!r)
			break;
		k_netbuf_free(r);
		replies++;
	}
	snprintf(detail, sizeof(detail), "%u sent in one burst, %u replies", sent, replies);
	check(n, "arp-burst", sent == ARP_BURST && replies == ARP_BURST, detail);
}

/* One echo request; true when the reply came (or, for expect_reply false, did not). */
static void ping(struct nic *n, const char *name, int how, uint16_t seq, uint32_t payload,
		 bool expect_reply)
{
	struct echo e = { 0x4b65, seq, payload };
	struct k_netbuf *reply;
	char detail[96];

	if (!nic_send(n, icmp_echo(n, GATEWAY_IP, e.id, e.seq, how, payload))) {
		check(n, name, false, "tx_burst did not take the request");
		return;
	}
	reply = nic_wait(n, match_echo, &e, expect_reply ? WAIT_NS : SILENCE_NS);
	if (how == 1)
		snprintf(detail, sizeof(detail), "%u bytes, checksum filled in by %s, reply %s",
			 14 + 28 + payload, n->nd->features & K_NETDEV_F_TX_CSUM ? "the device" :
			 "lib/netdev (the device has no CSUM)", reply ? "came" : "missing");
	else
		snprintf(detail, sizeof(detail), "%u bytes, reply %s%s",
			 14 + 28 + payload, reply ? "came" : "missing",
			 reply && (reply->flags & K_NETBUF_CSUM_VALID) ?
			 ", checksum validated by the device" : "");
	check(n, name, !reply == !expect_reply, detail);
	k_netbuf_free(reply);
}

/* A runt and a frame one byte over mtu + header + VLAN tag: taken, freed, tx_errors. */
static void test_malformed(struct nic *n)
{
	uint32_t lens[2] = { 10, n->nd->mtu + K_NETDEV_ETH_HLEN + 4 + 1 };
	uint64_t errors = n->nd->stats.tx_errors, packets = n->nd->stats.tx_packets;
	struct k_netbuf *bufs[2];
	unsigned int took;
	char detail[64];

	for (unsigned int i = 0; i < 2; i++) {
		bufs[i] = k_netbuf_alloc(lens[i]);
		bufs[i]->len = lens[i];
		memset(bufs[i]->data, 0xff, lens[i]);
	}
	took = k_netdev_tx_burst(n->nd, 0, bufs, 2);
	snprintf(detail, sizeof(detail), "%u and %u bytes: taken, tx_errors +2", lens[0], lens[1]);
	check(n, "malformed", took == 2 && n->nd->stats.tx_errors == errors + 2 &&
	      n->nd->stats.tx_packets == packets, detail);
}

static void test_counters(struct nic *n)
{
	const struct k_netdev_stats *s = &n->nd->stats;
	char detail[160];
	bool ok;

	/* Anything still waiting (slirp's IPv6 router adverts...) counts too. */
	nic_wait(n, NULL, NULL, 0);
	snprintf(detail, sizeof(detail),
		 "tx %llu/%llu frames %llu/%llu bytes, rx %llu/%llu frames %llu/%llu bytes, "
		 "rx_errors %llu, %u hooks",
		 (unsigned long long)s->tx_packets, (unsigned long long)n->tx_packets,
		 (unsigned long long)s->tx_bytes, (unsigned long long)n->tx_bytes,
		 (unsigned long long)s->rx_packets, (unsigned long long)n->rx_packets,
		 (unsigned long long)s->rx_bytes, (unsigned long long)n->rx_bytes,
		 (unsigned long long)s->rx_errors, n->hooks);
	ok = s->tx_packets == n->tx_packets && s->tx_bytes == n->tx_bytes &&
	     s->rx_packets == n->rx_packets && s->rx_bytes == n->rx_bytes &&
	     s->rx_errors == 0 && s->rx_dropped == 0 && s->tx_errors == 2 && n->hooks > 0 &&
	     n->tx_packets == 1 + ARP_BURST + 4 && n->rx_packets >= 1 + ARP_BURST + 3;
	check(n, "counters", ok, detail);
}

/* The receive queue of the index-th virtio-net device (probe order = eth order). */
static const struct k_virtq_stats *rxq_stats(unsigned int index)
{
	for (unsigned int i = 0, seen = 0; i < k_virtio_count(); i++) {
		struct k_virtio_dev *vd = k_virtio_get(i);
		struct k_virtq *vq;

		if (vd->device_type != K_VIRTIO_ID_NET || !vd->priv || seen++ != index)
			continue;
		vq = k_virtio_queue(vd, 0);
		return vq ? k_virtq_stats(vq) : NULL;
	}
	return NULL;
}

/* With small mergeable buffers, frames span several: more buffers than frames. */
static void test_spans(struct nic *n, unsigned int index)
{
	const struct k_virtq_stats *st = rxq_stats(index);
	char detail[96];

	if (!st) {
		check(n, "spans", false, "no virtio-net receive queue found");
		return;
	}
	snprintf(detail, sizeof(detail), "%llu receive buffers used for %llu frames",
		 (unsigned long long)st->used, (unsigned long long)n->rx_packets);
	check(n, "spans", st->used > n->rx_packets, detail);
}

static void test_pps(struct nic *n)
{
	uint64_t t0 = k_time_ns(), t, sent = 0;
	char detail[96];

	do {
		struct k_netbuf *bufs[PPS_BATCH];
		unsigned int took;

		for (unsigned int i = 0; i < PPS_BATCH; i++)
			bufs[i] = filler_frame(n, 60);
		took = k_netdev_tx_burst(n->nd, 0, bufs, PPS_BATCH);
		for (unsigned int i = took; i < PPS_BATCH; i++)
			k_netbuf_free(bufs[i]);
		sent += took;
		t = k_time_ns();
	} while (t - t0 < PPS_NS);
	snprintf(detail, sizeof(detail), "%llu 64-byte frames in %llu ms: %llu frames/s",
		 (unsigned long long)sent, (unsigned long long)((t - t0) / K_NSEC_PER_MSEC),
		 (unsigned long long)(sent * K_NSEC_PER_SEC / (t - t0)));
	check(n, "tx-pps", sent > 0, detail);
}

static void test_nic(struct nic *n, bool pps, bool spans, unsigned int index)
{
	k_sem_init(&n->ready, 0);
	n->pending_tail = &n->pending;
	n->nd->rx_ready_arg = n;
	n->nd->rx_ready = rx_hook;
	printf("net: %s: mac %02x:%02x:%02x:%02x:%02x:%02x, mtu %u, link %s, tx csum %s, "
	       "rx csum %s\n", n->nd->name, n->nd->mac[0], n->nd->mac[1], n->nd->mac[2],
	       n->nd->mac[3], n->nd->mac[4], n->nd->mac[5], n->nd->mtu,
	       n->nd->link_up ? "up" : "down",
	       n->nd->features & K_NETDEV_F_TX_CSUM ? "offload" : "software",
	       n->nd->features & K_NETDEV_F_RX_CSUM ? "offload" : "software");
	test_arp(n);
	test_arp_burst(n);
	ping(n, "ping", 0, 1, 56, true);
	ping(n, "ping-partial", 1, 2, 56, true);
	ping(n, "ping-large", 1, 3, K_MIN(1400u, n->nd->mtu - 28u), true);
	ping(n, "ping-bad-checksum", 2, 4, 56, false);
	test_malformed(n);
	test_counters(n);
	if (spans)
		test_spans(n, index);
	if (pps)
		test_pps(n);
}

int main(int argc, char **argv)
{
	unsigned int count = k_netdev_count();
	int want = -1;
	bool pps = false, spans = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "pps") == 0)
			pps = true;
		else if (strcmp(argv[i], "spans") == 0)
			spans = true;
		else if (strncmp(argv[i], "nics=", 5) == 0)
			want = atoi(argv[i] + 5);
	}
	if (want >= 0 && count != (unsigned int)want) {
		printf("net: %u interfaces, expected %d: FAIL\n", count, want);
		failures++;
	}
	for (unsigned int i = 0; i < count; i++) {
		struct nic *n = calloc(1, sizeof(*n));

		n->nd = k_netdev_get(i);
		test_nic(n, pps && i == 0, spans, i);
	}
	printf("net: %u interfaces, %d failures\n", count, failures);
	return failures;
}
