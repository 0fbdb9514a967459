// SPDX-License-Identifier: BSD-3-Clause
/*
 * Split virtqueues (virtio v1.2 §2.7). The driver keeps its own record of every chain
 * in flight (token, descriptor count, writable bytes) and its own copy of the
 * descriptor links (free list and chains): what comes back through the used ring is
 * checked against that record, and nothing is ever read back from the shared
 * descriptor table, so a device that rewrites descriptors cannot make a loop.
 *
 * Memory ordering (x86 is TSO: loads are not reordered with loads, stores not with
 * stores, but a store may pass a later load). Each fence below says what it orders;
 * virtq_release/virtq_acquire are compiler barriers on x86 and real fences elsewhere,
 * virtq_full is mfence-class on x86 and is needed exactly where a store to the shared
 * rings must be visible before a load from them (store-load).
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/compiler.h>
#include <keel/fmt.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "virtio_priv.h"
#include "virtq_ring.h"

#define virtq_release()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define virtq_acquire()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define virtq_full()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

#define VIRTQ_PAGE	4096

/* The driver's record of a chain, kept per head descriptor. */
struct virtq_head {
	void *token;
	uint64_t writable;		/* bytes the device may write */
	uint16_t ndesc;			/* ring descriptors the chain holds */
	bool in_flight;
};

struct k_virtq {
	struct k_virtio_dev *vd;
	unsigned int index, size;
	k_virtq_callback_t cb;
	void *cb_arg;
	void *transport_priv;
	struct k_list node;		/* vd->queues, by index */

	void *mem;			/* the three areas, VIRTQ_PAGE aligned */
	size_t mem_pages;
	volatile struct virtq_desc *desc;
	volatile struct virtq_avail *avail;
	volatile struct virtq_used *used;
	struct virtq_desc *indirect;	/* K_VIRTQ_INDIRECT_MAX entries per head, or NULL */
	size_t indirect_pages;

	uint16_t *next;			/* descriptor links: the free list and the chains */
	struct virtq_head *heads;
	uint16_t free_head, num_free;
	uint16_t avail_idx;		/* our copy of avail->idx */
	uint16_t kicked_idx;		/* avail_idx at the last kick */
	uint16_t last_used;		/* next used entry to read */
	uint16_t avail_flags;		/* our copy of avail->flags */
	bool event_idx, use_indirect, cb_disabled, broken;
	bool logged_bad_id, logged_bad_len;
	struct k_virtq_stats stats;
};

/* used_event sits after the driver ring, avail_event after the device ring (§2.7.10). */
static volatile uint16_t *virtq_used_event(struct k_virtq *vq)
{
	return &vq->avail->ring[vq->size];
}

static volatile uint16_t *virtq_avail_event(struct k_virtq *vq)
{
	return (volatile uint16_t *)&vq->used->ring[vq->size];
}

static int virtq_alloc(struct k_virtq *vq)
{
	vq->mem_pages = (virtq_ring_bytes(vq->size) + VIRTQ_PAGE - 1) / VIRTQ_PAGE;
	vq->mem = k_palloc(vq->mem_pages);
	vq->next = k_malloc(sizeof(*vq->next) * vq->size);
	vq->heads = k_calloc(vq->size, sizeof(*vq->heads));
	if (vq->use_indirect) {
		size_t bytes = sizeof(struct virtq_desc) * K_VIRTQ_INDIRECT_MAX * vq->size;

		vq->indirect_pages = (bytes + VIRTQ_PAGE - 1) / VIRTQ_PAGE;
		vq->indirect = k_palloc(vq->indirect_pages);
	}
	if (!vq->mem || !vq->next || !vq->heads || (vq->use_indirect && !vq->indirect))
		return -ENOMEM;
	memset(vq->mem, 0, vq->mem_pages * VIRTQ_PAGE);
	vq->desc = vq->mem;
	vq->avail = (void *)((char *)vq->mem + virtq_avail_offset(vq->size));
	vq->used = (void *)((char *)vq->mem + virtq_used_offset(vq->size));
	for (unsigned int i = 0; i < vq->size; i++)
		vq->next[i] = (uint16_t)(i + 1);
	vq->num_free = (uint16_t)vq->size;
	return 0;
}

static void virtq_free(struct k_virtq *vq)
{
	if (vq->mem)
		k_pfree(vq->mem, vq->mem_pages);
	if (vq->indirect)
		k_pfree(vq->indirect, vq->indirect_pages);
	k_free(vq->next);
	k_free(vq->heads);
	k_free(vq);
}

