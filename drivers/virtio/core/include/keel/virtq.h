/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Split virtqueues (virtio v1.2 §2.7): the driver adds chains of buffers, the device
 * returns them through the used ring. Indirect descriptors are used for chains of more
 * than one buffer when negotiated (§2.7.5.3), event-idx suppression when negotiated
 * (§2.7.7, §2.7.10). Every entry the device returns is checked against the driver's
 * own record of what is in flight, never against the shared rings: a used id out of
 * range or not in flight is counted, logged once and skipped; a length larger than the
 * chain's writable part fails that request (k_virtq_get returns K_VIRTQ_LEN_BAD; on a
 * legacy transport, whose devices often get len wrong (§2.7.8.1), it is clamped); a used
 * index that runs ahead by more than the ring size breaks the queue (the device is
 * marked FAILED, k_virtq_get returns NULL, k_virtq_add -EIO; k_virtq_detach gives the
 * tokens back). Nothing is read back from the descriptor table.
 *
 * Locking: a queue is not locked by the core. Its driver serialises add/kick and get,
 * usually with one spinlock per queue taken in both thread and interrupt context.
 */
#ifndef KEEL_VIRTQ_H
#define KEEL_VIRTQ_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/list.h>

struct k_virtio_dev;
struct k_virtq;

/* One buffer of a chain. Device-readable buffers come first, then writable ones. */
struct k_virtq_buf {
	void *addr;
	uint32_t len;
};

/* Called in interrupt context when the device used buffers (or from k_virtq_poll). */
typedef void (*k_virtq_callback_t)(struct k_virtq *vq, void *arg);

#define K_VIRTQ_LEN_BAD		UINT32_MAX	/* k_virtq_get: the device lied about len */
/* Chains of 2..K_VIRTQ_INDIRECT_MAX buffers take one ring slot when indirect is on. */
#define K_VIRTQ_INDIRECT_MAX	16
/* Largest queue k_virtq_create makes (sizes are rounded down to a power of two). */
#define K_VIRTQ_SIZE_MAX	256

struct k_virtq_stats {
	uint64_t added;			/* chains added */
	uint64_t used;			/* chains returned */
	uint64_t notifies;		/* doorbell writes */
	uint64_t interrupts;
	uint64_t bad_id;		/* used entries naming no chain in flight */
	uint64_t bad_len;		/* used lengths beyond the chain's writable bytes */
	uint64_t bad_idx;		/* used index jumps beyond the ring size (breaks it) */
	uint64_t indirect;		/* chains added through an indirect table */
};

/*
 * Create queue idx of vd with up to size entries (0: the device's maximum, capped at
 * 256), calling cb(vq, arg) when buffers come back. Before k_virtio_driver_ok().
 * 0, -ENOENT (no such queue), -ENOMEM.
 */
int k_virtq_create(struct k_virtio_dev *vd, unsigned int idx, unsigned int size,
		   k_virtq_callback_t cb, void *arg, struct k_virtq **out);
/* Free a queue; the device must be reset first. */
void k_virtq_destroy(struct k_virtq *vq);
/* After a reset or a broken queue: the next token still in flight (freed), or NULL. */
void *k_virtq_detach(struct k_virtq *vq);
/* True once the device broke the queue's protocol (see above). */
bool k_virtq_broken(const struct k_virtq *vq);

/*
 * Add a chain: n_out device-readable buffers then n_in device-writable ones. token comes
 * back from k_virtq_get(). 0, -ENOSPC (the ring is full: retry after a completion),
 * -EINVAL (no buffers, a zero-length one, more buffers than the queue size) or -EIO
 * (the queue is broken).
 */
int k_virtq_add(struct k_virtq *vq, const struct k_virtq_buf *bufs, unsigned int n_out,
		unsigned int n_in, void *token);
/* Tell the device about added chains, unless it asked not to be told (event idx). */
void k_virtq_kick(struct k_virtq *vq);
/* The next chain the device returned, or NULL; *len: bytes it wrote, or K_VIRTQ_LEN_BAD. */
void *k_virtq_get(struct k_virtq *vq, uint32_t *len);

/* Interrupt suppression (§2.7.7). enable returns false when chains came back meanwhile:
 * the caller must drain them with k_virtq_get() before waiting for an interrupt. */
void k_virtq_disable_cb(struct k_virtq *vq);
bool k_virtq_enable_cb(struct k_virtq *vq);

unsigned int k_virtq_size(const struct k_virtq *vq);
unsigned int k_virtq_free_slots(const struct k_virtq *vq);	/* descriptors left */
unsigned int k_virtq_index(const struct k_virtq *vq);
struct k_virtio_dev *k_virtq_device(const struct k_virtq *vq);
const struct k_virtq_stats *k_virtq_stats(const struct k_virtq *vq);

/* For transports: the three areas' physical addresses and the size. */
uint64_t k_virtq_desc_addr(const struct k_virtq *vq);
uint64_t k_virtq_avail_addr(const struct k_virtq *vq);
uint64_t k_virtq_used_addr(const struct k_virtq *vq);
/* Transport private word (the notify address, the MSI-X vector...). */
void **k_virtq_transport_priv(struct k_virtq *vq);

#endif /* KEEL_VIRTQ_H */
