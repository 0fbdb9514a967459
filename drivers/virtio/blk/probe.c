// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-blk (virtio v1.2 §5.2): feature negotiation, the configuration space and
 * registration as a Keel block device. One request queue (queue 0); requests are in
 * request.c.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "vblk.h"

#define VBLK_FEATURES							\
	(K_VIRTIO_BIT(VBLK_F_SIZE_MAX) | K_VIRTIO_BIT(VBLK_F_SEG_MAX) |	\
	 K_VIRTIO_BIT(VBLK_F_RO) | K_VIRTIO_BIT(VBLK_F_BLK_SIZE) |	\
	 K_VIRTIO_BIT(VBLK_F_FLUSH) | K_VIRTIO_BIT(K_VIRTIO_F_INDIRECT_DESC) | \
	 K_VIRTIO_BIT(K_VIRTIO_F_EVENT_IDX))

static uint32_t vblk_config32(struct k_virtio_dev *vd, unsigned int off)
{
	uint32_t v;

	k_virtio_config_read(vd, off, &v, sizeof(v));
	return v;
}

/* The logical block size (§5.2.4 blk_size), 512 when absent or unusable. */
static uint32_t vblk_block_size(struct k_virtio_dev *vd)
{
	uint32_t bs;

	if (!k_virtio_has(vd, VBLK_F_BLK_SIZE))
		return 512;
	bs = vblk_config32(vd, VBLK_CFG_BLK_SIZE);
	if (bs < 512 || bs > 65536 || (bs & (bs - 1))) {
		k_warn("%s: block size %u is not a power of two in 512..65536; using 512\n",
		       vd->name, bs);
		return 512;
	}
	return bs;
}

/*
 * Size and segment limits. Without SIZE_MAX a segment may be as long as a request;
 * without SEG_MAX a request has one data segment (§5.2.4). Without indirect
 * descriptors a chain (header + data + status) must also fit the ring.
 */
static int vblk_limits(struct vblk *vb, unsigned int ring_size)
{
	struct k_virtio_dev *vd = vb->vd;
	uint32_t segs = 1, bytes;

	vb->seg_size = VBLK_MAX_BYTES;
	if (k_virtio_has(vd, VBLK_F_SIZE_MAX)) {
		uint32_t size_max = vblk_config32(vd, VBLK_CFG_SIZE_MAX);

		if (size_max && size_max < vb->seg_size)
			vb->seg_size = size_max;
	}
	if (k_virtio_has(vd, VBLK_F_SEG_MAX)) {
		uint32_t seg_max = vblk_config32(vd, VBLK_CFG_SEG_MAX);

		segs = seg_max ? seg_max : 1;
	}
	if (segs > VBLK_MAX_SEGS)
		segs = VBLK_MAX_SEGS;
	if (ring_size < 3) {
		k_err("%s: a ring of %u entries cannot hold a request\n", vd->name, ring_size);
		return -EIO;
	}
	if (segs > ring_size - 2)
		segs = ring_size - 2;
	bytes = (uint64_t)segs * vb->seg_size < VBLK_MAX_BYTES ? segs * vb->seg_size
							       : VBLK_MAX_BYTES;
	vb->bd.max_sectors = bytes >> (9 + vb->shift);
	if (!vb->bd.max_sectors) {
		k_err("%s: %u segments of %u bytes cannot carry one %u-byte block\n", vd->name,
		      segs, vb->seg_size, vb->bd.sector_size);
		return -EIO;
	}
	return 0;
}

static void vblk_geometry(struct vblk *vb)
{
	struct k_virtio_dev *vd = vb->vd;
	uint64_t capacity;

	k_virtio_config_read(vd, VBLK_CFG_CAPACITY, &capacity, sizeof(capacity));
	vb->bd.sector_size = vblk_block_size(vd);
	vb->shift = (unsigned int)__builtin_ctz(vb->bd.sector_size >> 9);
	vb->bd.sectors = capacity >> vb->shift;
	vb->bd.read_only = k_virtio_has(vd, VBLK_F_RO);
	vb->bd.can_flush = k_virtio_has(vd, VBLK_F_FLUSH);
	vb->bd.ops = &vblk_ops;
	vb->bd.priv = vb;
}

/*
 * Undo a failed probe. Nothing is in flight, and the core resets the device and frees
 * the queue after we return.
 */
static void vblk_unwind(struct vblk *vb)
{
	vblk_queue_free(&vb->q);
	k_free(vb);
}

static int vblk_setup(struct vblk *vb)
{
	int rc = k_virtio_negotiate(vb->vd, VBLK_FEATURES);

	if (rc)
		return rc;
	vblk_geometry(vb);
	rc = k_virtq_create(vb->vd, 0, 0, vblk_complete_cb, vb, &vb->q.vq);
	if (rc)
		return rc;
	rc = vblk_limits(vb, k_virtq_size(vb->q.vq));
	if (!rc)
		rc = vblk_queue_init(&vb->q);
	if (!rc)
		rc = k_virtio_driver_ok(vb->vd);
	return rc ? rc : k_blkdev_register(&vb->bd);
}

static int vblk_probe(struct k_virtio_dev *vd)
{
	struct vblk *vb = k_calloc(1, sizeof(*vb));
	int rc;

	if (!vb)
		return -ENOMEM;
	vb->vd = vd;
	rc = vblk_setup(vb);
	if (rc) {
		vblk_unwind(vb);
		return rc;
	}
	vd->priv = vb;
	k_debug("%s is %s: ring %u, %u sectors per request, segments of %u bytes%s\n",
		vd->name, vb->bd.name, vb->q.nslots, vb->bd.max_sectors, vb->seg_size,
		k_virtio_has(vd, K_VIRTIO_F_INDIRECT_DESC) ? ", indirect" : "");
	return 0;
}

static struct k_virtio_driver vblk_driver = {
	.name = "virtio-blk",
	.device_type = K_VIRTIO_ID_BLOCK,
	.probe = vblk_probe,
};

static int vblk_register(void)
{
	return k_virtio_driver_register(&vblk_driver);
}
K_INIT(vblk_register, K_INIT_BUS, 50);
