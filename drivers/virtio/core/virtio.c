// SPDX-License-Identifier: BSD-3-Clause
/*
 * The virtio core (virtio v1.2 §2, §3): devices found by the transports, device
 * drivers matched by device type, the initialisation sequence of §3.1.1, feature
 * negotiation, and the configuration space read under its generation counter.
 * The lists are changed by init code only (one CPU, before main): no lock.
 */
#include <errno.h>
#include <string.h>
#include <keel/fmt.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "virtio_priv.h"

#define VIRTIO_CONFIG_RETRIES	100

static struct k_list virtio_devices = K_LIST_INIT(virtio_devices);
static struct k_list virtio_drivers = K_LIST_INIT(virtio_drivers);
static unsigned int virtio_ndevices;

static void virtio_status_or(struct k_virtio_dev *vd, uint8_t bits)
{
	vd->transport->status_set(vd, (uint8_t)(vd->transport->status_get(vd) | bits));
}

void k_virtio_fail(struct k_virtio_dev *vd, const char *why)
{
	k_err("%s: %s; device marked FAILED\n", vd->name, why);
	virtio_status_or(vd, K_VIRTIO_STATUS_FAILED);
}

/* §3.1.1 steps 3..: the driver's probe negotiates, creates queues, sets DRIVER_OK. */
static int virtio_bind(struct k_virtio_dev *vd, struct k_virtio_driver *drv)
{
	char why[64];
	int rc;

	vd->driver = drv;
	k_snprintf(vd->name, sizeof(vd->name), "%s%u", drv->name, drv->count++);
	virtio_status_or(vd, K_VIRTIO_STATUS_DRIVER);
	rc = drv->probe(vd);
	if (rc == 0) {
		k_info("%s: virtio device type %u on %s%s, features %#llx\n", vd->name,
		       vd->device_type, vd->transport->name, vd->legacy ? " (legacy)" : "",
		       (unsigned long long)vd->features);
		return 0;
	}
	/* Stop the device using the queues before freeing them, then give up on it. */
	vd->transport->reset(vd);
	virtq_destroy_all(vd);
	vd->driver = NULL;
	vd->priv = NULL;
	k_snprintf(why, sizeof(why), "the driver's probe failed (%d)", rc);
	k_virtio_fail(vd, why);
	return rc;
}

static struct k_virtio_driver *virtio_find_driver(uint32_t type)
{
	k_list_for_each(pos, &virtio_drivers) {
		struct k_virtio_driver *drv = k_list_entry(pos, struct k_virtio_driver, node);

		if (drv->device_type == type)
			return drv;
	}
	return NULL;
}

int k_virtio_driver_register(struct k_virtio_driver *drv)
{
	if (!drv->name || !drv->probe)
		return -EINVAL;
	k_list_add_tail(&virtio_drivers, &drv->node);
	/* Devices added before this driver, still unbound and not given up on. */
	k_list_for_each(pos, &virtio_devices) {
		struct k_virtio_dev *vd = k_list_entry(pos, struct k_virtio_dev, node);

		if (!vd->driver && vd->device_type == drv->device_type &&
		    !(vd->transport->status_get(vd) & K_VIRTIO_STATUS_FAILED))
			virtio_bind(vd, drv);
	}
	return 0;
}

int k_virtio_device_add(struct k_virtio_dev *vd)
{
	struct k_virtio_driver *drv;

	if (!vd->queues.next)
		k_list_init(&vd->queues);
	if (!vd->name[0])
		k_snprintf(vd->name, sizeof(vd->name), "virtio%u", virtio_ndevices);
	vd->driver = NULL;
	vd->features = 0;
	/* §3.1.1: reset, then ACKNOWLEDGE (we saw it), then DRIVER (we can drive it). */
	vd->transport->reset(vd);
	vd->transport->status_set(vd, K_VIRTIO_STATUS_ACKNOWLEDGE);
	k_list_add_tail(&virtio_devices, &vd->node);
	virtio_ndevices++;
	drv = virtio_find_driver(vd->device_type);
	if (!drv) {
		k_debug("%s: virtio device type %u on %s: no driver\n", vd->name,
			vd->device_type, vd->transport->name);
		return -ENODEV;
	}
	return virtio_bind(vd, drv);
}

int k_virtio_negotiate(struct k_virtio_dev *vd, uint64_t wanted)
{
	uint64_t offered = vd->transport->features_get(vd);
	uint64_t accept = wanted | K_VIRTIO_RING_FEATURES;

	if (vd->legacy) {
		accept &= 0xffffffffu;		/* legacy devices have 32 feature bits */
	} else if (!(offered & K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1))) {
		k_err("%s: the device does not offer VERSION_1 (features %#llx); legacy devices are not supported here\n",
		      vd->name, (unsigned long long)offered);
		return -ENODEV;
	} else {
		accept |= K_VIRTIO_BIT(K_VIRTIO_F_VERSION_1);
	}
	vd->features = offered & accept;
	vd->transport->features_set(vd, vd->features);
	if (vd->legacy)			/* no FEATURES_OK before version 1 (§3.1.2) */
		return 0;
	virtio_status_or(vd, K_VIRTIO_STATUS_FEATURES_OK);
	if (!(vd->transport->status_get(vd) & K_VIRTIO_STATUS_FEATURES_OK)) {
		k_err("%s: the device refused features %#llx (FEATURES_OK cleared)\n", vd->name,
		      (unsigned long long)vd->features);
		return -EIO;
	}
	return 0;
}

int k_virtio_driver_ok(struct k_virtio_dev *vd)
{
	int rc = vd->transport->irq_setup(vd);

	if (rc) {
		k_err("%s: cannot set up interrupts (%d)\n", vd->name, rc);
		return rc;
	}
	virtio_status_or(vd, K_VIRTIO_STATUS_DRIVER_OK);
	return 0;
}

void k_virtio_config_read(struct k_virtio_dev *vd, unsigned int off, void *buf, size_t len)
{
	const struct k_virtio_transport *t = vd->transport;
	uint32_t before, after;
	unsigned int tries = 0;

	/* §2.5.1: a read that spans a generation change may be torn; read again. */
	do {
		before = t->config_generation(vd);
		t->config_read(vd, off, buf, len);
		after = t->config_generation(vd);
	} while (before != after && ++tries < VIRTIO_CONFIG_RETRIES);
	if (before != after)
		k_warn("%s: configuration keeps changing; using the last read\n", vd->name);
}

void k_virtio_config_interrupt(struct k_virtio_dev *vd)
{
	if (vd->driver && vd->driver->config_changed)
		vd->driver->config_changed(vd);
}

unsigned int k_virtio_count(void)
{
	return virtio_ndevices;
}

struct k_virtio_dev *k_virtio_get(unsigned int n)
{
	k_list_for_each(pos, &virtio_devices)
		if (n-- == 0)
			return k_list_entry(pos, struct k_virtio_dev, node);
	return NULL;
}
