// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host tests of drivers/virtio/core (virtq.c, virtio.c) against a fake device that
 * reads the rings as a device would and writes malformed used entries: ids out of
 * range, ids not in flight, ids returned twice, lengths beyond the writable bytes, a
 * used index that jumps by more than the ring size, descriptors rewritten into a loop.
 * Checks the counters, that every token comes back exactly once, and (ASan/UBSan)
 * that nothing is read or written out of bounds.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <keel/alloc.h>
#include <keel/fmt.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "virtq_ring.h"
#include "host_test.h"

/* --- Stubs for what the core calls --------------------------------------------------- */

static char log_buf[8192];
static size_t log_len;
static unsigned int log_lines;

void k_printk(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > K_LOG_WARN)		/* count the complaints only */
		return;
	va_start(ap, fmt);
	log_len += (size_t)k_vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, ap);
	va_end(ap);
	if (log_len >= sizeof(log_buf))
		log_len = sizeof(log_buf) - 1;
	log_lines++;
}

void *k_palloc(size_t npages)
{
	return aligned_alloc(4096, npages * 4096);
}

void k_pfree(void *p, size_t npages)
{
	(void)npages;
	free(p);
}

void *k_malloc(size_t size)
{
	return malloc(size);
}

void *k_calloc(size_t n, size_t size)
{
	return calloc(n, size);
}

void k_free(void *p)
{
	free(p);
}

/* --- The fake device and its transport ---------------------------------------------- */

struct fake {
	struct k_virtio_dev vd;
	uint64_t offered;
	uint8_t status;
	bool refuse_features;		/* clears FEATURES_OK */
	unsigned int qmax;
	struct k_virtq *vq;
	unsigned int notifies, irq_setups;
	uint16_t last_avail, used_idx;	/* the device's own indices */
};

static struct fake *to_fake(struct k_virtio_dev *vd)
{
	return k_container_of(vd, struct fake, vd);
}

static uint64_t f_features_get(struct k_virtio_dev *vd) { return to_fake(vd)->offered; }
static void f_features_set(struct k_virtio_dev *vd, uint64_t f) { (void)vd; (void)f; }
static uint8_t f_status_get(struct k_virtio_dev *vd) { return to_fake(vd)->status; }

static void f_status_set(struct k_virtio_dev *vd, uint8_t s)
{
	struct fake *f = to_fake(vd);

	if (f->refuse_features)
		s &= (uint8_t)~K_VIRTIO_STATUS_FEATURES_OK;
	f->status = s;
}

static void f_reset(struct k_virtio_dev *vd) { to_fake(vd)->status = 0; }
static uint32_t f_generation(struct k_virtio_dev *vd) { (void)vd; return 0; }
static unsigned int f_queue_max(struct k_virtio_dev *vd, unsigned int idx)
{
	return idx == 0 ? to_fake(vd)->qmax : 0;
}

static int f_queue_enable(struct k_virtio_dev *vd, struct k_virtq *vq)
{
	to_fake(vd)->vq = vq;
	return 0;
}

static void f_queue_notify(struct k_virtio_dev *vd, struct k_virtq *vq)
{
	(void)vq;
	to_fake(vd)->notifies++;
}

static int f_irq_setup(struct k_virtio_dev *vd)
{
	to_fake(vd)->irq_setups++;
	return 0;
}

static const struct k_virtio_transport fake_transport = {
	.name = "fake", .features_get = f_features_get, .features_set = f_features_set,
	.status_get = f_status_get, .status_set = f_status_set, .reset = f_reset,
	.config_generation = f_generation, .queue_max = f_queue_max,
	.queue_enable = f_queue_enable, .queue_notify = f_queue_notify,
	.irq_setup = f_irq_setup,
};

/* Rings as the device sees them, from the addresses the transport would program. */
static struct virtq_desc *ring_desc(struct fake *f)
{
	return (void *)(uintptr_t)k_virtq_desc_addr(f->vq);
}

static struct virtq_avail *ring_avail(struct fake *f)
{
	return (void *)(uintptr_t)k_virtq_avail_addr(f->vq);
}

