/* SPDX-License-Identifier: BSD-3-Clause */
/* virtio-pci modern (virtio v1.2 §4.1): shared between the transport and its interrupts. */
#ifndef VIRTIO_PCI_PRIV_H
#define VIRTIO_PCI_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/pci.h>
#include <keel/virtio.h>

/* Common configuration structure (§4.1.4.3), byte offsets. */
#define VP_DEVICE_FEATURE_SELECT	0x00
#define VP_DEVICE_FEATURE		0x04
#define VP_DRIVER_FEATURE_SELECT	0x08
#define VP_DRIVER_FEATURE		0x0c
#define VP_CONFIG_MSIX_VECTOR		0x10
#define VP_NUM_QUEUES			0x12
#define VP_DEVICE_STATUS		0x14
#define VP_CONFIG_GENERATION		0x15
#define VP_QUEUE_SELECT			0x16
#define VP_QUEUE_SIZE			0x18
#define VP_QUEUE_MSIX_VECTOR		0x1a
#define VP_QUEUE_ENABLE			0x1c
#define VP_QUEUE_NOTIFY_OFF		0x1e
#define VP_QUEUE_DESC			0x20
#define VP_QUEUE_DRIVER			0x28
#define VP_QUEUE_DEVICE			0x30
#define VP_COMMON_MIN_LEN		0x38

#define VP_NO_VECTOR			0xffff	/* §4.1.5.1.2 */
#define VP_ISR_QUEUE			0x1	/* ISR status bits (§4.1.4.5) */
#define VP_ISR_CONFIG			0x2

enum vp_irq_mode { VP_IRQ_NONE, VP_IRQ_PER_QUEUE, VP_IRQ_MSIX_SHARED, VP_IRQ_INTX };

struct vp_dev {
	struct k_virtio_dev vd;
	struct k_pci_dev *pci;
	volatile uint8_t *common, *isr, *device, *notify;
	uint32_t device_len, notify_len, notify_mult;
	uint16_t num_queues;
	enum vp_irq_mode irq_mode;
};

static inline struct vp_dev *to_vp(struct k_virtio_dev *vd)
{
	return (struct vp_dev *)vd->transport_priv;
}

static inline uint8_t vp_read8(struct vp_dev *vp, unsigned int off)
{
	return *(volatile uint8_t *)(vp->common + off);
}

static inline uint16_t vp_read16(struct vp_dev *vp, unsigned int off)
{
	return *(volatile uint16_t *)(vp->common + off);
}

static inline uint32_t vp_read32(struct vp_dev *vp, unsigned int off)
{
	return *(volatile uint32_t *)(vp->common + off);
}

static inline void vp_write8(struct vp_dev *vp, unsigned int off, uint8_t v)
{
	*(volatile uint8_t *)(vp->common + off) = v;
}

static inline void vp_write16(struct vp_dev *vp, unsigned int off, uint16_t v)
{
	*(volatile uint16_t *)(vp->common + off) = v;
}

static inline void vp_write32(struct vp_dev *vp, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(vp->common + off) = v;
}

/* vpci_irq.c: choose the interrupt mode once; the vector of queue idx; attach handlers. */
int vp_irq_alloc(struct vp_dev *vp);
uint16_t vp_queue_vector(struct vp_dev *vp, unsigned int idx);
int vp_irq_setup(struct k_virtio_dev *vd);

#endif /* VIRTIO_PCI_PRIV_H */
