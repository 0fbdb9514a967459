/* SPDX-License-Identifier: BSD-3-Clause */
/* The test app's virtio-rng driver (virtio v1.2 §5.4): one queue of writable buffers. */
#ifndef VIRTIO_APP_RNG_H
#define VIRTIO_APP_RNG_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/spinlock.h>
#include <keel/sync.h>
#include <keel/virtio.h>
#include <keel/virtq.h>

/* One request: up to 3 writable pieces; done and len are set in interrupt context. */
struct rng_req {
	struct k_virtq_buf bufs[3];
	unsigned int nbufs;
	volatile bool done;
	volatile uint32_t len;
};

struct rng_dev {
	struct k_virtio_dev *vd;
	struct k_virtq *vq;
	struct k_spinlock lock;		/* the queue, from threads and the interrupt */
	struct k_sem completions;	/* one post per request returned */
};

/* The virtio-rng devices probed, in order. */
#define RNG_DEVS_MAX	4
extern struct rng_dev *rng_devs[RNG_DEVS_MAX];
extern unsigned int rng_count;

/* Queue req (not kicked) under the lock: 0 or what k_virtq_add returned. */
int rng_submit(struct rng_dev *r, struct rng_req *req);
void rng_kick(struct rng_dev *r);

#endif /* VIRTIO_APP_RNG_H */
