// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-pci interrupts (virtio v1.2 §4.1.4.5, §4.1.5.1.2). With MSI-X: vector 0 for
 * configuration changes and one vector per queue when the device has enough, else one
 * vector for everything. Without MSI-X: the shared INTx line, on which the ISR status
 * (read to clear) says whether this device interrupted and why.
 */
#include <errno.h>
#include <keel/compiler.h>
#include <keel/print.h>
#include <keel/virtq.h>
#include "vpci.h"

#define VP_VECTORS_MAX	32	/* what keel/pci.h can give */

int vp_irq_alloc(struct vp_dev *vp)
{
	unsigned int want = K_MIN((unsigned int)vp->num_queues + 1, VP_VECTORS_MAX);
	int n;

	if (vp->irq_mode != VP_IRQ_NONE)
		return 0;
	n = k_pci_irq_alloc(vp->pci, want);
	if (n < 1) {
		k_err("%s: no interrupt for the device (%d)\n", vp->vd.name, n);
		return n < 0 ? n : -ENODEV;
	}
	if (!k_pci_irq_is_msix(vp->pci))
		vp->irq_mode = VP_IRQ_INTX;
	else if ((unsigned int)n >= (unsigned int)vp->num_queues + 1)
		vp->irq_mode = VP_IRQ_PER_QUEUE;
	else
		vp->irq_mode = VP_IRQ_MSIX_SHARED;
	return 0;
}

uint16_t vp_queue_vector(struct vp_dev *vp, unsigned int idx)
{
	switch (vp->irq_mode) {
	case VP_IRQ_PER_QUEUE:
		return (uint16_t)(1 + idx);
	case VP_IRQ_MSIX_SHARED:
		return 0;
	default:
		return VP_NO_VECTOR;
	}
}

static int vp_queue_irq(void *arg)
{
	k_virtio_queue_interrupt(arg);
	return K_IRQ_HANDLED;
}

static int vp_config_irq(void *arg)
{
	k_virtio_config_interrupt(arg);
	return K_IRQ_HANDLED;
}

/* One vector or line for everything. Reading the ISR clears it (§4.1.4.5). */
static int vp_shared_irq(void *arg)
{
	struct vp_dev *vp = arg;
	uint8_t isr = *vp->isr;

	if (vp->irq_mode == VP_IRQ_INTX && !isr)
		return K_IRQ_NONE;		/* another device on the line */
	/* With MSI-X the queue bit need not be set (§4.1.4.5.1): look at every queue. */
	if (vp->irq_mode == VP_IRQ_MSIX_SHARED || (isr & VP_ISR_QUEUE))
		k_virtio_device_interrupt(&vp->vd);
	if (isr & VP_ISR_CONFIG)
		k_virtio_config_interrupt(&vp->vd);
	return K_IRQ_HANDLED;
}

static int vp_irq_per_queue(struct vp_dev *vp)
{
	int rc = k_pci_irq_register(vp->pci, 0, vp_config_irq, &vp->vd, vp->vd.name);

	for (unsigned int i = 0; !rc && i < vp->num_queues; i++) {
		struct k_virtq *vq = k_virtio_queue(&vp->vd, i);

		if (vq)
			rc = k_pci_irq_register(vp->pci, 1 + i, vp_queue_irq, vq, vp->vd.name);
	}
	return rc;
}

int vp_irq_setup(struct k_virtio_dev *vd)
{
	struct vp_dev *vp = to_vp(vd);
	uint16_t vector;
	int rc = vp_irq_alloc(vp);

	if (rc)
		return rc;
	vector = vp->irq_mode == VP_IRQ_INTX ? VP_NO_VECTOR : 0;
	vp_write16(vp, VP_CONFIG_MSIX_VECTOR, vector);
	if (vp_read16(vp, VP_CONFIG_MSIX_VECTOR) != vector) {
		k_err("%s: the device refused MSI-X vector %u for configuration changes\n",
		      vd->name, vector);
		return -EIO;
	}
	if (vp->irq_mode == VP_IRQ_PER_QUEUE) {
		rc = vp_irq_per_queue(vp);
		vd->irq_mode = "MSI-X, a vector per queue";
	} else {
		rc = k_pci_irq_register(vp->pci, 0, vp_shared_irq, vp, vd->name);
		vd->irq_mode = vp->irq_mode == VP_IRQ_INTX ? "INTx, ISR read" :
							   "MSI-X, one shared vector";
	}
	return rc;
}