static unsigned int virtq_pick_size(unsigned int want, unsigned int max)
{
	unsigned int size = want ? want : K_VIRTQ_SIZE_MAX;

	size = K_MIN(K_MIN(size, max), K_VIRTQ_SIZE_MAX);
	while (size & (size - 1))	/* power of two: ring slots are idx & (size - 1) */
		size &= size - 1;
	return size;
}

static void virtq_link(struct k_virtio_dev *vd, struct k_virtq *vq)
{
	k_list_for_each(pos, &vd->queues) {
		if (k_list_entry(pos, struct k_virtq, node)->index > vq->index) {
			k_list_insert_between(&vq->node, pos->prev, pos);
			return;
		}
	}
	k_list_add_tail(&vd->queues, &vq->node);
}

int k_virtq_create(struct k_virtio_dev *vd, unsigned int idx, unsigned int size,
		   k_virtq_callback_t cb, void *arg, struct k_virtq **out)
{
	unsigned int max = vd->transport->queue_max(vd, idx);
	struct k_virtq *vq;
	int rc;

	if (!max || k_virtio_queue(vd, idx))
		return max ? -EBUSY : -ENOENT;
	vq = k_calloc(1, sizeof(*vq));
	if (!vq)
		return -ENOMEM;
	vq->vd = vd;
	vq->index = idx;
	vq->size = virtq_pick_size(size, max);
	vq->cb = cb;
	vq->cb_arg = arg;
	vq->event_idx = k_virtio_has(vd, K_VIRTIO_F_EVENT_IDX);
	vq->use_indirect = k_virtio_has(vd, K_VIRTIO_F_INDIRECT_DESC);
	k_list_init(&vq->node);
	rc = virtq_alloc(vq);
	if (!rc)
		rc = vd->transport->queue_enable(vd, vq);
	if (rc) {
		virtq_free(vq);
		return rc;
	}
	virtq_link(vd, vq);
	*out = vq;
	return 0;
}

void k_virtq_destroy(struct k_virtq *vq)
{
	k_list_del(&vq->node);
	virtq_free(vq);
}

/* One descriptor: device-readable buffers first, then writable ones (§2.7.4.2). */
static void virtq_fill(volatile struct virtq_desc *d, const struct k_virtq_buf *b,
		       bool writable, bool more, uint16_t next)
{
	d->addr = (uint64_t)(uintptr_t)b->addr;
	d->len = b->len;
	d->flags = (uint16_t)((writable ? VIRTQ_DESC_F_WRITE : 0) | (more ? VIRTQ_DESC_F_NEXT : 0));
	d->next = more ? next : 0;
}

/* Chain of n buffers through one ring descriptor and head's indirect table. */
static void virtq_add_indirect(struct k_virtq *vq, uint16_t head, const struct k_virtq_buf *bufs,
			       unsigned int n_out, unsigned int n)
{
	struct virtq_desc *table = vq->indirect + (size_t)head * K_VIRTQ_INDIRECT_MAX;

	for (unsigned int i = 0; i < n; i++)
		virtq_fill(&table[i], &bufs[i], i >= n_out, i + 1 < n, (uint16_t)(i + 1));
	vq->desc[head].addr = (uint64_t)(uintptr_t)table;
	vq->desc[head].len = (uint32_t)(sizeof(*table) * n);
	vq->desc[head].flags = VIRTQ_DESC_F_INDIRECT;	/* never with NEXT (§2.7.5.3.1) */
	vq->desc[head].next = 0;
	vq->free_head = vq->next[head];
	vq->stats.indirect++;
}

/* Chain of n buffers through n ring descriptors, taken off the free list in order. */
static void virtq_add_direct(struct k_virtq *vq, const struct k_virtq_buf *bufs,
			     unsigned int n_out, unsigned int n)
{
	uint16_t d = vq->free_head;

	for (unsigned int i = 0; i < n; i++) {
		virtq_fill(&vq->desc[d], &bufs[i], i >= n_out, i + 1 < n, vq->next[d]);
		d = vq->next[d];
	}
	vq->free_head = d;
}

