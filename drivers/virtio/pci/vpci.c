// SPDX-License-Identifier: BSD-3-Clause
/*
 * The virtio-pci transport, modern interface (virtio v1.2 §4.1): vendor 0x1af4, device
 * ids 0x1040 + type (modern) and 0x1000..0x103f (transitional: the type is the
 * subsystem id). The registers are found through vendor capabilities (§4.1.4): common
 * configuration, notifications, ISR status, device configuration. Devices without them
 * (legacy only) are left alone. Registers at K_INIT_DRIVER 10; the PCI bus probes at once.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/virtq.h>
#include "vpci.h"

#define VP_VENDOR		0x1af4
#define VP_ID_FIRST		0x1000
#define VP_ID_TRANSITIONAL_LAST	0x103f
#define VP_ID_MODERN		0x1040
#define VP_ID_LAST		0x107f

/* struct virtio_pci_cap (§4.1.4), offsets from the capability. */
#define VP_CAP_CFG_TYPE		3
#define VP_CAP_BAR		4
#define VP_CAP_OFFSET		8
#define VP_CAP_LENGTH		12
#define VP_CAP_NOTIFY_MULT	16	/* struct virtio_pci_notify_cap */

#define VP_CFG_COMMON		1
#define VP_CFG_NOTIFY		2
#define VP_CFG_ISR		3
#define VP_CFG_DEVICE		4

#define VP_RESET_SPINS		1000000

static uint64_t vp_features_get(struct k_virtio_dev *vd)
{
	struct vp_dev *vp = to_vp(vd);
	uint64_t f;

	vp_write32(vp, VP_DEVICE_FEATURE_SELECT, 0);
	f = vp_read32(vp, VP_DEVICE_FEATURE);
	vp_write32(vp, VP_DEVICE_FEATURE_SELECT, 1);
	return f | (uint64_t)vp_read32(vp, VP_DEVICE_FEATURE) << 32;
}

static void vp_features_set(struct k_virtio_dev *vd, uint64_t features)
{
	struct vp_dev *vp = to_vp(vd);

	vp_write32(vp, VP_DRIVER_FEATURE_SELECT, 0);
	vp_write32(vp, VP_DRIVER_FEATURE, (uint32_t)features);
	vp_write32(vp, VP_DRIVER_FEATURE_SELECT, 1);
	vp_write32(vp, VP_DRIVER_FEATURE, (uint32_t)(features >> 32));
}

static uint8_t vp_status_get(struct k_virtio_dev *vd)
{
	return vp_read8(to_vp(vd), VP_DEVICE_STATUS);
}

static void vp_status_set(struct k_virtio_dev *vd, uint8_t status)
{
	vp_write8(to_vp(vd), VP_DEVICE_STATUS, status);
}

/* §4.1.4.3.2: the reset is done when device_status reads 0 again. */
static void vp_reset(struct k_virtio_dev *vd)
{
	struct vp_dev *vp = to_vp(vd);
	unsigned int spins = 0;

	vp_write8(vp, VP_DEVICE_STATUS, 0);
	while (vp_read8(vp, VP_DEVICE_STATUS) != 0 && ++spins < VP_RESET_SPINS)
		k_arch_cpu_relax();
	if (spins == VP_RESET_SPINS)
		k_warn("%s: the device does not finish its reset\n", vd->name);
}

/* Device configuration: a field's own width, 64-bit fields as two 32-bit halves. */
static bool vp_config_range(struct vp_dev *vp, unsigned int off, size_t len)
{
	if ((uint64_t)off + len <= vp->device_len)
		return true;
	k_err("%s: configuration access %u+%zu beyond the device's %u bytes\n", vp->vd.name,
	      off, len, vp->device_len);
	return false;
}

static void vp_config_read(struct k_virtio_dev *vd, unsigned int off, void *buf, size_t len)
{
	struct vp_dev *vp = to_vp(vd);

	if (!vp_config_range(vp, off, len))
		__builtin_memset(buf, 0, len);
	else
		k_virtio_config_mmio_read(vp->device, off, buf, len);
}

