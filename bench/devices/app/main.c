// SPDX-License-Identifier: BSD-3-Clause
/*
 * The device benchmark in the image, the counterpart of bench/linux/guest.c:
 *   blk [BS...]  read all of vda sequentially, one request of BS bytes at a time (as
 *                the Linux guest does with O_DIRECT), three passes per size;
 *   net          send 64-byte broadcast frames on eth0 for 1 s, one frame per call and
 *                then 32 per call, counted by the driver's tx_packets.
 * Lines: "devices-bench: blk-read BYTES bytes in NS ns (request BS bytes)" and
 * "devices-bench: net-tx PACKETS packets in NS ns (burst N)".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/blkdev.h>
#include <keel/netdev.h>
#include <keel/time.h>

#define BLK_PASSES	3
#define NET_NS		1000000000ull
#define NET_WARMUP_NS	200000000ull
#define FRAME_LEN	64
#define BURST_MAX	32

static int bench_blk_size(struct k_blkdev *bd, uint32_t bs)
{
	uint32_t per = bs / bd->sector_size;
	void *buf = k_memalign(4096, bs);

	if (!buf || !per)
		return 1;
	for (int pass = 0; pass < BLK_PASSES; pass++) {
		uint64_t t0 = k_time_ns(), bytes = 0;

		for (uint64_t s = 0; s + per <= bd->sectors; s += per) {
			if (k_blkdev_read(bd, s, per, buf)) {
				printf("devices-bench: read failed at sector %llu\n",
				       (unsigned long long)s);
				k_free(buf);
				return 1;
			}
			bytes += bs;
		}
		printf("devices-bench: blk-read %llu bytes in %llu ns (request %u bytes)\n",
		       (unsigned long long)bytes, (unsigned long long)(k_time_ns() - t0), bs);
	}
	k_free(buf);
	return 0;
}

static int bench_blk(int argc, char **argv)
{
	struct k_blkdev *bd = k_blkdev_find("vda");
	int rc = 0;

	if (!bd) {
		printf("devices-bench: no disk vda\n");
		return 1;
	}
	if (argc == 0)
		return bench_blk_size(bd, 65536);
	for (int i = 0; i < argc; i++)
		rc |= bench_blk_size(bd, (uint32_t)strtoul(argv[i], NULL, 0));
	return rc;
}

static struct k_netbuf *frame_new(const struct k_netdev *nd)
{
	struct k_netbuf *nb = k_netbuf_alloc(FRAME_LEN);

	if (!nb)
		return NULL;
	memset(nb->data, 0xff, 6);			/* broadcast */
	memcpy(nb->data + 6, nd->mac, 6);
	nb->data[12] = 0x88;				/* an experimental ethertype */
	nb->data[13] = 0xb5;
	memset(nb->data + 14, 0x5a, FRAME_LEN - 14);
	nb->len = FRAME_LEN;
	return nb;
}

/* Send for ns nanoseconds in bursts of burst frames; returns the driver's count. */
static uint64_t net_send_for(struct k_netdev *nd, unsigned int burst, uint64_t ns)
{
	uint64_t start = nd->stats.tx_packets, t0 = k_time_ns();
	struct k_netbuf *bufs[BURST_MAX];

	while (k_time_ns() - t0 < ns) {
		unsigned int n = 0, sent;

		while (n < burst && (bufs[n] = frame_new(nd)) != NULL)
			n++;
		sent = k_netdev_tx_burst(nd, 0, bufs, n);
		for (unsigned int i = sent; i < n; i++)
			k_netbuf_free(bufs[i]);
	}
	return nd->stats.tx_packets - start;
}

static int bench_net(void)
{
	struct k_netdev *nd = k_netdev_find("eth0");
	static const unsigned int bursts[] = { 1, BURST_MAX };

	if (!nd) {
		printf("devices-bench: no interface eth0\n");
		return 1;
	}
	for (unsigned int i = 0; i < 2; i++) {
		uint64_t t0, pkts;

		net_send_for(nd, bursts[i], NET_WARMUP_NS);
		t0 = k_time_ns();
		pkts = net_send_for(nd, bursts[i], NET_NS);
		printf("devices-bench: net-tx %llu packets in %llu ns (burst %u)\n",
		       (unsigned long long)pkts, (unsigned long long)(k_time_ns() - t0),
		       bursts[i]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "blk"))
		return bench_blk(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "net"))
		return bench_net();
	printf("devices-bench: usage: blk [BS...] | net\n");
	return 2;
}