int k_virtq_add(struct k_virtq *vq, const struct k_virtq_buf *bufs, unsigned int n_out,
		unsigned int n_in, void *token)
{
	unsigned int n = n_out + n_in, ndesc;
	uint64_t writable = 0;
	uint16_t head;
	bool indirect;

	if (vq->broken)
		return -EIO;
	if (!n || n > vq->size || n < n_out)
		return -EINVAL;
	for (unsigned int i = 0; i < n; i++) {
		if (!bufs[i].len)
			return -EINVAL;
		if (i >= n_out)
			writable += bufs[i].len;
	}
	indirect = vq->use_indirect && n > 1 && n <= K_VIRTQ_INDIRECT_MAX;
	ndesc = indirect ? 1 : n;
	if (ndesc > vq->num_free)
		return -ENOSPC;

	head = vq->free_head;
	if (indirect)
		virtq_add_indirect(vq, head, bufs, n_out, n);
	else
		virtq_add_direct(vq, bufs, n_out, n);
	vq->num_free = (uint16_t)(vq->num_free - ndesc);
	vq->heads[head] = (struct virtq_head){ token, writable, (uint16_t)ndesc, true };

	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = head;
	/* The descriptors and the ring entry are written before the index that publishes
	 * them (§2.7.13.2): a store-store order, a compiler barrier on x86. */
	virtq_release();
	vq->avail->idx = ++vq->avail_idx;
	vq->stats.added++;
	return 0;
}

void k_virtq_kick(struct k_virtq *vq)
{
	uint16_t old = vq->kicked_idx, new = vq->avail_idx;
	bool notify;

	/* Store-load: avail->idx must be visible to the device before we read whether it
	 * wants a notification (§2.7.13.4), else both sides can miss each other. */
	virtq_full();
	vq->kicked_idx = new;
	if (old == new)
		return;
	if (vq->event_idx) {
		/* Notify when avail_event lies in [old, new) (§2.7.10). */
		uint16_t event = *virtq_avail_event(vq);

		notify = (uint16_t)(new - event - 1) < (uint16_t)(new - old);
	} else {
		notify = !(vq->used->flags & VIRTQ_USED_F_NO_NOTIFY);
	}
	if (notify) {
		vq->vd->transport->queue_notify(vq->vd, vq);
		vq->stats.notifies++;
	}
}

/* Put the head's chain back on the free list, walking our own links only. */
static void virtq_free_chain(struct k_virtq *vq, uint16_t head)
{
	struct virtq_head *h = &vq->heads[head];
	uint16_t tail = head;

	for (unsigned int i = 1; i < h->ndesc; i++)
		tail = vq->next[tail];
	vq->next[tail] = vq->free_head;
	vq->free_head = head;
	vq->num_free = (uint16_t)(vq->num_free + h->ndesc);
	h->in_flight = false;
	h->token = NULL;
}

static void virtq_break(struct k_virtq *vq, uint16_t used_idx)
{
	char why[128];

	vq->broken = true;
	vq->stats.bad_idx++;
	k_snprintf(why, sizeof(why),
		   "queue %u: the used index jumped from %u to %u, more than the %u entries of the ring",
		   vq->index, vq->last_used, used_idx, vq->size);
	k_virtio_fail(vq->vd, why);
}

/* Check one used entry against our record; the token, or NULL for a bad id. */
static void *virtq_take(struct k_virtq *vq, uint32_t id, uint32_t len, uint32_t *lenp)
{
	void *token;

	if (id >= vq->size || !vq->heads[id].in_flight) {
		vq->stats.bad_id++;
		if (!vq->logged_bad_id)
			k_err("%s: queue %u: the device returned id %u, which is not in flight; ignored\n",
			      vq->vd->name, vq->index, id);
		vq->logged_bad_id = true;
		return NULL;
	}
	token = vq->heads[id].token;
	/*
	 * §2.7.8.1 (legacy interface): many legacy devices set len wrongly, so on a legacy
	 * transport it is clamped, not trusted; a chain with nothing writable has no len.
	 */
	if (len > vq->heads[id].writable && (vq->vd->legacy || !vq->heads[id].writable)) {
		vq->stats.bad_len++;
		if (!vq->logged_bad_len)
			k_warn("%s: queue %u: the device reported %u bytes for a chain of %llu writable bytes (id %u); taken as %llu\n",
			       vq->vd->name, vq->index, len,
			       (unsigned long long)vq->heads[id].writable, id,
			       (unsigned long long)vq->heads[id].writable);
		vq->logged_bad_len = true;
		len = (uint32_t)vq->heads[id].writable;
	} else if (len > vq->heads[id].writable) {
		vq->stats.bad_len++;
		if (!vq->logged_bad_len)
			k_err("%s: queue %u: the device wrote %u bytes into a chain of %llu writable bytes (id %u); request failed\n",
			      vq->vd->name, vq->index, len,
			      (unsigned long long)vq->heads[id].writable, id);
		vq->logged_bad_len = true;
		len = K_VIRTQ_LEN_BAD;
	}
	virtq_free_chain(vq, (uint16_t)id);
	vq->stats.used++;
	if (lenp)
		*lenp = len;
	return token;
}

