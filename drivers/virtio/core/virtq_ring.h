/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The split virtqueue's shared areas as the device sees them (virtio v1.2 §2.7). Fields
 * are little-endian; Keel's targets are little-endian, so they are used as they are.
 * Private to the core and its host tests (which play the device).
 */
#ifndef VIRTQ_RING_H
#define VIRTQ_RING_H

#include <stddef.h>
#include <stdint.h>

/* Descriptor table entry (§2.7.5). */
struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

#define VIRTQ_DESC_F_NEXT	1	/* next is valid */
#define VIRTQ_DESC_F_WRITE	2	/* device-writable */
#define VIRTQ_DESC_F_INDIRECT	4	/* addr/len is a table of descriptors (§2.7.5.3) */

/* Driver area (§2.7.6): flags, idx, ring[size], then used_event (event idx). */
struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

#define VIRTQ_AVAIL_F_NO_INTERRUPT	1	/* §2.7.7: without EVENT_IDX */

/* Device area (§2.7.8): flags, idx, ring[size], then avail_event (event idx). */
struct virtq_used_elem {
	uint32_t id;		/* head of the chain */
	uint32_t len;		/* bytes written into the writable part */
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[];
};

#define VIRTQ_USED_F_NO_NOTIFY	1	/* §2.7.10: without EVENT_IDX */

/*
 * One contiguous block in the legacy layout (§2.7.2 "Legacy Interfaces"), which also
 * meets the modern alignments (descriptors 16, driver area 2, device area 4): the
 * descriptor table, the driver area right after it, the device area at the next 4096.
 * Legacy virtio-mmio (QueuePFN, QueueAlign 4096) needs exactly this.
 */
#define VIRTQ_LEGACY_ALIGN	4096

static inline size_t virtq_avail_offset(unsigned int size)
{
	return sizeof(struct virtq_desc) * size;
}

static inline size_t virtq_used_offset(unsigned int size)
{
	size_t end = virtq_avail_offset(size) + sizeof(uint16_t) * (3 + size);

	return (end + VIRTQ_LEGACY_ALIGN - 1) & ~(size_t)(VIRTQ_LEGACY_ALIGN - 1);
}

static inline size_t virtq_ring_bytes(unsigned int size)
{
	return virtq_used_offset(size) + sizeof(uint16_t) * 3 +
	       sizeof(struct virtq_used_elem) * size;
}

#endif /* VIRTQ_RING_H */
