/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtio 1.x devices (OASIS virtio v1.2), independent of the transport. A transport
 * (virtio-pci, virtio-mmio) finds a device and calls k_virtio_device_add(); the core
 * matches it with a registered device driver by device type and calls its probe:
 *
 *	static int blk_probe(struct k_virtio_dev *vd)
 *	{
 *		int rc = k_virtio_negotiate(vd, BLK_FEATURES);	(VERSION_1 is always asked)
 *		...k_virtq_create(vd, 0, 0, blk_done, priv, &vq)...
 *		k_virtio_driver_ok(vd);
 *	}
 *	static struct k_virtio_driver blk = {
 *		.name = "virtio-blk", .device_type = K_VIRTIO_ID_BLOCK, .probe = blk_probe,
 *	};
 *	K_INIT(blk_register, K_INIT_BUS, 50) { return k_virtio_driver_register(&blk); }
 *
 * Transports add devices at K_INIT_DRIVER, after every driver registered at K_INIT_BUS
 * (a driver registered later is still offered the devices nobody took).
 * Memory is identity-mapped: a buffer's address is its physical address.
 *
 * The device list and the driver registry are changed only by init code (one CPU,
 * before main), so they take no lock.
 */
#ifndef KEEL_VIRTIO_H
#define KEEL_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <keel/list.h>

/* Device types (virtio v1.2 §5). */
#define K_VIRTIO_ID_NET		1
#define K_VIRTIO_ID_BLOCK	2
#define K_VIRTIO_ID_CONSOLE	3
#define K_VIRTIO_ID_RNG		4
#define K_VIRTIO_ID_9P		9

/* Device status bits (§2.1). */
#define K_VIRTIO_STATUS_ACKNOWLEDGE	0x01
#define K_VIRTIO_STATUS_DRIVER		0x02
#define K_VIRTIO_STATUS_DRIVER_OK	0x04
#define K_VIRTIO_STATUS_FEATURES_OK	0x08
#define K_VIRTIO_STATUS_NEEDS_RESET	0x40
#define K_VIRTIO_STATUS_FAILED		0x80

/* Transport-independent feature bits (§6). */
#define K_VIRTIO_F_INDIRECT_DESC	28
#define K_VIRTIO_F_EVENT_IDX		29
#define K_VIRTIO_F_VERSION_1		32
#define K_VIRTIO_F_ACCESS_PLATFORM	33
#define K_VIRTIO_BIT(b)			(1ull << (b))

struct k_virtio_dev;
struct k_virtq;

/* What a transport provides (virtio-pci modern, virtio-mmio v2 or legacy v1). */
struct k_virtio_transport {
	const char *name;			/* "pci", "mmio" */
	uint64_t (*features_get)(struct k_virtio_dev *vd);
	void (*features_set)(struct k_virtio_dev *vd, uint64_t features);
	uint8_t (*status_get)(struct k_virtio_dev *vd);
	void (*status_set)(struct k_virtio_dev *vd, uint8_t status);
	void (*reset)(struct k_virtio_dev *vd);	/* returns once the device reads 0 */
	/* Device-specific configuration space, byte offset off (§2.5). */
	void (*config_read)(struct k_virtio_dev *vd, unsigned int off, void *buf, size_t len);
	void (*config_write)(struct k_virtio_dev *vd, unsigned int off, const void *buf,
			     size_t len);
	uint32_t (*config_generation)(struct k_virtio_dev *vd);
	/* Largest size of queue idx, 0 when the queue does not exist. */
	unsigned int (*queue_max)(struct k_virtio_dev *vd, unsigned int idx);
	/* Give the device the queue's three areas (physical addresses) and enable it. */
	int (*queue_enable)(struct k_virtio_dev *vd, struct k_virtq *vq);
	void (*queue_notify)(struct k_virtio_dev *vd, struct k_virtq *vq);
	/*
	 * Route interrupts: per-queue vectors when the transport can (MSI-X), else one
	 * line for all, on which the core reads the ISR. Called by k_virtio_driver_ok().
	 */
	int (*irq_setup)(struct k_virtio_dev *vd);
};