static struct virtq_used *ring_used(struct fake *f)
{
	return (void *)(uintptr_t)k_virtq_used_addr(f->vq);
}

/* Next head the driver made available, or -1. */
static int dev_pop(struct fake *f)
{
	struct virtq_avail *a = ring_avail(f);
	unsigned int size = k_virtq_size(f->vq);

	if (a->idx == f->last_avail)
		return -1;
	return a->ring[f->last_avail++ % size];
}

static void dev_push(struct fake *f, uint32_t id, uint32_t len)
{
	struct virtq_used *u = ring_used(f);

	u->ring[f->used_idx % k_virtq_size(f->vq)] = (struct virtq_used_elem){ id, len };
	u->idx = ++f->used_idx;
}

static uint64_t features_all = K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1) |
			       K_VIRTIO_BIT(K_VIRTIO_F_INDIRECT_DESC) |
			       K_VIRTIO_BIT(K_VIRTIO_F_EVENT_IDX);

static struct fake dev;
static int probe_rc;
static unsigned int callbacks;

static void cb(struct k_virtq *vq, void *arg)
{
	(void)vq;
	(void)arg;
	callbacks++;
}

static int test_probe(struct k_virtio_dev *vd)
{
	int rc = k_virtio_negotiate(vd, 0);

	if (!rc)
		rc = k_virtq_create(vd, 0, 0, cb, NULL, &to_fake(vd)->vq);
	if (!rc)
		rc = k_virtio_driver_ok(vd);
	return rc ? rc : probe_rc;
}

static struct k_virtio_driver test_driver = {
	.name = "virtio-test", .device_type = 77, .probe = test_probe,
};

/* Take the last device off the core's list, with its queues. */
static void teardown(void)
{
	struct k_virtq *vq;

	if (dev.vd.queues.next)
		while ((vq = k_virtio_queue(&dev.vd, 0)) != NULL)
			k_virtq_destroy(vq);
	if (dev.vd.node.next && k_list_linked(&dev.vd.node))
		k_list_del(&dev.vd.node);
	dev.vq = NULL;
}

/* A fresh device offering features, with a queue of qmax entries, probed. */
static int setup(uint64_t offered, unsigned int qmax)
{
	static bool registered;

	teardown();
	memset(&dev, 0, sizeof(dev));
	dev.vd.device_type = 77;
	dev.vd.transport = &fake_transport;
	dev.offered = offered;
	dev.qmax = qmax;
	log_len = 0;
	log_buf[0] = 0;
	log_lines = 0;
	callbacks = 0;
	if (!registered) {
		k_virtio_driver_register(&test_driver);
		registered = true;
	}
	test_driver.count = 0;
	return k_virtio_device_add(&dev.vd);
}

static uint8_t mem[64][256];

/* Add one chain of nout readable and nin writable 256-byte buffers from mem[first]. */
static int add(unsigned int first, unsigned int nout, unsigned int nin, void *token)
{
	struct k_virtq_buf b[16];

	for (unsigned int i = 0; i < nout + nin; i++)
		b[i] = (struct k_virtq_buf){ mem[(first + i) % 64], 256 };
	return k_virtq_add(dev.vq, b, nout, nin, token);
}

#define TOK(n)	((void *)(uintptr_t)(0x1000 + (n)))

/* --- Cases ----------------------------------------------------------------------------- */

