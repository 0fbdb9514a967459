// SPDX-License-Identifier: BSD-3-Clause
/*
 * A minimal virtio-rng driver (virtio v1.2 §5.4, device type 4): one request queue;
 * every request is a chain of device-writable buffers the device fills with entropy.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/print.h>
#include "rng.h"

struct rng_dev *rng_devs[RNG_DEVS_MAX];
unsigned int rng_count;

/* Interrupt context: return every finished request to the waiting thread. */
static void rng_done(struct k_virtq *vq, void *arg)
{
	struct rng_dev *r = arg;
	struct rng_req *req;
	uint32_t len;

	k_spin_lock(&r->lock);
	while ((req = k_virtq_get(vq, &len)) != NULL) {
		req->len = len;
		req->done = true;
		k_sem_post(&r->completions);
	}
	k_spin_unlock(&r->lock);
}

int rng_submit(struct rng_dev *r, struct rng_req *req)
{
	unsigned long flags = k_spin_lock_irqsave(&r->lock);
	int rc;

	req->done = false;
	rc = k_virtq_add(r->vq, req->bufs, 0, req->nbufs, req);
	k_spin_unlock_irqrestore(&r->lock, flags);
	return rc;
}

void rng_kick(struct rng_dev *r)
{
	unsigned long flags = k_spin_lock_irqsave(&r->lock);

	k_virtq_kick(r->vq);
	k_spin_unlock_irqrestore(&r->lock, flags);
}

static int rng_probe(struct k_virtio_dev *vd)
{
	struct rng_dev *r = k_calloc(1, sizeof(*r));
	int rc;

	if (!r)
		return -ENOMEM;
	r->vd = vd;
	r->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	k_sem_init(&r->completions, 0);
	rc = k_virtio_negotiate(vd, 0);
	if (!rc)
		rc = k_virtq_create(vd, 0, 0, rng_done, r, &r->vq);
	if (!rc)
		rc = k_virtio_driver_ok(vd);
	if (rc) {
		k_free(r);
		return rc;
	}
	vd->priv = r;
	if (rng_count < RNG_DEVS_MAX)
		rng_devs[rng_count++] = r;
	return 0;
}

static struct k_virtio_driver rng_driver = {
	.name = "virtio-rng",
	.device_type = K_VIRTIO_ID_RNG,
	.probe = rng_probe,
};

static int rng_register(void)
{
	return k_virtio_driver_register(&rng_driver);
}
K_INIT(rng_register, K_INIT_BUS, 50);
