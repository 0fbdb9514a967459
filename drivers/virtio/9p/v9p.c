// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-9p: a 9P transport over one virtqueue (device id 9). The configuration space
 * holds the mount tag (le16 tag_len, then tag_len bytes, offered with feature bit 0,
 * MOUNT_TAG, as QEMU and Linux define struct virtio_9p_config). Each request is one
 * chain: the message (device-readable), then the reply buffers (device-writable).
 * The caller sleeps on the device's wait queue until the interrupt hands its chain
 * back; the same wait queue lets callers wait for room when the ring is full. The
 * wait queue's lock also guards the virtqueue, in threads and in the interrupt.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/9p_transport.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include <keel/waitq.h>

#define V9P_F_MOUNT_TAG		0	/* the configuration space holds a tag */
#define V9P_CFG_TAG_LEN		0	/* le16 */
#define V9P_CFG_TAG		2	/* tag_len bytes, not NUL-terminated */

struct v9p {
	struct k_9p_transport t;
	struct k_virtio_dev *vd;
	struct k_virtq *vq;
	struct k_waitq wq;		/* its lock guards vq and every request's state */
	bool broken, warned_len;
};

/* One request in flight: the chain's token, on the caller's stack. */
struct v9p_req {
	uint32_t len;			/* bytes the device wrote, or K_VIRTQ_LEN_BAD */
	bool done;
};

static struct k_list transports = K_LIST_INIT(transports);

int k_9p_transport_register(struct k_9p_transport *t)
{
	if (k_9p_transport_find(t->tag))
		return -EEXIST;
	k_list_add_tail(&transports, &t->node);
	return 0;
}

struct k_9p_transport *k_9p_transport_find(const char *tag)
{
	k_list_for_each(pos, &transports) {
		struct k_9p_transport *t = k_list_entry(pos, struct k_9p_transport, node);

		if (!strcmp(t->tag, tag))
			return t;
	}
	return NULL;
}

/*
 * A queue the device broke gives nothing back through the used ring: finish every
 * request still in flight with an error so that no caller sleeps forever. Lock held.
 */
static void v9p_fail_all(struct v9p *v)
{
	struct v9p_req *req;

	v->broken = true;
	while ((req = k_virtq_detach(v->vq)) != NULL) {
		req->len = K_VIRTQ_LEN_BAD;
		req->done = true;
	}
}

/* Interrupt context: mark finished requests and wake their callers. */
static void v9p_done(struct k_virtq *vq, void *arg)
{
	struct v9p *v = arg;
	struct v9p_req *req;
	uint32_t len;

	k_spin_lock(&v->wq.lock);
	while ((req = k_virtq_get(vq, &len)) != NULL) {
		req->len = len;
		req->done = true;
	}
	if (k_virtq_broken(vq))
		v9p_fail_all(v);
	k_waitq_wake_locked(&v->wq, 0);
	k_spin_unlock(&v->wq.lock);
}

/* Add the chain, waiting for room while the ring is full. Lock held. */
static int v9p_add(struct v9p *v, const struct k_virtq_buf *bufs, unsigned int n_out,
		   unsigned int n_in, struct v9p_req *req)
{
	for (;;) {
		int rc = v->broken ? -EIO : k_virtq_add(v->vq, bufs, n_out, n_in, req);

		if (rc != -ENOSPC)
			return rc;
		k_waitq_wait_locked(&v->wq, 0);
	}
}

static int64_t v9p_result(struct v9p *v, const struct v9p_req *req)
{
	if (req->len != K_VIRTQ_LEN_BAD)
		return req->len;
	if (!v->broken && !v->warned_len) {
		v->warned_len = true;
		k_err("%s: the device wrote more than the reply buffers hold; request failed with -EIO\n",
		      v->vd->name);
	}
	return -EIO;
}