static void vp_config_write(struct k_virtio_dev *vd, unsigned int off, const void *buf,
			    size_t len)
{
	struct vp_dev *vp = to_vp(vd);

	if (vp_config_range(vp, off, len))
		k_virtio_config_mmio_write(vp->device, off, buf, len);
}

static uint32_t vp_config_generation(struct k_virtio_dev *vd)
{
	return vp_read8(to_vp(vd), VP_CONFIG_GENERATION);
}

static unsigned int vp_queue_max(struct k_virtio_dev *vd, unsigned int idx)
{
	struct vp_dev *vp = to_vp(vd);

	if (idx >= vp->num_queues)
		return 0;
	vp_write16(vp, VP_QUEUE_SELECT, (uint16_t)idx);
	if (vp_read16(vp, VP_QUEUE_ENABLE))
		return 0;
	return vp_read16(vp, VP_QUEUE_SIZE);	/* 0: the queue is unavailable */
}

static void vp_write64(struct vp_dev *vp, unsigned int off, uint64_t v)
{
	/* 64-bit fields may be written as two 32-bit halves, low first (§4.1.3.1). */
	vp_write32(vp, off, (uint32_t)v);
	vp_write32(vp, off + 4, (uint32_t)(v >> 32));
}

static int vp_queue_enable(struct k_virtio_dev *vd, struct k_virtq *vq)
{
	struct vp_dev *vp = to_vp(vd);
	unsigned int idx = k_virtq_index(vq);
	uint16_t vector;
	uint64_t notify_off;
	int rc = vp_irq_alloc(vp);	/* the vector is part of the queue's setup */

	if (rc)
		return rc;
	vp_write16(vp, VP_QUEUE_SELECT, (uint16_t)idx);
	vp_write16(vp, VP_QUEUE_SIZE, (uint16_t)k_virtq_size(vq));
	vector = vp_queue_vector(vp, idx);
	vp_write16(vp, VP_QUEUE_MSIX_VECTOR, vector);
	if (vp_read16(vp, VP_QUEUE_MSIX_VECTOR) != vector) {
		k_err("%s: queue %u: the device refused MSI-X vector %u\n", vd->name, idx, vector);
		return -EIO;
	}
	notify_off = (uint64_t)vp_read16(vp, VP_QUEUE_NOTIFY_OFF) * vp->notify_mult;
	if (notify_off + 2 > vp->notify_len) {
		k_err("%s: queue %u: notify offset %llu lies outside the %u-byte notify area\n",
		      vd->name, idx, (unsigned long long)notify_off, vp->notify_len);
		return -EIO;
	}
	*k_virtq_transport_priv(vq) = (void *)(vp->notify + notify_off);
	vp_write64(vp, VP_QUEUE_DESC, k_virtq_desc_addr(vq));
	vp_write64(vp, VP_QUEUE_DRIVER, k_virtq_avail_addr(vq));
	vp_write64(vp, VP_QUEUE_DEVICE, k_virtq_used_addr(vq));
	vp_write16(vp, VP_QUEUE_ENABLE, 1);
	return 0;
}

/* §4.1.5.2: the queue's index, 16 bits, at its notify address. */
static void vp_queue_notify(struct k_virtio_dev *vd, struct k_virtq *vq)
{
	(void)vd;
	*(volatile uint16_t *)*k_virtq_transport_priv(vq) = (uint16_t)k_virtq_index(vq);
}

static const struct k_virtio_transport vp_transport = {
	.name = "pci",
	.features_get = vp_features_get,
	.features_set = vp_features_set,
	.status_get = vp_status_get,
	.status_set = vp_status_set,
	.reset = vp_reset,
	.config_read = vp_config_read,
	.config_write = vp_config_write,
	.config_generation = vp_config_generation,
	.queue_max = vp_queue_max,
	.queue_enable = vp_queue_enable,
	.queue_notify = vp_queue_notify,
	.irq_setup = vp_irq_setup,
};