static void negotiate_and_layout(void)
{
	T_REQUIRE(setup(features_all | K_VIRTIO_BIT(40), 8) == 0);
	T_EXPECT_UINT(dev.vd.features, features_all);	/* bit 40 not asked for */
	T_EXPECT_STR(dev.vd.name, "virtio-test0");
	T_EXPECT_UINT(dev.status, K_VIRTIO_STATUS_ACKNOWLEDGE | K_VIRTIO_STATUS_DRIVER |
			  K_VIRTIO_STATUS_FEATURES_OK | K_VIRTIO_STATUS_DRIVER_OK);
	T_EXPECT_INT(dev.irq_setups, 1);
	T_EXPECT_INT(k_virtq_size(dev.vq), 8);
	T_EXPECT_UINT(k_virtq_desc_addr(dev.vq) % 4096, 0);
	T_EXPECT_UINT(k_virtq_avail_addr(dev.vq) - k_virtq_desc_addr(dev.vq), 16 * 8);
	T_EXPECT_UINT(k_virtq_used_addr(dev.vq) - k_virtq_desc_addr(dev.vq), 4096);
	T_EXPECT(k_virtio_queue(&dev.vd, 0) == dev.vq);

	/* No VERSION_1: refused; FEATURES_OK cleared by the device: refused, FAILED. */
	T_EXPECT_INT(setup(K_VIRTIO_BIT(K_VIRTIO_F_INDIRECT_DESC), 8), -ENODEV);
	T_EXPECT(dev.status & K_VIRTIO_STATUS_FAILED);
	teardown();
	memset(&dev, 0, sizeof(dev));
	dev.vd.device_type = 77;
	dev.vd.transport = &fake_transport;
	dev.offered = features_all;
	dev.qmax = 8;
	dev.refuse_features = true;
	T_EXPECT_INT(k_virtio_device_add(&dev.vd), -EIO);
	T_EXPECT(dev.status & K_VIRTIO_STATUS_FAILED);
	/* A probe failing after its queue was made: reset, queue freed, FAILED. */
	probe_rc = -EPROTO;
	T_EXPECT_INT(setup(features_all, 8), -EPROTO);
	T_EXPECT(k_list_empty(&dev.vd.queues));
	T_EXPECT(dev.status & K_VIRTIO_STATUS_FAILED);
	probe_rc = 0;
	/* Queue sizes: a device maximum that is not a power of two is rounded down. */
	T_REQUIRE(setup(features_all, 1000) == 0);
	T_EXPECT_INT(k_virtq_size(dev.vq), 256);
	T_REQUIRE(setup(features_all, 12) == 0);
	T_EXPECT_INT(k_virtq_size(dev.vq), 8);
}

static void round_trip(void)
{
	uint32_t len = 0;

	T_REQUIRE(setup(K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1), 8) == 0);
	T_EXPECT_INT(add(0, 1, 2, TOK(1)), 0);		/* 3 descriptors */
	T_EXPECT_INT(add(3, 0, 1, TOK(2)), 0);		/* 1 */
	T_EXPECT_INT(add(4, 2, 2, TOK(3)), 0);		/* 4: ring full */
	T_EXPECT_INT(k_virtq_free_slots(dev.vq), 0);
	T_EXPECT_INT(add(8, 0, 1, TOK(4)), -ENOSPC);
	T_EXPECT_INT(add(8, 0, 0, TOK(4)), -EINVAL);
	k_virtq_kick(dev.vq);
	T_EXPECT_INT(dev.notifies, 1);
	int h1 = dev_pop(&dev), h2 = dev_pop(&dev), h3 = dev_pop(&dev);
	T_REQUIRE(h1 >= 0 && h2 >= 0 && h3 >= 0 && dev_pop(&dev) < 0);
	/* Chain 1: readable first, then writable; NEXT links, WRITE flags. */
	struct virtq_desc *d = ring_desc(&dev);
	T_EXPECT_UINT(d[h1].flags, VIRTQ_DESC_F_NEXT);
	T_EXPECT_UINT(d[d[h1].next].flags, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE);
	/* Out of order completion. */
	dev_push(&dev, (uint32_t)h3, 512);
	dev_push(&dev, (uint32_t)h1, 100);
	dev_push(&dev, (uint32_t)h2, 0);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(3));
	T_EXPECT_UINT(len, 512);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(1));
	T_EXPECT_UINT(len, 100);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(2));
	T_EXPECT_UINT(len, 0);
	T_EXPECT(k_virtq_get(dev.vq, &len) == NULL);
	T_EXPECT_INT(k_virtq_free_slots(dev.vq), 8);
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->used, 3);
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->bad_id + k_virtq_stats(dev.vq)->bad_len, 0);
	T_EXPECT_INT(log_lines, 0);
}