void *k_virtq_get(struct k_virtq *vq, uint32_t *len)
{
	while (!vq->broken) {
		uint16_t used_idx = vq->used->idx;
		volatile struct virtq_used_elem *e;
		uint32_t id, elen;
		void *token;

		if (used_idx == vq->last_used)
			return NULL;
		if ((uint16_t)(used_idx - vq->last_used) > vq->size) {
			virtq_break(vq, used_idx);
			return NULL;
		}
		/* Load-load: the entry is read after the index that published it (§2.7.14);
		 * a compiler barrier on x86. */
		virtq_acquire();
		e = &vq->used->ring[vq->last_used & (vq->size - 1)];
		id = e->id;
		elen = e->len;
		vq->last_used++;
		if (vq->event_idx && !vq->cb_disabled) {
			/* Ask for an interrupt at the next entry. Store-load: used_event must be
			 * visible before we read used->idx again, or an entry the device adds
			 * meanwhile could be neither seen nor signalled. */
			*virtq_used_event(vq) = vq->last_used;
			virtq_full();
		}
		token = virtq_take(vq, id, elen, len);
		if (token)
			return token;
	}
	return NULL;
}

void k_virtq_disable_cb(struct k_virtq *vq)
{
	vq->cb_disabled = true;
	if (!vq->event_idx) {
		vq->avail_flags |= VIRTQ_AVAIL_F_NO_INTERRUPT;
		vq->avail->flags = vq->avail_flags;
	}
	/* With event idx, used_event simply stops following last_used: at most one more
	 * interrupt comes (a hint either way, §2.7.7). */
}

bool k_virtq_enable_cb(struct k_virtq *vq)
{
	vq->cb_disabled = false;
	if (vq->event_idx) {
		*virtq_used_event(vq) = vq->last_used;
	} else {
		vq->avail_flags &= (uint16_t)~VIRTQ_AVAIL_F_NO_INTERRUPT;
		vq->avail->flags = vq->avail_flags;
	}
	/* Store-load: the request for interrupts is visible before we look for entries
	 * that came back meanwhile (which would not interrupt). */
	virtq_full();
	return vq->broken || vq->used->idx == vq->last_used;
}

void *k_virtq_detach(struct k_virtq *vq)
{
	for (unsigned int i = 0; i < vq->size; i++) {
		if (vq->heads[i].in_flight) {
			void *token = vq->heads[i].token;

			virtq_free_chain(vq, (uint16_t)i);
			return token;
		}
	}
	return NULL;
}

bool k_virtq_broken(const struct k_virtq *vq)
{
	return vq->broken;
}

void k_virtio_queue_interrupt(struct k_virtq *vq)
{
	vq->stats.interrupts++;
	if (vq->cb)
		vq->cb(vq, vq->cb_arg);
}

unsigned int k_virtq_size(const struct k_virtq *vq)
{
	return vq->size;
}

unsigned int k_virtq_free_slots(const struct k_virtq *vq)
{
	return vq->num_free;
}

unsigned int k_virtq_index(const struct k_virtq *vq)
{
	return vq->index;
}

struct k_virtio_dev *k_virtq_device(const struct k_virtq *vq)
{
	return vq->vd;
}

const struct k_virtq_stats *k_virtq_stats(const struct k_virtq *vq)
{
	return &vq->stats;
}

uint64_t k_virtq_desc_addr(const struct k_virtq *vq)
{
	return (uint64_t)(uintptr_t)vq->desc;
}

uint64_t k_virtq_avail_addr(const struct k_virtq *vq)
{
	return (uint64_t)(uintptr_t)vq->avail;
}

uint64_t k_virtq_used_addr(const struct k_virtq *vq)
{
	return (uint64_t)(uintptr_t)vq->used;
}

void **k_virtq_transport_priv(struct k_virtq *vq)
{
	return &vq->transport_priv;
}

struct k_virtq *k_virtio_queue(struct k_virtio_dev *vd, unsigned int idx)
{
	k_list_for_each(pos, &vd->queues) {
		struct k_virtq *vq = k_list_entry(pos, struct k_virtq, node);

		if (vq->index == idx)
			return vq;
	}
	return NULL;
}

void k_virtio_device_interrupt(struct k_virtio_dev *vd)
{
	k_list_for_each(pos, &vd->queues)
		k_virtio_queue_interrupt(k_list_entry(pos, struct k_virtq, node));
}

void virtq_destroy_all(struct k_virtio_dev *vd)
{
	k_list_for_each_safe(pos, &vd->queues)
		k_virtq_destroy(k_list_entry(pos, struct k_virtq, node));
}
