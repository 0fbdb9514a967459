// SPDX-License-Identifier: BSD-3-Clause
/* blk test app: the asynchronous interface (inflight) and errors (errors, ioerror). */
#include <errno.h>
#include <stdlib.h>
#include <keel/arch.h>
#include <keel/sync.h>
#include "blktest.h"

#define INFLIGHT_REQS		64
#define INFLIGHT_SECTORS	8
#define INFLIGHT_STRIDE		97	/* sectors between requests: all over the disk */
#define FULL_MAX		1024	/* more than any ring holds */

struct inflight {
	struct k_sem done;
	unsigned int submitted, completed, peak;
	uint32_t sectors;		/* per request */
	struct k_blkreq *reqs;
	uint8_t *bufs;
};

/* Interrupt context. */
static void inflight_done(struct k_blkreq *req, int status)
{
	struct inflight *f = req->arg;

	(void)status;		/* kept in req->status */
	__atomic_fetch_add(&f->completed, 1, __ATOMIC_RELAXED);
	k_sem_post(&f->done);
}

static struct inflight *inflight_new(unsigned int n, uint32_t sectors)
{
	struct inflight *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->reqs = calloc(n, sizeof(*f->reqs));
	f->bufs = malloc((size_t)n * sectors * 512);
	if (!f->reqs || !f->bufs) {
		free(f->reqs);
		free(f->bufs);
		free(f);
		return NULL;
	}
	k_sem_init(&f->done, 0);
	f->sectors = sectors;
	return f;
}

static void inflight_free(struct inflight *f)
{
	free(f->reqs);
	free(f->bufs);
	free(f);
}

/* Submit up to n reads without waiting; 0 or the first error (-EAGAIN: full). */
static int inflight_submit(struct k_blkdev *bd, struct inflight *f, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct k_blkreq *req = &f->reqs[i];
		unsigned int now;
		int rc;

		*req = (struct k_blkreq){ .op = K_BLK_READ, .count = f->sectors,
					  .sector = (uint64_t)i * INFLIGHT_STRIDE %
						    (bd->sectors - f->sectors),
					  .buf = f->bufs + (size_t)i * f->sectors * 512,
					  .done = inflight_done, .arg = f, .status = 1 };
		rc = k_blkdev_submit(bd, req);
		if (rc)
			return rc;
		f->submitted++;
		now = f->submitted - __atomic_load_n(&f->completed, __ATOMIC_RELAXED);
		if (now > f->peak)
			f->peak = now;
	}
	return 0;
}

/* Wait for every submitted request; how many came back with the right data. */
static unsigned int inflight_finish(struct inflight *f)
{
	unsigned int good = 0;

	for (unsigned int i = 0; i < f->submitted; i++)
		k_sem_wait(&f->done);
	for (unsigned int i = 0; i < f->submitted; i++) {
		const struct k_blkreq *req = &f->reqs[i];

		good += !req->status && pattern_check(req->buf, req->sector, f->sectors,
						      TAG_A) < 0;
	}
	return good;
}

/* One round of n requests, submitted with interrupts on or off. */
static struct inflight *inflight_round(struct k_blkdev *bd, unsigned int n, uint32_t sectors,
				       bool irqs_off, int *rc, unsigned int *good)
{
	struct inflight *f = inflight_new(n, sectors);
	unsigned long flags = 0;

	if (!f)
		return NULL;
	if (irqs_off)
		flags = k_arch_irq_save();
	*rc = inflight_submit(bd, f, n);
	if (irqs_off)
		k_arch_irq_restore(flags);
	*good = inflight_finish(f);
	return f;
}

/*
 * 64 reads submitted before waiting for any, each to come back with its data: with
 * interrupts on (how many were in flight at once is up to the device's speed), then
 * with interrupts off while submitting, so that all 64 are in flight; then as many as
 * the device takes with interrupts off, until it says -EAGAIN (the ring is full).
 */
void step_inflight(void)
{
	struct k_blkdev *bd = need_disk("inflight", "vda");
	struct inflight *f;
	unsigned int good;
	int rc;

	if (!bd)
		return;
	for (int off = 0; off < 2; off++) {
		const char *name = off ? "inflight-irqs-off" : "inflight";

		if (!(f = inflight_round(bd, INFLIGHT_REQS, INFLIGHT_SECTORS, off, &rc, &good))) {
			check(name, false, "no memory");
			return;
		}
		check(name, !rc && good == INFLIGHT_REQS && (!off || f->peak == INFLIGHT_REQS),
		      "%u submitted (status %d), %u complete with the right data, "
		      "peak %u in flight", f->submitted, rc, good, f->peak);
		inflight_free(f);
	}
	if (!(f = inflight_round(bd, FULL_MAX, 1, true, &rc, &good))) {
		check("ring-full", false, "no memory");
		return;
	}
	check("ring-full", rc == -EAGAIN && f->submitted >= INFLIGHT_REQS && good == f->submitted,
	      "the device took %u requests, then %d; %u complete with the right data",
	      f->submitted, rc, good);
	inflight_free(f);
}

