// SPDX-License-Identifier: BSD-3-Clause
/*
 * Memory (lwIP's is the Keel heap): the heap in use after the other tests is back
 * where it was, and a frame sent last is freed without another send.
 */
#include <stdio.h>
#include <string.h>
#include <keel/netdev.h>
#include <keel/thread.h>
#include <keel/time.h>
#include "lwip/api.h"
#include "lwiptest.h"

/*
 * What is left once everything settled is a few dozen bytes. A sent frame is a heap
 * block of about 1.6 KiB, so frames a driver keeps after the device is done with them
 * (virtio-net did, until its next send: up to the last window of a connection, 30 to
 * 70 KiB depending on timing) show here; so would a connection's pcb or queues.
 */
#define MEM_SLACK	(4 * 1024)
#define MEM_SETTLE_NS	(5 * K_NSEC_PER_SEC)

#define SENT_BYTES	1400		/* one datagram, one frame */
#define SENT_SLACK	512		/* well under the frame's buffer */
#define SENT_WAIT_NS	(2 * K_NSEC_PER_SEC)
#define SENT_TRIES	5
#define DISCARD_PORT	9

static long heap_diff(size_t since)
{
	struct k_alloc_stats st;

	k_alloc_stats(&st);
	return (long)st.heap_in_use - (long)since;
}

/* Sleep until the heap is within slack bytes of since, or the deadline; the difference. */
static long heap_wait(size_t since, long slack, uint64_t wait_ns)
{
	uint64_t deadline = k_time_ns() + wait_ns;
	long diff;

	do {
		k_sleep_ns(50 * K_NSEC_PER_MSEC);
		diff = heap_diff(since);
	} while (diff >= slack && k_time_ns() < deadline);
	return diff;
}

/* The heap in use once it stays the same for 200 ms (1 s at most). */
static size_t heap_steady(void)
{
	struct k_alloc_stats st;
	size_t last = 0;

	for (int same = 0, i = 0; same < 4 && i < 20; i++) {
		k_sleep_ns(50 * K_NSEC_PER_MSEC);
		k_alloc_stats(&st);
		same = st.heap_in_use == last ? same + 1 : 0;
		last = st.heap_in_use;
	}
	return last;
}

/*
 * One datagram to the host's discard port from eth0: its frame is still the device's
 * when the driver takes it, so unless the driver frees what the device has sent
 * without waiting for its next send, its buffer stays. *frames: how many eth0 sent
 * meanwhile (any other lets such a driver free it too). The heap's difference after.
 */
static long send_one(struct k_netdev *nd, err_t *err, uint64_t *frames)
{
	size_t start = heap_steady();
	uint64_t sent = nd->stats.tx_packets;
	struct netconn *c = netconn_new(NETCONN_UDP);
	struct netbuf *b = netbuf_new();
	ip_addr_t host;
	void *data;
	long diff;

	*err = ERR_MEM;
	IP_ADDR4(&host, 10, 0, 2, 2);
	if (c && b && (data = netbuf_alloc(b, SENT_BYTES)) != NULL) {
		memset(data, 0x5a, SENT_BYTES);
		*err = netconn_sendto(c, b, &host, DISCARD_PORT);
	}
	netbuf_delete(b);
	if (c)
		netconn_delete(c);
	diff = heap_wait(start, SENT_SLACK, SENT_WAIT_NS);
	*frames = nd->stats.tx_packets - sent;
	return diff;
}

/*
 * The stack sends frames of its own now and then (IPv6 solicitations and reports after
 * boot, ARP): a try that saw other frames go out proves nothing, and is done again.
 */
static void test_sent_freed(void)
{
	struct k_netdev *nd = k_netdev_find("eth0");
	uint64_t frames = 0;
	err_t err = ERR_IF;
	long diff = 0;

	for (int i = 0; nd && i < SENT_TRIES; i++) {
		diff = send_one(nd, &err, &frames);
		if (err != ERR_OK || frames == 1)
			break;
	}
	check("sent-freed", err == ERR_OK && frames == 1 && diff < SENT_SLACK,
	      "%u bytes to 10.0.2.2:%u, heap in use %+ld bytes after, %llu frames sent, "
	      "err %d", SENT_BYTES, DISCARD_PORT, diff, (unsigned long long)frames, err);
}

void test_mem(const struct k_alloc_stats *before)
{
	/*
	 * A connection closed last still sends what it had queued, and keeps it until the
	 * peer acknowledges it: wait for that, a few seconds at most.
	 */
	long diff = heap_wait(before->heap_in_use, MEM_SLACK, MEM_SETTLE_NS);

	check("mem", diff < MEM_SLACK, "heap in use %zu before, %zu after, %+ld bytes",
	      before->heap_in_use, before->heap_in_use + (size_t)diff, diff);
	test_sent_freed();
}