static void indirect_chains(void)
{
	uint32_t len;

	T_REQUIRE(setup(features_all, 4) == 0);
	for (unsigned int i = 0; i < 4; i++)
		T_EXPECT_INT(add(i * 3, 1, 2, TOK(i)), 0);	/* one slot each */
	T_EXPECT_INT(add(0, 0, 1, TOK(9)), -ENOSPC);
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->indirect, 4);
	int h = dev_pop(&dev);
	struct virtq_desc *d = ring_desc(&dev), *t = (void *)(uintptr_t)d[h].addr;
	T_EXPECT_UINT(d[h].flags, VIRTQ_DESC_F_INDIRECT);
	T_EXPECT_UINT(d[h].len, 3 * sizeof(struct virtq_desc));
	T_EXPECT_UINT(t[0].flags, VIRTQ_DESC_F_NEXT);
	T_EXPECT_UINT(t[2].flags, VIRTQ_DESC_F_WRITE);
	dev_push(&dev, (uint32_t)h, 512);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(0));
	/* A chain longer than K_VIRTQ_INDIRECT_MAX but not than the ring goes direct;
	 * one longer than the ring is refused. */
	T_EXPECT_INT(add(0, 0, 5, TOK(5)), -EINVAL);
}

/* Ids out of range and not in flight: counted, logged once, skipped. */
static void bad_ids(void)
{
	uint32_t len;

	T_REQUIRE(setup(K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1), 8) == 0);
	T_EXPECT_INT(add(0, 0, 2, TOK(1)), 0);		/* 2 descriptors: head and one more */
	int h = dev_pop(&dev);
	uint16_t second = ring_desc(&dev)[h].next;
	dev_push(&dev, 999, 4);
	dev_push(&dev, 0xffffffffu, 4);
	dev_push(&dev, second, 4);			/* in range, but not a head */
	dev_push(&dev, (uint32_t)h, 4);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(1));
	T_EXPECT_UINT(len, 4);
	T_EXPECT(k_virtq_get(dev.vq, &len) == NULL);
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->bad_id, 3);
	T_EXPECT_INT(log_lines, 1);
	T_EXPECT(strstr(log_buf, "virtio-test0: queue 0: the device returned id 999, which is "
			"not in flight; ignored") != NULL);
	T_EXPECT_INT(k_virtq_free_slots(dev.vq), 8);
}

/* The same id twice: the token comes back once; the second is a bad id. */
static void id_twice(void)
{
	uint32_t len;
	unsigned int got = 0;

	T_REQUIRE(setup(features_all, 8) == 0);
	T_EXPECT_INT(add(0, 0, 1, TOK(1)), 0);
	T_EXPECT_INT(add(1, 0, 1, TOK(2)), 0);
	int h1 = dev_pop(&dev), h2 = dev_pop(&dev);
	dev_push(&dev, (uint32_t)h1, 1);
	dev_push(&dev, (uint32_t)h1, 1);
	dev_push(&dev, (uint32_t)h2, 1);
	for (void *t; (t = k_virtq_get(dev.vq, &len)) != NULL;)
		got += t == TOK(1) ? 1 : t == TOK(2) ? 10 : 100;
	T_EXPECT_INT(got, 11);
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->bad_id, 1);
	/* Freed once only: the ring holds exactly its 8 descriptors again. */
	T_EXPECT_INT(k_virtq_free_slots(dev.vq), 8);
	for (unsigned int i = 0; i < 8; i++)
		T_EXPECT_INT(add(i, 0, 1, TOK(i)), 0);
	T_EXPECT_INT(add(0, 0, 1, TOK(9)), -ENOSPC);
}

/* A length beyond the writable bytes fails that request; readable bytes do not count. */
static void bad_len(void)
{
	uint32_t len = 0;

	T_REQUIRE(setup(features_all, 8) == 0);
	T_EXPECT_INT(add(0, 2, 1, TOK(1)), 0);		/* 512 readable, 256 writable */
	T_EXPECT_INT(add(3, 0, 2, TOK(2)), 0);		/* 512 writable */
	int h1 = dev_pop(&dev), h2 = dev_pop(&dev);
	dev_push(&dev, (uint32_t)h1, 257);
	dev_push(&dev, (uint32_t)h2, 512);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(1));
	T_EXPECT_UINT(len, K_VIRTQ_LEN_BAD);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(2));
	T_EXPECT_UINT(len, 512);
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->bad_len, 1);
	T_EXPECT_INT(log_lines, 1);
	T_EXPECT_INT(k_virtq_free_slots(dev.vq), 8);
}