struct k_virtio_dev {
	uint32_t device_type;			/* K_VIRTIO_ID_* */
	uint64_t features;			/* negotiated */
	char name[24];				/* "virtio-blk0": the driver's name + index */
	const struct k_virtio_transport *transport;
	void *transport_priv;
	const struct k_virtio_driver *driver;
	void *priv;				/* the driver's */
	struct k_list queues;			/* struct k_virtq, by index */
	struct k_list node;			/* all devices */
	bool legacy;				/* virtio-mmio version 1: no VERSION_1 */
	const char *irq_mode;			/* set by irq_setup, for reports */
};

struct k_virtio_driver {
	const char *name;			/* device names are name + a counter */
	uint32_t device_type;
	/* 0, or -errno: the device is then reset, its queues freed, and marked FAILED. */
	int (*probe)(struct k_virtio_dev *vd);
	/* Optional: the configuration space changed (§2.5.2); interrupt context. */
	void (*config_changed)(struct k_virtio_dev *vd);
	struct k_list node;
	unsigned int count;			/* devices bound so far */
};

int k_virtio_driver_register(struct k_virtio_driver *drv);
/* Transports: a device was found. Reset, acknowledged, matched, probed. */
int k_virtio_device_add(struct k_virtio_dev *vd);

/*
 * Accept the features in wanted that the device offers, plus VERSION_1 (required,
 * except on a legacy transport) and the ring features the core implements
 * (K_VIRTIO_RING_FEATURES: INDIRECT_DESC, EVENT_IDX) when offered; set FEATURES_OK and
 * check the device kept it (not on legacy). The result is in vd->features. 0,
 * -ENODEV (no VERSION_1) or -EIO (the device refused).
 */
#define K_VIRTIO_RING_FEATURES	(K_VIRTIO_BIT(K_VIRTIO_F_INDIRECT_DESC) | \
				 K_VIRTIO_BIT(K_VIRTIO_F_EVENT_IDX))
int k_virtio_negotiate(struct k_virtio_dev *vd, uint64_t wanted);
static inline bool k_virtio_has(const struct k_virtio_dev *vd, unsigned int bit)
{
	return vd->features & K_VIRTIO_BIT(bit);
}
/* Set up interrupts and DRIVER_OK: the device may now use its queues. */
int k_virtio_driver_ok(struct k_virtio_dev *vd);
/* Mark the device FAILED and log why (a device that broke the protocol). */
void k_virtio_fail(struct k_virtio_dev *vd, const char *why);
/* Read the configuration space consistently (retries while the generation changes). */
void k_virtio_config_read(struct k_virtio_dev *vd, unsigned int off, void *buf, size_t len);

/*
 * The core's interrupt entries for transports (interrupt context): one queue (its own
 * MSI-X vector), every queue of the device (a shared line whose ISR said "queue"), the
 * configuration changed (its vector, or the ISR's config bit).
 */
void k_virtio_queue_interrupt(struct k_virtq *vq);
void k_virtio_device_interrupt(struct k_virtio_dev *vd);
void k_virtio_config_interrupt(struct k_virtio_dev *vd);
/* For transports: configuration space in MMIO registers at p, field at off, len bytes. */
void k_virtio_config_mmio_read(const volatile uint8_t *p, unsigned int off, void *buf,
			       size_t len);
void k_virtio_config_mmio_write(volatile uint8_t *p, unsigned int off, const void *buf,
				size_t len);
/* For transports: queue idx of vd, or NULL when the driver did not create it. */
struct k_virtq *k_virtio_queue(struct k_virtio_dev *vd, unsigned int idx);
/* Devices added so far, in order (tests and tools). */
unsigned int k_virtio_count(void);
struct k_virtio_dev *k_virtio_get(unsigned int n);

#endif /* KEEL_VIRTIO_H */
