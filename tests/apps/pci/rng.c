// SPDX-License-Identifier: BSD-3-Clause
/*
 * End-to-end interrupt test without a virtio driver: the least of virtio-pci modern
 * (virtio v1.2 §4.1.4) and one split virtqueue (§2.7) to ask a virtio-rng device for
 * 64 bytes. The device completes the buffer and interrupts: through MSI-X vector 0
 * when k_pci_irq_alloc gave MSI-X, else through INTx, acknowledged by reading the ISR.
 */
#include <stdio.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/sync.h>
#include <keel/time.h>
#include "pciapp.h"

/* Virtio PCI capability (§4.1.4): cfg_type at +3, bar +4, offset +8, length +12. */
#define VIRTIO_PCI_CAP_COMMON	1
#define VIRTIO_PCI_CAP_NOTIFY	2
#define VIRTIO_PCI_CAP_ISR	3
/* Common configuration (§4.1.4.3). */
#define CC_DFSELECT		0x00
#define CC_DF			0x04
#define CC_GFSELECT		0x08
#define CC_GF			0x0c
#define CC_MSIX_CONFIG		0x10
#define CC_STATUS		0x14
#define CC_Q_SELECT		0x16
#define CC_Q_SIZE		0x18
#define CC_Q_MSIX		0x1a
#define CC_Q_ENABLE		0x1c
#define CC_Q_NOTIFY_OFF		0x1e
#define CC_Q_DESC		0x20
#define CC_Q_DRIVER		0x28
#define CC_Q_DEVICE		0x30
#define VIRTIO_NO_VECTOR	0xffff
#define ST_ACK			1
#define ST_DRIVER		2
#define ST_DRIVER_OK		4
#define ST_FEATURES_OK		8
#define QSIZE			8
#define DESC_F_WRITE		2

struct rng {
	volatile uint8_t *common, *isr, *notify;
	uint32_t notify_mult;
	struct k_sem done;
	unsigned int irqs, isr_zero;
	bool msix;
};

/* The virtio structure of cfg_type, mapped; NULL when absent or outside its BAR. */
static volatile uint8_t *virtio_cap(struct k_pci_dev *dev, uint8_t type, unsigned int *at)
{
	for (unsigned int c = k_pci_cap_find(dev, K_PCI_CAP_VENDOR, 0); c;
	     c = k_pci_cap_find(dev, K_PCI_CAP_VENDOR, c)) {
		unsigned int bar = k_pci_read8(dev, c + 4);
		uint32_t off = k_pci_read32(dev, c + 8), len = k_pci_read32(dev, c + 12);
		uint8_t *base;

		if (k_pci_read8(dev, c + 3) != type || bar > 5)
			continue;
		if ((uint64_t)off + len > dev->bar[bar].size || !(base = k_pci_bar_map(dev, bar)))
			return NULL;
		*at = c;
		return (volatile uint8_t *)base + off;
	}
	return NULL;
}

#define R8(p, o)	(*(volatile uint8_t *)((p) + (o)))
#define R16(p, o)	(*(volatile uint16_t *)((p) + (o)))
#define R32(p, o)	(*(volatile uint32_t *)((p) + (o)))
#define W64(p, o, v)	(R32(p, o) = (uint32_t)(v), R32(p, (o) + 4) = (uint32_t)((v) >> 32))

static int rng_irq(void *arg)
{
	struct rng *r = arg;

	/* INTx is shared: reading the ISR says whether it is this device, and lowers it. */
	if (!r->msix && !(*r->isr & 1))
		return K_IRQ_NONE;
	r->irqs++;
	k_sem_post(&r->done);
	return K_IRQ_HANDLED;
}

static int rng_negotiate(struct rng *r)
{
	R8(r->common, CC_STATUS) = 0;
	for (int i = 0; i < 1000000 && R8(r->common, CC_STATUS); i++)
		;
	R8(r->common, CC_STATUS) = ST_ACK | ST_DRIVER;
	R32(r->common, CC_DFSELECT) = 1;
	if (!(R32(r->common, CC_DF) & 1))	/* VIRTIO_F_VERSION_1 is feature bit 32 */
		return -1;
	R32(r->common, CC_GFSELECT) = 0;
	R32(r->common, CC_GF) = 0;
	R32(r->common, CC_GFSELECT) = 1;
	R32(r->common, CC_GF) = 1;
	R8(r->common, CC_STATUS) = ST_ACK | ST_DRIVER | ST_FEATURES_OK;
	return R8(r->common, CC_STATUS) & ST_FEATURES_OK ? 0 : -1;
}