/* The structure a capability points to, mapped; NULL when it is unusable. */
static volatile uint8_t *vp_cap_map(struct vp_dev *vp, unsigned int cap, uint32_t min_len,
				    uint32_t *len)
{
	struct k_pci_dev *pci = vp->pci;
	unsigned int bar = k_pci_read8(pci, cap + VP_CAP_BAR);
	uint32_t off = k_pci_read32(pci, cap + VP_CAP_OFFSET);
	uint8_t *base;

	*len = k_pci_read32(pci, cap + VP_CAP_LENGTH);
	if (bar >= 6 || *len < min_len || (uint64_t)off + *len > pci->bar[bar].size)
		return NULL;
	base = k_pci_bar_map(pci, bar);
	return base ? base + off : NULL;
}

/* Walk the vendor capabilities; the first usable one of each type counts (§4.1.4). */
static void vp_find_caps(struct vp_dev *vp)
{
	struct k_pci_dev *pci = vp->pci;
	uint32_t len;

	for (unsigned int cap = k_pci_cap_find(pci, K_PCI_CAP_VENDOR, 0); cap;
	     cap = k_pci_cap_find(pci, K_PCI_CAP_VENDOR, cap)) {
		switch (k_pci_read8(pci, cap + VP_CAP_CFG_TYPE)) {
		case VP_CFG_COMMON:
			if (!vp->common)
				vp->common = vp_cap_map(vp, cap, VP_COMMON_MIN_LEN, &len);
			break;
		case VP_CFG_NOTIFY:
			if (!vp->notify) {
				vp->notify = vp_cap_map(vp, cap, 2, &vp->notify_len);
				vp->notify_mult = k_pci_read32(pci, cap + VP_CAP_NOTIFY_MULT);
			}
			break;
		case VP_CFG_ISR:
			if (!vp->isr)
				vp->isr = vp_cap_map(vp, cap, 1, &len);
			break;
		case VP_CFG_DEVICE:
			if (!vp->device)
				vp->device = vp_cap_map(vp, cap, 0, &vp->device_len);
			break;
		}
	}
}

static int vp_device_type(const struct k_pci_dev *pci)
{
	if (pci->device_id >= VP_ID_MODERN && pci->device_id <= VP_ID_LAST)
		return pci->device_id - VP_ID_MODERN;
	if (pci->device_id >= VP_ID_FIRST && pci->device_id <= VP_ID_TRANSITIONAL_LAST)
		return pci->subsys_id;
	return -1;
}

static int vp_probe(struct k_pci_dev *pci, const struct k_pci_id *id)
{
	int type = vp_device_type(pci);
	struct vp_dev *vp;

	(void)id;
	if (type <= 0)
		return -ENODEV;
	vp = k_calloc(1, sizeof(*vp));
	if (!vp)
		return -ENOMEM;
	vp->pci = pci;
	k_pci_enable(pci);
	vp_find_caps(vp);
	if (!vp->common || !vp->notify || !vp->isr) {
		k_warn("virtio-pci: %s (%04x:%04x): no modern virtio capabilities (legacy-only device?); not supported\n",
		       pci->name, pci->vendor_id, pci->device_id);
		k_free(vp);
		return -ENODEV;
	}
	vp->vd.device_type = (uint32_t)type;
	vp->vd.transport = &vp_transport;
	vp->vd.transport_priv = vp;
	vp->num_queues = vp_read16(vp, VP_NUM_QUEUES);
	k_list_init(&vp->vd.queues);
	pci->drvdata = vp;
	k_debug("virtio-pci: %s: device type %d, %u queues, notify multiplier %u\n", pci->name,
		type, vp->num_queues, vp->notify_mult);
	k_virtio_device_add(&vp->vd);	/* the device is ours even when no driver took it */
	return 0;
}

static const struct k_pci_id vp_ids[] = {
	{ VP_VENDOR, K_PCI_ANY_ID },
	{ 0, 0 },
};

static struct k_pci_driver vp_driver = {
	.name = "virtio-pci",
	.ids = vp_ids,
	.probe = vp_probe,
};

static int virtio_pci_init(void)
{
	return k_pci_driver_register(&vp_driver);
}
K_INIT(virtio_pci_init, K_INIT_DRIVER, 10);