/* The used index runs ahead by more than the ring: the queue breaks, tokens detach. */
static void used_idx_jump(void)
{
	uint32_t len;
	unsigned int mask = 0;

	T_REQUIRE(setup(features_all, 8) == 0);
	for (unsigned int i = 0; i < 3; i++)
		T_EXPECT_INT(add(i, 0, 1, TOK(i)), 0);
	int h = dev_pop(&dev);
	dev_push(&dev, (uint32_t)h, 1);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(0));
	ring_used(&dev)->idx = (uint16_t)(dev.used_idx + 9);	/* 9 > 8 entries */
	T_EXPECT(k_virtq_get(dev.vq, &len) == NULL);
	T_EXPECT(k_virtq_broken(dev.vq));
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->bad_idx, 1);
	T_EXPECT(dev.status & K_VIRTIO_STATUS_FAILED);
	T_EXPECT(strstr(log_buf, "used index jumped") != NULL);
	T_EXPECT_INT(add(5, 0, 1, TOK(5)), -EIO);
	T_EXPECT(k_virtq_get(dev.vq, &len) == NULL);
	for (void *t; (t = k_virtq_detach(dev.vq)) != NULL;)
		mask |= 1u << ((uintptr_t)t - 0x1000);
	T_EXPECT_UINT(mask, 0x6);			/* tokens 1 and 2, once each */
	T_EXPECT_INT(k_virtq_free_slots(dev.vq), 8);
}

/* The device rewrites the descriptors into a loop: freeing never reads them. */
static void rewritten_descriptors(void)
{
	uint32_t len;

	T_REQUIRE(setup(K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1), 8) == 0);
	T_EXPECT_INT(add(0, 0, 3, TOK(1)), 0);
	int h = dev_pop(&dev);
	struct virtq_desc *d = ring_desc(&dev);
	for (unsigned int i = 0; i < 8; i++)
		d[i] = (struct virtq_desc){ 0xdead0000, 0xffffffff, VIRTQ_DESC_F_NEXT, (uint16_t)i };
	d[h].next = 60000;
	dev_push(&dev, (uint32_t)h, 768);
	T_EXPECT(k_virtq_get(dev.vq, &len) == TOK(1));
	T_EXPECT_INT(k_virtq_free_slots(dev.vq), 8);
	for (unsigned int i = 0; i < 8; i++)
		T_EXPECT_INT(add(i, 0, 1, TOK(i)), 0);
}

/* Notification suppression: avail_event with EVENT_IDX, NO_NOTIFY without. */
static void suppression(void)
{
	struct virtq_used *u;
	uint16_t *avail_event;

	T_REQUIRE(setup(features_all, 8) == 0);
	u = ring_used(&dev);
	avail_event = (uint16_t *)&u->ring[8];
	*avail_event = 5;			/* wake me when entry 5 is made available */
	for (unsigned int i = 0; i < 3; i++) {
		T_EXPECT_INT(add(i, 0, 1, TOK(i)), 0);
		k_virtq_kick(dev.vq);
	}
	T_EXPECT_INT(dev.notifies, 0);		/* idx 1..3 */
	for (unsigned int i = 3; i < 6; i++)
		T_EXPECT_INT(add(i, 0, 1, TOK(i)), 0);
	k_virtq_kick(dev.vq);			/* 3 -> 6 crosses 5 */
	T_EXPECT_INT(dev.notifies, 1);
	k_virtq_kick(dev.vq);			/* nothing new */
	T_EXPECT_INT(dev.notifies, 1);
	/* used_event follows what the driver consumed; enable_cb sees pending entries. */
	dev_push(&dev, (uint32_t)dev_pop(&dev), 1);
	dev_push(&dev, (uint32_t)dev_pop(&dev), 1);
	T_EXPECT(!k_virtq_enable_cb(dev.vq));
	T_EXPECT(k_virtq_get(dev.vq, NULL) == TOK(0));
	T_EXPECT_UINT(ring_avail(&dev)->ring[8], 1);	/* used_event */
	T_EXPECT(k_virtq_get(dev.vq, NULL) == TOK(1));
	T_EXPECT(k_virtq_enable_cb(dev.vq));

	T_REQUIRE(setup(K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1), 8) == 0);
	ring_used(&dev)->flags = VIRTQ_USED_F_NO_NOTIFY;
	T_EXPECT_INT(add(0, 0, 1, TOK(0)), 0);
	k_virtq_kick(dev.vq);
	T_EXPECT_INT(dev.notifies, 0);
	ring_used(&dev)->flags = 0;
	T_EXPECT_INT(add(1, 0, 1, TOK(1)), 0);
	k_virtq_kick(dev.vq);
	T_EXPECT_INT(dev.notifies, 1);
	k_virtq_disable_cb(dev.vq);
	T_EXPECT_UINT(ring_avail(&dev)->flags, VIRTQ_AVAIL_F_NO_INTERRUPT);
	T_EXPECT(k_virtq_enable_cb(dev.vq));
	T_EXPECT_UINT(ring_avail(&dev)->flags, 0);
	k_virtio_device_interrupt(&dev.vd);
	T_EXPECT_INT(callbacks, 1);
	T_EXPECT_UINT(k_virtq_stats(dev.vq)->interrupts, 1);
}

