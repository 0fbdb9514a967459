/* SPDX-License-Identifier: BSD-3-Clause */
/* virtio-blk internals shared by probe.c (setup) and request.c (the request path). */
#ifndef VBLK_H
#define VBLK_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/blkdev.h>
#include <keel/spinlock.h>

/* Feature bits (virtio v1.2 §5.2.3). */
#define VBLK_F_SIZE_MAX		1	/* size_max: largest data segment */
#define VBLK_F_SEG_MAX		2	/* seg_max: data segments per request */
#define VBLK_F_RO		5	/* the device is read-only */
#define VBLK_F_BLK_SIZE		6	/* blk_size: the logical block size */
#define VBLK_F_FLUSH		9	/* VIRTIO_BLK_T_FLUSH exists (a volatile cache) */

/* Configuration space offsets (§5.2.4, struct virtio_blk_config). */
#define VBLK_CFG_CAPACITY	0	/* le64, in 512-byte sectors */
#define VBLK_CFG_SIZE_MAX	8	/* le32 */
#define VBLK_CFG_SEG_MAX	12	/* le32 */
#define VBLK_CFG_BLK_SIZE	20	/* le32 */

/* Request types and status values (§5.2.6). */
#define VBLK_T_IN		0
#define VBLK_T_OUT		1
#define VBLK_T_FLUSH		4
#define VBLK_S_OK		0
#define VBLK_S_IOERR		1
#define VBLK_S_UNSUPP		2
#define VBLK_S_UNSET		0xff	/* ours: the status the device did not write */

#define VBLK_MAX_SEGS		32	/* data segments per request at most */
#define VBLK_MAX_BYTES		(512u * 1024)	/* per request */

/* The device-readable header of every request (§5.2.6), little-endian. */
struct vblk_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;		/* 512-byte units, whatever blk_size is */
};

/* One per ring entry, allocated at probe: requests in flight need no allocation. */
struct vblk_slot {
	struct vblk_hdr hdr;
	uint8_t status;			/* device-writable */
	struct k_blkreq *req;		/* NULL while the slot is free */
};

struct vblk_queue {
	struct k_spinlock lock;		/* the virtqueue, the slots and the free list */
	struct k_virtq *vq;
	struct vblk_slot *slots;
	uint16_t *free;			/* stack of free slot indexes */
	unsigned int nslots, nfree;
	unsigned int in_flight, peak;
};

struct vblk {
	struct k_blkdev bd;
	struct k_virtio_dev *vd;
	struct vblk_queue q;
	unsigned int shift;		/* log2(bd.sector_size / 512) */
	uint32_t seg_size;		/* bytes per data segment at most */
	bool warned_len, warned_status, warned_token;
};

extern const struct k_blkdev_ops vblk_ops;

/* request.c: the queue's slots (after k_virtq_create) and its completion callback. */
int vblk_queue_init(struct vblk_queue *q);
void vblk_queue_free(struct vblk_queue *q);
void vblk_complete_cb(struct k_virtq *vq, void *arg);

#endif /* VBLK_H */