/* Queue 0 in one page: descriptors at 0, available ring at 256, used ring at 512. */
static int rng_queue(struct rng *r, uint8_t *page, const uint8_t *buf, uint16_t *notify_off)
{
	R16(r->common, CC_Q_SELECT) = 0;
	if (R16(r->common, CC_Q_SIZE) < QSIZE)
		return -1;
	R16(r->common, CC_Q_SIZE) = QSIZE;
	R32(r->common, CC_MSIX_CONFIG) = VIRTIO_NO_VECTOR;
	if (r->msix) {
		R16(r->common, CC_Q_MSIX) = 0;
		if (R16(r->common, CC_Q_MSIX) != 0)
			return -1;
	}
	W64(r->common, CC_Q_DESC, (uint64_t)(uintptr_t)page);
	W64(r->common, CC_Q_DRIVER, (uint64_t)(uintptr_t)page + 256);
	W64(r->common, CC_Q_DEVICE, (uint64_t)(uintptr_t)page + 512);
	*notify_off = R16(r->common, CC_Q_NOTIFY_OFF);
	R16(r->common, CC_Q_ENABLE) = 1;
	/* Descriptor 0: the buffer, device-writable; then the available ring's entry. */
	W64(page, 0, (uint64_t)(uintptr_t)buf);
	R32(page, 8) = 64;
	R16(page, 12) = DESC_F_WRITE;
	R16(page, 256 + 4) = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	R16(page, 256 + 2) = 1;
	return 0;
}

static int rng_run(struct k_pci_dev *dev, struct rng *r, uint8_t *page, uint8_t *buf)
{
	unsigned int at, n = 0;
	uint16_t notify_off;
	int vectors;

	r->common = virtio_cap(dev, VIRTIO_PCI_CAP_COMMON, &at);
	r->isr = virtio_cap(dev, VIRTIO_PCI_CAP_ISR, &at);
	r->notify = virtio_cap(dev, VIRTIO_PCI_CAP_NOTIFY, &at);
	if (!r->common || !r->isr || !r->notify) {
		printf("pciapp: rng %s: virtio structures not found: FAIL\n", dev->name);
		return 1;
	}
	r->notify_mult = k_pci_read32(dev, at + 16);
	k_pci_enable(dev);
	vectors = k_pci_irq_alloc(dev, 1);
	if (vectors < 1) {
		printf("pciapp: rng %s: k_pci_irq_alloc: %d: FAIL\n", dev->name, vectors);
		return 1;
	}
	r->msix = k_pci_irq_is_msix(dev);
	if (k_pci_irq_register(dev, 0, rng_irq, r, "pciapp-rng")) {
		printf("pciapp: rng %s: k_pci_irq_register failed: FAIL\n", dev->name);
		return 1;
	}
	if (rng_negotiate(r) || rng_queue(r, page, buf, &notify_off)) {
		printf("pciapp: rng %s: device setup refused: FAIL\n", dev->name);
		return 1;
	}
	R8(r->common, CC_STATUS) = ST_ACK | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK;
	R16(r->notify, (uint32_t)notify_off * r->notify_mult) = 0;
	if (k_sem_wait_until(&r->done, k_time_ns() + 5 * K_NSEC_PER_SEC)) {
		printf("pciapp: rng %s: no interrupt within 5 s (%s, line %d, used idx %u): FAIL\n",
		       dev->name, r->msix ? "msix" : "intx", k_pci_irq_line(dev, 0),
		       R16(page, 512 + 2));
		return 1;
	}
	for (unsigned int i = 0; i < 64; i++)
		n += buf[i] != 0;
	printf("pciapp: rng-irq %s: ok (%s, line %d, %u interrupt(s), used len %u, %u nonzero bytes)\n",
	       dev->name, r->msix ? "msix" : "intx", k_pci_irq_line(dev, 0), r->irqs,
	       R32(page, 512 + 4 + 4), n);
	return R16(page, 512 + 2) == 1 && n > 0 ? 0 : 1;
}

int rng_irq_test(struct k_pci_dev *dev)
{
	static uint8_t buf[64] __attribute__((aligned(64)));
	uint8_t *page = k_palloc(1);
	struct rng r = { 0 };
	int fail;

	if (!page)
		return 1;
	memset(page, 0, 4096);
	memset(buf, 0, sizeof(buf));
	k_sem_init(&r.done, 0);
	fail = rng_run(dev, &r, page, buf);
	if (r.common)
		R8(r.common, CC_STATUS) = 0;	/* reset: the device forgets the queue */
	k_irq_unregister((unsigned int)k_pci_irq_line(dev, 0), rng_irq, &r);
	k_pfree(page, 1);
	return fail;
}
