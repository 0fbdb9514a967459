// SPDX-License-Identifier: BSD-3-Clause
/*
 * blkfront: Xen virtual disks (xen/include/public/io/blkif.h) as Keel block devices.
 * One shared ring of two pages (64 entries) when the back-end takes multi-page rings
 * (max-ring-page-order), else one (32); a request in flight per entry, each with its
 * own BLKIF_MAX_SEGMENTS_PER_REQUEST pages granted to the back-end once at setup, which
 * data is copied through (callers' buffers need no alignment). The ring's sector unit
 * is always 512 bytes. What the back-end answers is checked: an id that is out of
 * range or not in flight, or a response index past the ring, is an error, never an
 * index.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/blkdev.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/time.h>
#include <keel/xen/evtchn.h>
#include <keel/xen/gnttab.h>
#include <keel/xen/xenbus.h>

#define BF_RING_ORDER		1	/* 2 pages: 64 entries of 112 bytes after the header */
#define BF_SEGS			11	/* BLKIF_MAX_SEGMENTS_PER_REQUEST */
#define BF_SLOTS		64
#define BF_CONNECT_TIMEOUT_NS	(30 * K_NSEC_PER_SEC)

#define BLKIF_OP_READ		0
#define BLKIF_OP_WRITE		1
#define BLKIF_OP_FLUSH_DISKCACHE 3
#define BLKIF_RSP_EOPNOTSUPP	-2
#define BLKIF_RSP_OKAY		0
#define VDISK_READONLY		0x4

struct blkif_segment {
	uint32_t gref;
	uint8_t first_sect, last_sect;	/* 512-byte sectors in the page, inclusive */
};

struct blkif_request {
	uint8_t operation;
	uint8_t nr_segments;
	uint16_t handle;
	uint64_t id;
	uint64_t sector_number;		/* 512-byte units */
	struct blkif_segment seg[BF_SEGS];
};

struct blkif_response {
	uint64_t id;
	uint8_t operation;
	int16_t status;
};

struct bf_sring {
	uint32_t req_prod, req_event;
	uint32_t rsp_prod, rsp_event;
	uint8_t pad[48];
	union {
		struct blkif_request req;
		struct blkif_response rsp;
	} ring[];
};

_Static_assert(sizeof(struct blkif_request) == 112, "blkif_request layout");
_Static_assert(sizeof(struct bf_sring) + 32 * 112 <= 4096, "32 entries in one page");
_Static_assert(sizeof(struct bf_sring) + 64 * 112 <= 8192, "64 entries in two pages");

struct bf_slot {
	struct k_blkreq *req;		/* NULL when free */
	uint8_t *pages[BF_SEGS];
	int grefs[BF_SEGS];
};

struct blkfront {
	struct k_blkdev bd;
	struct xenbus_device *dev;
	struct bf_sring *ring;
	unsigned int ring_order;	/* log2 of the ring's pages */
	uint32_t ring_size;		/* entries: 32 << ring_order */
	int ring_refs[1 << BF_RING_ORDER];
	uint32_t port;
	uint16_t handle;
	struct k_spinlock lock;
	uint32_t req_prod, rsp_cons;
	struct bf_slot slots[BF_SLOTS];
	bool broken;
};

static void bf_broken(struct blkfront *bf, const char *why)
{
	if (!bf->broken)
		k_err("%s: %s; the disk stops\n", bf->bd.name, why);
	bf->broken = true;
}

