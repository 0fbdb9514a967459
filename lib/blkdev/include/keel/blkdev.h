/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Block devices. Drivers register a struct k_blkdev; users submit requests that
 * complete asynchronously (callback in interrupt context), or call the synchronous
 * helpers from a thread. Many requests may be in flight at once.
 *
 *	struct k_blkdev *bd = k_blkdev_find("vda");
 *	k_blkdev_read(bd, 0, 8, buf);		(8 sectors from sector 0)
 */
#ifndef KEEL_BLKDEV_H
#define KEEL_BLKDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/list.h>

#define K_BLK_READ	0
#define K_BLK_WRITE	1
#define K_BLK_FLUSH	2	/* everything completed before is durable */

struct k_blkdev;

struct k_blkreq {
	unsigned int op;		/* K_BLK_* */
	uint64_t sector;		/* in units of the device's sector_size */
	uint32_t count;			/* sectors; 0 for a flush */
	void *buf;			/* count * sector_size bytes */
	/*
	 * Called once, in interrupt context (interrupts off), with status 0, -EIO (the
	 * device failed it, or answered nonsense) or -ENOTSUP (the device does not know
	 * the request). May submit further requests. A flush on a device without a cache
	 * completes inside k_blkdev_submit(), before it returns.
	 */
	void (*done)(struct k_blkreq *req, int status);
	void *arg;			/* the submitter's */
	int status;
	void *driver_priv;		/* the driver's while in flight */
	struct k_list node;		/* the driver's while in flight */
};

/* Updated atomically by k_blkdev_complete(); read the fields directly. */
struct k_blkdev_stats {
	uint64_t reads, writes, flushes;	/* requests completed */
	uint64_t read_bytes, written_bytes;
	uint64_t errors;			/* requests completed with an error */
};

struct k_blkdev_ops {
	/* Queue req; 0, or -EAGAIN when the device is full (retry after a completion). */
	int (*submit)(struct k_blkdev *bd, struct k_blkreq *req);
};

struct k_blkdev {
	char name[16];			/* "vda", "vdb"... assigned by k_blkdev_register */
	uint64_t sectors;
	uint32_t sector_size;		/* bytes, a power of two >= 512 */
	uint32_t max_sectors;		/* per request */
	bool read_only;
	bool can_flush;			/* the device has a volatile write cache */
	const struct k_blkdev_ops *ops;
	void *priv;
	struct k_blkdev_stats stats;
	struct k_list node;
};

/*
 * Drivers: name the device (vda, vdb... vdz, vdaa... in order) and make it findable;
 * 0, or -EINVAL (sector size not a power of two >= 512, max_sectors 0, no submit).
 */
int k_blkdev_register(struct k_blkdev *bd);
/* Drivers: report a finished request; updates the counters and calls req->done. */
void k_blkdev_complete(struct k_blkdev *bd, struct k_blkreq *req, int status);

unsigned int k_blkdev_count(void);
struct k_blkdev *k_blkdev_get(unsigned int n);
struct k_blkdev *k_blkdev_find(const char *name);

/*
 * Submit asynchronously. 0, or -EINVAL (range beyond the device, count 0 or above
 * max_sectors for a read/write, bad op), -EROFS (write to a read-only device),
 * -EAGAIN (device full). A flush on a device without a cache completes at once.
 */
int k_blkdev_submit(struct k_blkdev *bd, struct k_blkreq *req);

/*
 * Synchronous helpers for threads: the whole range is checked first (-EINVAL as above,
 * count 0 included; -EROFS), then split into max_sectors pieces with several in flight
 * at once. 0, or the first error a piece reported. Buffers need no alignment.
 */
int k_blkdev_read(struct k_blkdev *bd, uint64_t sector, uint32_t count, void *buf);
int k_blkdev_write(struct k_blkdev *bd, uint64_t sector, uint32_t count, const void *buf);
int k_blkdev_flush(struct k_blkdev *bd);

#endif /* KEEL_BLKDEV_H */