/* Random malformed device: every token comes back at most once from get, exactly once
 * counting detach; counters add up. */
static void fuzz(void)
{
	static unsigned char seen[4096];
	unsigned int next_token = 0, returned = 0;
	uint32_t len;

	srand(1234);
	for (unsigned int round = 0; round < 20; round++) {
		T_REQUIRE(setup(rand() & 1 ? features_all : K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1),
				(unsigned int)(1 + rand() % 32)) == 0);
		for (unsigned int step = 0; step < 200 && !k_virtq_broken(dev.vq); step++) {
			unsigned int n = 1 + (unsigned int)rand() % 4, nout = (unsigned int)rand() % n;
			int h;

			if (add((unsigned int)rand(), nout, n - nout, TOK(next_token)) == 0)
				next_token++;
			k_virtq_kick(dev.vq);
			switch (rand() % 8) {
			case 0: dev_push(&dev, (uint32_t)rand(), (uint32_t)rand()); break;
			case 1: ring_used(&dev)->idx = (uint16_t)rand(); break;
			case 2: ring_desc(&dev)[rand() % (int)k_virtq_size(dev.vq)].next = (uint16_t)rand();
				break;
			default:
				if ((h = dev_pop(&dev)) >= 0)
					dev_push(&dev, (uint32_t)h, (uint32_t)(rand() % 1200));
			}
			for (void *t; (t = k_virtq_get(dev.vq, &len)) != NULL; returned++) {
				unsigned int i = (unsigned int)((uintptr_t)t - 0x1000);

				T_REQUIRE(i < next_token && i < sizeof(seen));
				T_EXPECT_INT(seen[i], 0);
				seen[i] = 1;
			}
		}
		for (void *t; (t = k_virtq_detach(dev.vq)) != NULL; returned++) {
			unsigned int i = (unsigned int)((uintptr_t)t - 0x1000);

			T_REQUIRE(i < next_token && i < sizeof(seen));
			T_EXPECT_INT(seen[i], 0);
			seen[i] = 1;
		}
		T_EXPECT_INT(k_virtq_free_slots(dev.vq), k_virtq_size(dev.vq));
		T_EXPECT(log_lines <= 3);		/* once per kind at most */
	}
	T_REQUIRE(next_token < sizeof(seen));
	T_EXPECT_INT(returned, next_token);
}

static const struct t_case virtq_cases[] = {
	T_CASE(negotiate_and_layout), T_CASE(round_trip), T_CASE(indirect_chains),
	T_CASE(bad_ids), T_CASE(id_twice), T_CASE(bad_len), T_CASE(used_idx_jump),
	T_CASE(rewritten_descriptors), T_CASE(suppression), T_CASE(fuzz), T_END,
};

static const struct t_suite suites[] = {
	{ "virtq", virtq_cases },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