/* The first read-only disk, or NULL. */
static struct k_blkdev *read_only_disk(void)
{
	for (unsigned int n = 0; n < k_blkdev_count(); n++)
		if (k_blkdev_get(n)->read_only)
			return k_blkdev_get(n);
	return NULL;
}

static void errors_range(struct k_blkdev *bd, uint8_t *buf)
{
	struct k_blkreq req = { .op = K_BLK_READ, .buf = buf, .count = 1 };
	int past, across, zero, big, bad_op, sync_past;

	req.sector = bd->sectors;
	past = k_blkdev_submit(bd, &req);
	req.sector = bd->sectors - 1;
	req.count = 2;
	across = k_blkdev_submit(bd, &req);
	req.sector = 0;
	req.count = 0;
	zero = k_blkdev_submit(bd, &req);
	req.count = bd->max_sectors + 1;
	big = k_blkdev_submit(bd, &req);
	req.count = 1;
	req.op = 7;
	bad_op = k_blkdev_submit(bd, &req);
	sync_past = k_blkdev_read(bd, bd->sectors - 1, 2, buf);
	check("errors-range", past == -EINVAL && across == -EINVAL && zero == -EINVAL &&
	      big == -EINVAL && bad_op == -EINVAL && sync_past == -EINVAL,
	      "past the end %d, across it %d, count 0 %d, above max_sectors %d, bad op %d, "
	      "sync across the end %d", past, across, zero, big, bad_op, sync_past);
}

static void errors_read_only(struct k_blkdev *ro, uint8_t *buf)
{
	struct k_blkreq req = { .op = K_BLK_WRITE, .buf = buf, .count = 1 };
	int async_rc, sync_rc, read_rc;

	async_rc = k_blkdev_submit(ro, &req);
	sync_rc = k_blkdev_write(ro, 0, 1, buf);
	read_rc = k_blkdev_read(ro, 0, 1, buf);
	check("errors-readonly", async_rc == -EROFS && sync_rc == -EROFS && !read_rc &&
	      pattern_check(buf, 0, 1, TAG_B) < 0,
	      "%s: write %d, sync write %d, read %d", ro->name, async_rc, sync_rc, read_rc);
}

/* Out-of-range requests fail with -EINVAL, writes to a read-only disk with -EROFS. */
void step_errors(void)
{
	struct k_blkdev *bd = need_disk("errors", "vda"), *ro = read_only_disk();
	uint64_t errors_before;
	uint8_t *buf = malloc(4 * 512);

	if (!bd || !buf) {
		if (bd)
			check("errors", false, "no memory");
		free(buf);
		return;
	}
	check("errors-flags", !bd->read_only, "%s is %s", bd->name,
	      bd->read_only ? "read-only" : "writable");
	errors_before = bd->stats.errors;
	errors_range(bd, buf);
	if (ro)
		errors_read_only(ro, buf);
	else
		check("errors-readonly", false, "no read-only disk");
	/* Refused requests never reached the device: no error was counted. */
	check("errors-not-counted", bd->stats.errors == errors_before, "%llu errors counted",
	      (unsigned long long)(bd->stats.errors - errors_before));
	free(buf);
}

/*
 * The suite's blkdebug drive fails reads of sector IOERR_SECTOR with EIO, which the
 * device reports as VIRTIO_BLK_S_IOERR: the read fails with -EIO, is counted as an
 * error, and reads elsewhere still work.
 */
void step_ioerror(void)
{
	struct k_blkdev *bd = need_disk("ioerror", "vda");
	uint8_t *buf = malloc(8 * 512);
	uint64_t errors;
	int bad_rc, good_rc;

	if (!bd || !buf) {
		if (bd)
			check("ioerror", false, "no memory");
		free(buf);
		return;
	}
	errors = bd->stats.errors;
	bad_rc = k_blkdev_read(bd, IOERR_SECTOR - 3, 8, buf);
	good_rc = k_blkdev_read(bd, IOERR_SECTOR + 5, 8, buf);
	check("ioerror", bad_rc == -EIO && !good_rc && pattern_check(buf, IOERR_SECTOR + 5, 8,
	      TAG_A) < 0 && bd->stats.errors == errors + 1,
	      "read across sector %u: %d, next to it: %d, %llu errors counted", IOERR_SECTOR,
	      bad_rc, good_rc, (unsigned long long)(bd->stats.errors - errors));
	free(buf);
}
