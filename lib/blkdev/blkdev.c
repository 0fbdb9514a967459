// SPDX-License-Identifier: BSD-3-Clause
/*
 * Block device registry, request checks and completion accounting. Devices are named
 * vda, vdb, ... vdz, vdaa, vdab... in registration order and never go away, so a
 * pointer from k_blkdev_find() or k_blkdev_get() stays valid.
 */
#include <errno.h>
#include <string.h>
#include <keel/arch.h>
#include <keel/blkdev.h>
#include <keel/print.h>
#include <keel/spinlock.h>

static struct k_list blkdevs = K_LIST_INIT(blkdevs);
static unsigned int blkdev_count;
static struct k_spinlock blkdevs_lock = K_SPINLOCK_INIT;

/* "vd" + the index in bijective base 26 (a..z, aa..zz, ...), like other systems do. */
static void blkdev_name(char *name, size_t size, unsigned int index)
{
	char letters[8];
	unsigned int n = 0, v = index + 1;

	while (v && n < sizeof(letters)) {
		v--;
		letters[n++] = (char)('a' + v % 26);
		v /= 26;
	}
	name[0] = 'v';
	name[1] = 'd';
	for (unsigned int i = 0; i < n && 2 + i + 1 < size; i++)
		name[2 + i] = letters[n - 1 - i];
	name[n + 2 < size ? n + 2 : size - 1] = '\0';
}

static bool blkdev_geometry_ok(const struct k_blkdev *bd)
{
	uint32_t ss = bd->sector_size;

	return bd->ops && bd->ops->submit && ss >= 512 && !(ss & (ss - 1)) &&
	       bd->max_sectors > 0;
}

int k_blkdev_register(struct k_blkdev *bd)
{
	unsigned long flags;

	if (!blkdev_geometry_ok(bd)) {
		k_err("blkdev: refusing a device with sector size %u, max_sectors %u or no ops\n",
		      bd->sector_size, bd->max_sectors);
		return -EINVAL;
	}
	memset(&bd->stats, 0, sizeof(bd->stats));
	flags = k_spin_lock_irqsave(&blkdevs_lock);
	blkdev_name(bd->name, sizeof(bd->name), blkdev_count++);
	k_list_add_tail(&blkdevs, &bd->node);
	k_spin_unlock_irqrestore(&blkdevs_lock, flags);
	k_info("blkdev: %s: %llu sectors of %u bytes (%llu MiB)%s%s\n", bd->name,
	       (unsigned long long)bd->sectors, bd->sector_size,
	       (unsigned long long)((bd->sectors * bd->sector_size) >> 20),
	       bd->read_only ? ", read-only" : "", bd->can_flush ? ", write cache" : "");
	return 0;
}

unsigned int k_blkdev_count(void)
{
	return __atomic_load_n(&blkdev_count, __ATOMIC_ACQUIRE);
}

struct k_blkdev *k_blkdev_get(unsigned int n)
{
	unsigned long flags = k_spin_lock_irqsave(&blkdevs_lock);
	struct k_blkdev *found = NULL;

	k_list_for_each(pos, &blkdevs) {
		if (n-- == 0) {
			found = k_list_entry(pos, struct k_blkdev, node);
			break;
		}
	}
	k_spin_unlock_irqrestore(&blkdevs_lock, flags);
	return found;
}

struct k_blkdev *k_blkdev_find(const char *name)
{
	unsigned long flags = k_spin_lock_irqsave(&blkdevs_lock);
	struct k_blkdev *found = NULL;

	k_list_for_each(pos, &blkdevs) {
		struct k_blkdev *bd = k_list_entry(pos, struct k_blkdev, node);

		if (!strcmp(bd->name, name)) {
			found = bd;
			break;
		}
	}
	k_spin_unlock_irqrestore(&blkdevs_lock, flags);
	return found;
}

/* Counters are bumped from interrupt handlers, possibly on several CPUs at once. */
static void blkdev_count_add(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

void k_blkdev_complete(struct k_blkdev *bd, struct k_blkreq *req, int status)
{
	uint64_t bytes = (uint64_t)req->count * bd->sector_size;

	req->status = status;
	if (status) {
		blkdev_count_add(&bd->stats.errors, 1);
	} else if (req->op == K_BLK_READ) {
		blkdev_count_add(&bd->stats.reads, 1);
		blkdev_count_add(&bd->stats.read_bytes, bytes);
	} else if (req->op == K_BLK_WRITE) {
		blkdev_count_add(&bd->stats.writes, 1);
		blkdev_count_add(&bd->stats.written_bytes, bytes);
	} else {
		blkdev_count_add(&bd->stats.flushes, 1);
	}
	if (req->done)
		req->done(req, status);
}

static int blkdev_check(const struct k_blkdev *bd, const struct k_blkreq *req)
{
	switch (req->op) {
	case K_BLK_FLUSH:
		return 0;
	case K_BLK_READ:
	case K_BLK_WRITE:
		break;
	default:
		return -EINVAL;
	}
	if (!req->count || req->count > bd->max_sectors || !req->buf)
		return -EINVAL;
	/* Written so that sector + count cannot overflow. */
	if (req->sector >= bd->sectors || req->count > bd->sectors - req->sector)
		return -EINVAL;
	if (req->op == K_BLK_WRITE && bd->read_only)
		return -EROFS;
	return 0;
}

int k_blkdev_submit(struct k_blkdev *bd, struct k_blkreq *req)
{
	int rc;

	if (!bd || !req)
		return -EINVAL;
	rc = blkdev_check(bd, req);
	if (rc)
		return rc;
	if (req->op == K_BLK_FLUSH && !bd->can_flush) {
		/* Nothing is cached: done now, with interrupts off as the contract says. */
		unsigned long flags = k_arch_irq_save();

		k_blkdev_complete(bd, req, 0);
		k_arch_irq_restore(flags);
		return 0;
	}
	return bd->ops->submit(bd, req);
}