static int64_t v9p_rpc(struct k_9p_transport *t, const struct k_9p_buf *bufs,
		       unsigned int n_out, unsigned int n_in)
{
	struct v9p *v = t->priv;
	struct k_virtq_buf vbufs[K_9P_BUFS_MAX];
	struct v9p_req req = { 0, false };
	unsigned long flags;
	int rc;

	if (!n_out || !n_in || n_out + n_in > K_9P_BUFS_MAX)
		return -EINVAL;
	for (unsigned int i = 0; i < n_out + n_in; i++) {
		if (!bufs[i].addr || !bufs[i].len)
			return -EINVAL;
		vbufs[i] = (struct k_virtq_buf){ bufs[i].addr, bufs[i].len };
	}
	flags = k_spin_lock_irqsave(&v->wq.lock);
	rc = v9p_add(v, vbufs, n_out, n_in, &req);
	if (!rc) {
		k_virtq_kick(v->vq);
		while (!req.done)
			k_waitq_wait_locked(&v->wq, 0);
	}
	k_spin_unlock_irqrestore(&v->wq.lock, flags);
	return rc ? rc : v9p_result(v, &req);
}

/* The mount tag from the configuration space: 0, or -ENODEV with the reason logged. */
static int v9p_read_tag(struct v9p *v)
{
	struct k_virtio_dev *vd = v->vd;
	uint16_t len;

	if (!k_virtio_has(vd, V9P_F_MOUNT_TAG)) {
		k_err("%s: the device has no mount tag (feature MOUNT_TAG not offered); ignored\n",
		      vd->name);
		return -ENODEV;
	}
	k_virtio_config_read(vd, V9P_CFG_TAG_LEN, &len, sizeof(len));
	if (!len || len > K_9P_TAG_MAX) {
		k_err("%s: mount tag length %u is not 1..%u; ignored\n", vd->name, len,
		      K_9P_TAG_MAX);
		return -ENODEV;
	}
	k_virtio_config_read(vd, V9P_CFG_TAG, v->t.tag, len);
	v->t.tag[len] = '\0';
	if (strlen(v->t.tag) != len) {
		k_err("%s: the mount tag holds a NUL byte; ignored\n", vd->name);
		return -ENODEV;
	}
	return 0;
}

static int v9p_setup(struct v9p *v)
{
	int rc = k_virtio_negotiate(v->vd, K_VIRTIO_BIT(V9P_F_MOUNT_TAG));

	if (!rc)
		rc = v9p_read_tag(v);
	if (!rc && k_9p_transport_find(v->t.tag)) {
		k_err("%s: mount tag \"%s\" is already taken by another device; ignored\n",
		      v->vd->name, v->t.tag);
		rc = -EEXIST;
	}
	if (!rc)
		rc = k_virtq_create(v->vd, 0, 0, v9p_done, v, &v->vq);
	if (!rc)
		rc = k_virtio_driver_ok(v->vd);
	return rc ? rc : k_9p_transport_register(&v->t);
}

static int v9p_probe(struct k_virtio_dev *vd)
{
	struct v9p *v = k_calloc(1, sizeof(*v));
	int rc;

	if (!v)
		return -ENOMEM;
	v->vd = vd;
	k_waitq_init(&v->wq);
	v->t.dev_name = vd->name;
	v->t.rpc = v9p_rpc;
	v->t.priv = v;
	rc = v9p_setup(v);
	if (rc) {
		k_free(v);	/* the core resets the device and frees the queue */
		return rc;
	}
	vd->priv = v;
	k_info("%s: 9P transport \"%s\", ring %u%s\n", vd->name, v->t.tag, k_virtq_size(v->vq),
	       k_virtio_has(vd, K_VIRTIO_F_INDIRECT_DESC) ? ", indirect" : "");
	return 0;
}

static struct k_virtio_driver v9p_driver = {
	.name = "virtio-9p",
	.device_type = K_VIRTIO_ID_9P,
	.probe = v9p_probe,
};

static int v9p_register(void)
{
	return k_virtio_driver_register(&v9p_driver);
}
K_INIT(v9p_register, K_INIT_BUS, 50);
