// SPDX-License-Identifier: BSD-3-Clause
/*
 * Synchronous helpers: a transfer is cut into max_sectors pieces, up to SYNC_WINDOW of
 * them in flight at once, and the calling thread sleeps on a semaphore that each
 * completion posts. The whole range is checked first, so a bad range transfers nothing.
 *
 * The call's state lives on the caller's stack. That is safe because the caller waits
 * once for every request it submitted before returning: each completion's last touch
 * of the state is its k_sem_post, and a wait cannot return before that post released
 * the semaphore's lock.
 */
#include <errno.h>
#include <keel/blkdev.h>
#include <keel/sync.h>
#include <keel/thread.h>

#define SYNC_WINDOW	16		/* requests in flight per call */
#define SYNC_RETRY_NS	20000		/* device full of other callers' requests */

struct sync_call {
	struct k_sem sem;		/* one post per completed request */
	uint32_t finished;		/* bit i: reqs[i] completed, not reaped yet */
	int error;			/* the first error a request reported */
	struct k_blkreq reqs[SYNC_WINDOW];
};

_Static_assert(SYNC_WINDOW <= 32, "finished is a 32-bit mask");

/* Interrupt context: note the result, then post (the last touch of *c). */
static void sync_done(struct k_blkreq *req, int status)
{
	struct sync_call *c = req->arg;
	unsigned int slot = (unsigned int)(req - c->reqs);
	int none = 0;

	if (status)
		__atomic_compare_exchange_n(&c->error, &none, status, false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED);
	__atomic_fetch_or(&c->finished, 1u << slot, __ATOMIC_RELEASE);
	k_sem_post(&c->sem);
}

static void sync_call_init(struct sync_call *c)
{
	k_sem_init(&c->sem, 0);
	c->finished = 0;
	c->error = 0;
}

static int sync_error(struct sync_call *c)
{
	return __atomic_load_n(&c->error, __ATOMIC_RELAXED);
}

static int sync_submit(struct k_blkdev *bd, struct k_blkreq *req, bool others_in_flight)
{
	int rc;

	/* Full with none of ours in flight: no completion of ours will wake us. */
	while ((rc = k_blkdev_submit(bd, req)) == -EAGAIN && !others_in_flight)
		k_sleep_ns(SYNC_RETRY_NS);
	return rc;
}

static int sync_transfer(struct k_blkdev *bd, unsigned int op, uint64_t sector,
			 uint32_t count, uint8_t *buf)
{
	struct sync_call c;
	uint32_t busy = 0;		/* slots submitted and not reaped */
	unsigned int submitted = 0, waited = 0;
	int rc = 0;

	sync_call_init(&c);
	for (;;) {
		while (count && !rc && !sync_error(&c) && busy != (1ull << SYNC_WINDOW) - 1) {
			unsigned int slot = (unsigned int)__builtin_ctz(~busy);
			struct k_blkreq *req = &c.reqs[slot];
			uint32_t n = count < bd->max_sectors ? count : bd->max_sectors;

			*req = (struct k_blkreq){ .op = op, .sector = sector, .count = n,
						  .buf = buf, .done = sync_done, .arg = &c };
			rc = sync_submit(bd, req, submitted != waited);
			if (rc == -EAGAIN) {
				rc = 0;
				break;		/* wait for one of ours, then go on */
			}
			if (rc)
				break;
			busy |= 1u << slot;
			submitted++;
			sector += n;
			count -= n;
			buf += (size_t)n * bd->sector_size;
		}
		if (submitted == waited)
			break;
		k_sem_wait(&c.sem);
		waited++;
		busy &= ~__atomic_exchange_n(&c.finished, 0, __ATOMIC_ACQUIRE);
	}
	return rc ? rc : sync_error(&c);
}

static int sync_check(struct k_blkdev *bd, uint64_t sector, uint32_t count, const void *buf)
{
	if (!bd || !buf || !count || !bd->max_sectors)
		return -EINVAL;
	if (sector >= bd->sectors || count > bd->sectors - sector)
		return -EINVAL;
	return 0;
}

int k_blkdev_read(struct k_blkdev *bd, uint64_t sector, uint32_t count, void *buf)
{
	int rc = sync_check(bd, sector, count, buf);

	return rc ? rc : sync_transfer(bd, K_BLK_READ, sector, count, buf);
}

int k_blkdev_write(struct k_blkdev *bd, uint64_t sector, uint32_t count, const void *buf)
{
	int rc = sync_check(bd, sector, count, buf);

	if (!rc && bd->read_only)
		rc = -EROFS;
	/* The buffer is only read by the device; k_blkreq has one pointer for both ways. */
	return rc ? rc : sync_transfer(bd, K_BLK_WRITE, sector, count, (uint8_t *)buf);
}

int k_blkdev_flush(struct k_blkdev *bd)
{
	struct sync_call c;
	struct k_blkreq *req = &c.reqs[0];
	int rc;

	if (!bd)
		return -EINVAL;
	sync_call_init(&c);
	*req = (struct k_blkreq){ .op = K_BLK_FLUSH, .done = sync_done, .arg = &c };
	rc = sync_submit(bd, req, false);
	if (rc)
		return rc;
	k_sem_wait(&c.sem);
	return sync_error(&c);
}