static int bf_submit(struct k_blkdev *bd, struct k_blkreq *req)
{
	struct blkfront *bf = bd->priv;
	size_t bytes = (size_t)req->count * bd->sector_size;
	unsigned int nseg = (unsigned int)((bytes + 4095) / 4096);
	struct blkif_request *r;
	unsigned long flags;
	struct bf_slot *s = NULL;
	uint32_t old;
	int id = -1;

	if (nseg > BF_SEGS)
		return -EINVAL;		/* max_sectors keeps this from happening */
	flags = k_spin_lock_irqsave(&bf->lock);
	if (bf->broken) {
		k_spin_unlock_irqrestore(&bf->lock, flags);
		return -EIO;
	}
	for (uint32_t i = 0; i < bf->ring_size && id < 0; i++)
		if (!bf->slots[i].req)
			id = (int)i;
	if (id < 0 || bf->req_prod - bf->rsp_cons >= bf->ring_size) {
		k_spin_unlock_irqrestore(&bf->lock, flags);
		return -EAGAIN;
	}
	s = &bf->slots[id];
	s->req = req;
	r = &bf->ring->ring[bf->req_prod++ % bf->ring_size].req;
	memset(r, 0, sizeof(*r));
	r->id = (uint64_t)id;
	r->handle = bf->handle;
	if (req->op == K_BLK_FLUSH) {
		r->operation = BLKIF_OP_FLUSH_DISKCACHE;
	} else {
		r->operation = req->op == K_BLK_WRITE ? BLKIF_OP_WRITE : BLKIF_OP_READ;
		r->sector_number = req->sector * (bd->sector_size / 512);
		r->nr_segments = (uint8_t)nseg;
		for (unsigned int i = 0; i < nseg; i++) {
			size_t n = K_MIN(bytes - i * 4096, (size_t)4096);

			if (req->op == K_BLK_WRITE)
				memcpy(s->pages[i], (uint8_t *)req->buf + i * 4096, n);
			r->seg[i] = (struct blkif_segment){
				.gref = (uint32_t)s->grefs[i], .first_sect = 0,
				.last_sect = (uint8_t)(n / 512 - 1),
			};
		}
	}
	/* io/ring.h RING_PUSH_REQUESTS_AND_CHECK_NOTIFY */
	old = bf->ring->req_prod;
	__atomic_store_n(&bf->ring->req_prod, bf->req_prod, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (bf->req_prod - __atomic_load_n(&bf->ring->req_event, __ATOMIC_RELAXED) <
	    bf->req_prod - old)
		xen_evtchn_send(bf->port);
	k_spin_unlock_irqrestore(&bf->lock, flags);
	return 0;
}

/* One response: finish its request. Lock held; completions run after it is dropped. */
static struct k_blkreq *bf_response(struct blkfront *bf, const struct blkif_response *rsp,
				    int *status)
{
	struct bf_slot *s;
	struct k_blkreq *req;

	if (rsp->id >= bf->ring_size || !bf->slots[rsp->id].req) {
		k_warn("%s: response for request %lu, which is not in flight; ignored\n",
		       bf->bd.name, (unsigned long)rsp->id);
		return NULL;
	}
	s = &bf->slots[rsp->id];
	req = s->req;
	s->req = NULL;
	*status = rsp->status == BLKIF_RSP_OKAY ? 0 :
		  rsp->status == BLKIF_RSP_EOPNOTSUPP ? -ENOTSUP : -EIO;
	if (!*status && req->op == K_BLK_READ) {
		size_t bytes = (size_t)req->count * bf->bd.sector_size;

		for (size_t i = 0; i * 4096 < bytes; i++)
			memcpy((uint8_t *)req->buf + i * 4096, s->pages[i],
			       K_MIN(bytes - i * 4096, (size_t)4096));
	}
	return req;
}

static int bf_irq(void *arg)
{
	struct blkfront *bf = arg;

	for (;;) {
		struct k_blkreq *req = NULL;
		int status = 0;
		uint32_t avail;

		k_spin_lock(&bf->lock);
		avail = __atomic_load_n(&bf->ring->rsp_prod, __ATOMIC_ACQUIRE) - bf->rsp_cons;
		if (avail > bf->ring_size) {
			bf_broken(bf, "the back-end's response index is past the ring");
			avail = 0;
		}
		if (avail && !bf->broken) {
			struct blkif_response rsp =
				bf->ring->ring[bf->rsp_cons++ % bf->ring_size].rsp;

			req = bf_response(bf, &rsp, &status);
		} else {
			/* RING_FINAL_CHECK_FOR_RESPONSES: an event for the next one. */
			__atomic_store_n(&bf->ring->rsp_event, bf->rsp_cons + 1,
					 __ATOMIC_SEQ_CST);
			avail = __atomic_load_n(&bf->ring->rsp_prod, __ATOMIC_ACQUIRE) -
				bf->rsp_cons;
			k_spin_unlock(&bf->lock);
			if (!avail || bf->broken)
				break;
			continue;
		}
		k_spin_unlock(&bf->lock);
		if (req)
			k_blkdev_complete(&bf->bd, req, status);
	}
	return K_IRQ_HANDLED;
}

static const struct k_blkdev_ops blkfront_ops = { .submit = bf_submit };

static int grant_page(struct blkfront *bf, uint8_t **page)
{
	int ref;

	*page = k_palloc(1);
	if (!*page)
		return -ENOMEM;
	memset(*page, 0, 4096);
	ref = xen_gnttab_grant(bf->dev->otherend_id, xen_gfn(*page), false);
	if (ref < 0) {
		k_pfree(*page, 1);
		*page = NULL;
	}
	return ref;
}

static int bf_setup(struct blkfront *bf)
{
	unsigned int pages = 1u << bf->ring_order;
	uint8_t *ring = k_palloc(pages);

	if (!ring)
		return -ENOMEM;
	memset(ring, 0, pages * 4096);
	bf->ring = (struct bf_sring *)ring;
	bf->ring_size = 32u << bf->ring_order;
	bf->ring->req_event = bf->ring->rsp_event = 1;	/* SHARED_RING_INIT */
	for (unsigned int i = 0; i < pages; i++) {
		bf->ring_refs[i] = xen_gnttab_grant(bf->dev->otherend_id,
						    xen_gfn(ring + i * 4096), false);
		if (bf->ring_refs[i] < 0)
			return bf->ring_refs[i];
	}
	for (uint32_t i = 0; i < bf->ring_size; i++) {
		for (int j = 0; j < BF_SEGS; j++) {
			bf->slots[i].grefs[j] = grant_page(bf, &bf->slots[i].pages[j]);
			if (bf->slots[i].grefs[j] < 0)
				return bf->slots[i].grefs[j];
		}
	}
	return 0;
}

/* blkif.h: ring-ref for one page; ring-page-order and ring-refN for more. */
static int bf_publish_ring(struct blkfront *bf)
{
	struct xenbus_device *dev = bf->dev;
	char key[16];
	int rc;

	if (!bf->ring_order)
		return xenbus_printf(dev, "ring-ref", "%d", bf->ring_refs[0]);
	rc = xenbus_printf(dev, "ring-page-order", "%u", bf->ring_order);
	for (unsigned int i = 0; !rc && i < 1u << bf->ring_order; i++) {
		k_snprintf(key, sizeof(key), "ring-ref%u", i);
		rc = xenbus_printf(dev, key, "%d", bf->ring_refs[i]);
	}
	return rc;
}

/* The back-end's description of the disk, once it is connected. */
static int bf_read_disk(struct blkfront *bf)
{
	struct xenbus_device *dev = bf->dev;
	uint64_t sectors = xenbus_read_otherend_u64(dev, "sectors", 0);
	uint64_t size = xenbus_read_otherend_u64(dev, "sector-size", 512);
	uint64_t info = xenbus_read_otherend_u64(dev, "info", 0);

	if (!sectors || size < 512 || size > 4096 || (size & (size - 1))) {
		k_err("blkfront: %s: the back-end describes no usable disk (sectors %lu, "
		      "sector-size %lu)\n", dev->nodename, (unsigned long)sectors,
		      (unsigned long)size);
		return -EINVAL;
	}
	/* blkif.h: "sectors" counts 512-byte units whatever the sector size. */
	bf->bd.sector_size = (uint32_t)size;
	bf->bd.sectors = sectors / (size / 512);
	bf->bd.max_sectors = (uint32_t)(BF_SEGS * 4096 / size);
	bf->bd.read_only = info & VDISK_READONLY;
	bf->bd.can_flush = xenbus_read_otherend_u64(dev, "feature-flush-cache", 0) == 1;
	return 0;
}

static int blkfront_probe(struct xenbus_device *dev)
{
	struct blkfront *bf = k_calloc(1, sizeof(*bf));
	uint64_t deadline = k_time_ns() + BF_CONNECT_TIMEOUT_NS;
	char vdev[16];
	int rc;

	if (!bf)
		return -ENOMEM;
	bf->dev = dev;
	dev->priv = bf;
	bf->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	/* The device id is the "virtual-device" number the ring's handle carries. */
	rc = xenbus_read_own(dev, "virtual-device", vdev, sizeof(vdev));
	for (int i = 0; rc > 0 && i < rc; i++) {
		if (vdev[i] < '0' || vdev[i] > '9' || bf->handle > 6553)
			return -EINVAL;
		bf->handle = (uint16_t)(bf->handle * 10 + (uint16_t)(vdev[i] - '0'));
	}
	/* The back-end says in InitWait whether it takes a multi-page ring. */
	rc = xenbus_wait_otherend(dev, XENBUS_STATE_INIT_WAIT, deadline);
	if (rc)
		goto out;
	bf->ring_order = xenbus_read_otherend_u64(dev, "max-ring-page-order", 0) >=
			 BF_RING_ORDER ? BF_RING_ORDER : 0;
	rc = bf_setup(bf);
	if (!rc)
		rc = xen_evtchn_alloc_unbound(dev->otherend_id, &bf->port);
	if (!rc)
		rc = xen_evtchn_handler_set(bf->port, bf_irq, bf, "blkfront");
	if (!rc)
		rc = bf_publish_ring(bf);
	if (!rc)
		rc = xenbus_printf(dev, "event-channel", "%u", bf->port);
	if (!rc)
		rc = xenbus_printf(dev, "protocol", XEN_IO_PROTO_ABI_NATIVE);
	if (!rc)
		rc = xenbus_switch_state(dev, XENBUS_STATE_INITIALISED);
	if (!rc)
		rc = xenbus_wait_otherend(dev, XENBUS_STATE_CONNECTED, deadline);
	if (!rc)
		rc = bf_read_disk(bf);
	if (!rc)
		rc = xenbus_switch_state(dev, XENBUS_STATE_CONNECTED);
out:
	if (rc) {
		k_err("blkfront: %s: back-end %s did not connect (%d)\n", dev->nodename,
		      dev->otherend, rc);
		return rc;
	}
	bf->bd.ops = &blkfront_ops;
	bf->bd.priv = bf;
	return k_blkdev_register(&bf->bd);
}

static struct xenbus_driver blkfront_driver = {
	.type = "vbd",
	.probe = blkfront_probe,
};

static int blkfront_register(void)
{
	xenbus_register_driver(&blkfront_driver);
	return 0;
}
K_INIT(blkfront_register, K_INIT_BUS, 50);
