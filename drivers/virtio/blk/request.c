// SPDX-License-Identifier: BSD-3-Clause
/*
 * The virtio-blk request path (virtio v1.2 §5.2.6). Each request is one chain: the
 * header (device-readable), the data (readable for a write, writable for a read, cut
 * into segments of at most seg_size bytes) and the status byte (writable). The header
 * and the status live in a slot preallocated per ring entry, found through the chain's
 * token, so neither submission nor completion allocates. Completions are collected
 * under the queue lock and reported after it is dropped, so a completion callback may
 * submit the next request.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "vblk.h"

int vblk_queue_init(struct vblk_queue *q)
{
	q->nslots = k_virtq_size(q->vq);
	q->slots = k_calloc(q->nslots, sizeof(*q->slots));
	q->free = k_calloc(q->nslots, sizeof(*q->free));
	if (!q->slots || !q->free) {
		vblk_queue_free(q);
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < q->nslots; i++)
		q->free[i] = (uint16_t)(q->nslots - 1 - i);
	q->nfree = q->nslots;
	q->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	return 0;
}

void vblk_queue_free(struct vblk_queue *q)
{
	k_free(q->slots);
	k_free(q->free);
	q->slots = NULL;
	q->free = NULL;
}

/* Header, data segments, status into bufs; the number of device-readable buffers. */
static unsigned int vblk_chain(const struct vblk *vb, struct vblk_slot *slot,
			       const struct k_blkreq *req, struct k_virtq_buf *bufs,
			       unsigned int *n)
{
	uint8_t *data = req->buf;
	uint64_t left = req->op == K_BLK_FLUSH ? 0 : (uint64_t)req->count << (9 + vb->shift);

	bufs[0] = (struct k_virtq_buf){ &slot->hdr, sizeof(slot->hdr) };
	*n = 1;
	while (left) {
		uint32_t len = left < vb->seg_size ? (uint32_t)left : vb->seg_size;

		bufs[(*n)++] = (struct k_virtq_buf){ data, len };
		data += len;
		left -= len;
	}
	bufs[(*n)++] = (struct k_virtq_buf){ &slot->status, 1 };
	/* A write's data is read by the device: everything but the status byte. */
	return req->op == K_BLK_WRITE ? *n - 1 : 1;
}

static void vblk_fill_hdr(const struct vblk *vb, struct vblk_slot *slot,
			  const struct k_blkreq *req)
{
	static const uint32_t types[] = {
		[K_BLK_READ] = VBLK_T_IN, [K_BLK_WRITE] = VBLK_T_OUT, [K_BLK_FLUSH] = VBLK_T_FLUSH,
	};

	/* x86 is little-endian like the device (and a legacy device is guest-endian). */
	slot->hdr.type = types[req->op];
	slot->hdr.reserved = 0;
	slot->hdr.sector = req->op == K_BLK_FLUSH ? 0 : req->sector << vb->shift;
	slot->status = VBLK_S_UNSET;
}

static int vblk_submit(struct k_blkdev *bd, struct k_blkreq *req)
{
	struct vblk *vb = bd->priv;
	struct vblk_queue *q = &vb->q;
	struct k_virtq_buf bufs[VBLK_MAX_SEGS + 2];
	struct vblk_slot *slot;
	unsigned int n, n_out, index;
	unsigned long flags;
	int rc;

	if (req->op > K_BLK_FLUSH)
		return -EINVAL;
	flags = k_spin_lock_irqsave(&q->lock);
	if (!q->nfree) {
		k_spin_unlock_irqrestore(&q->lock, flags);
		return -EAGAIN;
	}
	index = q->free[--q->nfree];
	slot = &q->slots[index];
	vblk_fill_hdr(vb, slot, req);
	n_out = vblk_chain(vb, slot, req, bufs, &n);
	rc = k_virtq_add(q->vq, bufs, n_out, n - n_out, slot);
	if (rc) {
		q->nfree++;
		k_spin_unlock_irqrestore(&q->lock, flags);
		return rc == -ENOSPC ? -EAGAIN : rc;
	}
	slot->req = req;
	req->driver_priv = slot;
	if (++q->in_flight > q->peak)
		q->peak = q->in_flight;
	k_virtq_kick(q->vq);
	k_spin_unlock_irqrestore(&q->lock, flags);
	return 0;
}

const struct k_blkdev_ops vblk_ops = { .submit = vblk_submit };

/* The request's result from what the device returned. */
static int vblk_status(struct vblk *vb, const struct vblk_slot *slot, uint32_t len)
{
	if (len == K_VIRTQ_LEN_BAD) {
		if (!vb->warned_len) {
			vb->warned_len = true;
			k_err("%s: the device returned a used length beyond the request; "
			      "failing it with -EIO\n", vb->vd->name);
		}
		return -EIO;
	}
	switch (slot->status) {
	case VBLK_S_OK:
		return 0;
	case VBLK_S_IOERR:
		return -EIO;
	case VBLK_S_UNSUPP:
		return -ENOTSUP;	/* klibc has no EOPNOTSUPP */
	}
	if (!vb->warned_status) {
		vb->warned_status = true;
		k_err("%s: request status %#x is none of OK, IOERR, UNSUPP; failing it with -EIO\n",
		      vb->vd->name, slot->status);
	}
	return -EIO;
}

/* The slot a token names, or NULL when the token is none of ours or not in flight. */
static struct vblk_slot *vblk_token_slot(struct vblk *vb, void *token)
{
	struct vblk_queue *q = &vb->q;
	uintptr_t off = (uintptr_t)token - (uintptr_t)q->slots;

	if ((uintptr_t)token >= (uintptr_t)q->slots && off % sizeof(*q->slots) == 0 &&
	    off / sizeof(*q->slots) < q->nslots && q->slots[off / sizeof(*q->slots)].req)
		return &q->slots[off / sizeof(*q->slots)];
	if (!vb->warned_token) {
		vb->warned_token = true;
		k_err("%s: the queue returned a chain that is not in flight; ignored\n",
		      vb->vd->name);
	}
	return NULL;
}

/* Interrupt context (or a poll): collect finished requests, then report them. */
void vblk_complete_cb(struct k_virtq *vq, void *arg)
{
	struct vblk *vb = arg;
	struct vblk_queue *q = &vb->q;
	struct k_list done = K_LIST_INIT(done);
	unsigned long flags;
	uint32_t len;
	void *token;

	flags = k_spin_lock_irqsave(&q->lock);
	while ((token = k_virtq_get(vq, &len)) != NULL) {
		struct vblk_slot *slot = vblk_token_slot(vb, token);
		struct k_blkreq *req;

		if (!slot)
			continue;
		req = slot->req;
		req->status = vblk_status(vb, slot, len);
		slot->req = NULL;
		q->free[q->nfree++] = (uint16_t)(slot - q->slots);
		q->in_flight--;
		k_list_add_tail(&done, &req->node);
	}
	k_spin_unlock_irqrestore(&q->lock, flags);
	k_list_for_each_safe(pos, &done) {
		struct k_blkreq *req = k_list_entry(pos, struct k_blkreq, node);

		k_list_del(pos);
		k_blkdev_complete(&vb->bd, req, req->status);
	}
}
