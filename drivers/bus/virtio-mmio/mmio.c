// SPDX-License-Identifier: BSD-3-Clause
/*
 * The virtio-mmio transport (virtio v1.2 §4.2): version 2, and the legacy version 1
 * (§4.2.4: GuestPageSize, QueueAlign, QueuePFN). One device per window given with
 * virtio_mmio.device= or found in the device tree; they are added at K_INIT_DRIVER 20,
 * after the device drivers registered at K_INIT_BUS.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/init.h>
#include <keel/irq.h>
#include <keel/print.h>
#include <keel/virtio.h>
#include <keel/virtq.h>
#include "mmio.h"

/* Registers (§4.2.2), byte offsets; all 32 bits wide. */
#define MMIO_MAGIC		0x000	/* "virt" */
#define MMIO_VERSION		0x004
#define MMIO_DEVICE_ID		0x008
#define MMIO_VENDOR_ID		0x00c
#define MMIO_DEVICE_FEATURES	0x010
#define MMIO_DEVICE_FEATURES_SEL 0x014
#define MMIO_DRIVER_FEATURES	0x020
#define MMIO_DRIVER_FEATURES_SEL 0x024
#define MMIO_GUEST_PAGE_SIZE	0x028	/* legacy */
#define MMIO_QUEUE_SEL		0x030
#define MMIO_QUEUE_NUM_MAX	0x034
#define MMIO_QUEUE_NUM		0x038
#define MMIO_QUEUE_ALIGN	0x03c	/* legacy */
#define MMIO_QUEUE_PFN		0x040	/* legacy */
#define MMIO_QUEUE_READY	0x044
#define MMIO_QUEUE_NOTIFY	0x050
#define MMIO_INTERRUPT_STATUS	0x060
#define MMIO_INTERRUPT_ACK	0x064
#define MMIO_STATUS		0x070
#define MMIO_QUEUE_DESC_LOW	0x080
#define MMIO_QUEUE_DESC_HIGH	0x084
#define MMIO_QUEUE_DRIVER_LOW	0x090
#define MMIO_QUEUE_DRIVER_HIGH	0x094
#define MMIO_QUEUE_DEVICE_LOW	0x0a0
#define MMIO_QUEUE_DEVICE_HIGH	0x0a4
#define MMIO_CONFIG_GENERATION	0x0fc
#define MMIO_CONFIG		0x100

#define MMIO_MAGIC_VALUE	0x74726976
#define MMIO_INT_USED_BUFFER	0x1	/* InterruptStatus bits (§4.2.2) */
#define MMIO_INT_CONFIG		0x2
#define MMIO_LEGACY_PAGE	4096
#define MMIO_RESET_SPINS	1000000

struct mmio_dev {
	struct k_virtio_dev vd;
	volatile uint8_t *regs;
	struct mmio_window win;
	unsigned int version;
	int line;
};

static struct mmio_dev *to_mmio(struct k_virtio_dev *vd)
{
	return k_container_of(vd, struct mmio_dev, vd);
}

static uint32_t mmio_read(struct mmio_dev *m, unsigned int off)
{
	return *(volatile uint32_t *)(m->regs + off);
}

static void mmio_write(struct mmio_dev *m, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(m->regs + off) = v;
}

static uint64_t mmio_features_get(struct k_virtio_dev *vd)
{
	struct mmio_dev *m = to_mmio(vd);
	uint64_t f;

	mmio_write(m, MMIO_DEVICE_FEATURES_SEL, 0);
	f = mmio_read(m, MMIO_DEVICE_FEATURES);
	if (m->version == 1)
		return f;
	mmio_write(m, MMIO_DEVICE_FEATURES_SEL, 1);
	return f | (uint64_t)mmio_read(m, MMIO_DEVICE_FEATURES) << 32;
}

static void mmio_features_set(struct k_virtio_dev *vd, uint64_t features)
{
	struct mmio_dev *m = to_mmio(vd);

	mmio_write(m, MMIO_DRIVER_FEATURES_SEL, 0);
	mmio_write(m, MMIO_DRIVER_FEATURES, (uint32_t)features);
	if (m->version == 1)
		return;
	mmio_write(m, MMIO_DRIVER_FEATURES_SEL, 1);
	mmio_write(m, MMIO_DRIVER_FEATURES, (uint32_t)(features >> 32));
}

static uint8_t mmio_status_get(struct k_virtio_dev *vd)
{
	return (uint8_t)mmio_read(to_mmio(vd), MMIO_STATUS);
}

static void mmio_status_set(struct k_virtio_dev *vd, uint8_t status)
{
	mmio_write(to_mmio(vd), MMIO_STATUS, status);
}

static void mmio_reset(struct k_virtio_dev *vd)
{
	struct mmio_dev *m = to_mmio(vd);
	unsigned int spins = 0;

	mmio_write(m, MMIO_STATUS, 0);
	while (mmio_read(m, MMIO_STATUS) != 0 && ++spins < MMIO_RESET_SPINS)
		k_arch_cpu_relax();
	if (spins == MMIO_RESET_SPINS)
		k_warn("%s: the device does not finish its reset\n", vd->name);
	if (m->version == 1)		/* §4.2.4: before any queue is set up */
		mmio_write(m, MMIO_GUEST_PAGE_SIZE, MMIO_LEGACY_PAGE);
}

/* §4.2.2.2: 8-bit fields with 8-bit accesses, 16 with 16, 32 and 64 with 32. */
/* The configuration space ends with the window the command line gave. */
static bool mmio_config_range(struct mmio_dev *m, unsigned int off, size_t len)
{
	return (uint64_t)MMIO_CONFIG + off + len <= m->win.size;
}

static void mmio_config_read(struct k_virtio_dev *vd, unsigned int off, void *buf, size_t len)
{
	struct mmio_dev *m = to_mmio(vd);

	if (mmio_config_range(m, off, len))
		k_virtio_config_mmio_read(m->regs + MMIO_CONFIG, off, buf, len);
	else
		__builtin_memset(buf, 0, len);
}

static void mmio_config_write(struct k_virtio_dev *vd, unsigned int off, const void *buf,
			      size_t len)
{
	struct mmio_dev *m = to_mmio(vd);

	if (mmio_config_range(m, off, len))
		k_virtio_config_mmio_write(m->regs + MMIO_CONFIG, off, buf, len);
}

static uint32_t mmio_config_generation(struct k_virtio_dev *vd)
{
	struct mmio_dev *m = to_mmio(vd);

	return m->version == 1 ? 0 : mmio_read(m, MMIO_CONFIG_GENERATION);
}

static unsigned int mmio_queue_max(struct k_virtio_dev *vd, unsigned int idx)
{
	struct mmio_dev *m = to_mmio(vd);
	uint32_t max;

	mmio_write(m, MMIO_QUEUE_SEL, idx);
	/* A queue already in use is not offered again. */
	if (mmio_read(m, m->version == 1 ? MMIO_QUEUE_PFN : MMIO_QUEUE_READY))
		return 0;
	max = mmio_read(m, MMIO_QUEUE_NUM_MAX);
	return max > 32768 ? 32768 : max;	/* §2.7: the largest queue size */
}

static int mmio_queue_enable(struct k_virtio_dev *vd, struct k_virtq *vq)
{
	struct mmio_dev *m = to_mmio(vd);
	uint64_t desc = k_virtq_desc_addr(vq);

	mmio_write(m, MMIO_QUEUE_SEL, k_virtq_index(vq));
	mmio_write(m, MMIO_QUEUE_NUM, k_virtq_size(vq));
	if (m->version == 1) {
		/* The legacy layout: areas contiguous, used ring at the next 4096. */
		if (desc / MMIO_LEGACY_PAGE > UINT32_MAX)
			return -ERANGE;
		mmio_write(m, MMIO_QUEUE_ALIGN, MMIO_LEGACY_PAGE);
		mmio_write(m, MMIO_QUEUE_PFN, (uint32_t)(desc / MMIO_LEGACY_PAGE));
		return 0;
	}
	mmio_write(m, MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
	mmio_write(m, MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
	mmio_write(m, MMIO_QUEUE_DRIVER_LOW, (uint32_t)k_virtq_avail_addr(vq));
	mmio_write(m, MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(k_virtq_avail_addr(vq) >> 32));
	mmio_write(m, MMIO_QUEUE_DEVICE_LOW, (uint32_t)k_virtq_used_addr(vq));
	mmio_write(m, MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(k_virtq_used_addr(vq) >> 32));
	mmio_write(m, MMIO_QUEUE_READY, 1);
	return 0;
}

static void mmio_queue_notify(struct k_virtio_dev *vd, struct k_virtq *vq)
{
	mmio_write(to_mmio(vd), MMIO_QUEUE_NOTIFY, k_virtq_index(vq));
}

/*
 * One line for everything: acknowledge what InterruptStatus says before running the
 * queues, so an entry the device adds after the acknowledgement raises the line again.
 */
static int mmio_irq(void *arg)
{
	struct mmio_dev *m = arg;
	uint32_t isr = mmio_read(m, MMIO_INTERRUPT_STATUS);

	if (!isr)
		return K_IRQ_NONE;
	mmio_write(m, MMIO_INTERRUPT_ACK, isr);
	if (isr & MMIO_INT_USED_BUFFER)
		k_virtio_device_interrupt(&m->vd);
	if (isr & MMIO_INT_CONFIG)
		k_virtio_config_interrupt(&m->vd);
	return K_IRQ_HANDLED;
}

/*
 * From the command line, the irq is an ISA IRQ (through the firmware's overrides) below
 * 16, else a GSI; from the device tree, it is already the controller's line.
 */
static int mmio_irq_setup(struct k_virtio_dev *vd)
{
	struct mmio_dev *m = to_mmio(vd);
	unsigned int flags = K_IRQ_EDGE;
	int line = -ENODEV;
	int rc;

	if (m->win.irq_is_line)
		flags = m->win.irq_flags;
	else if (m->win.irq < 16)
		line = k_irq_isa(m->win.irq, &flags);
	if (line < 0)
		line = (int)m->win.irq;
	rc = k_irq_register((unsigned int)line, mmio_irq, m, vd->name, flags | K_IRQ_SHARED);
	if (rc)
		return rc;
	m->line = line;
	vd->irq_mode = "one line (InterruptStatus)";
	return 0;
}

static const struct k_virtio_transport mmio_transport = {
	.name = "mmio",
	.features_get = mmio_features_get,
	.features_set = mmio_features_set,
	.status_get = mmio_status_get,
	.status_set = mmio_status_set,
	.reset = mmio_reset,
	.config_read = mmio_config_read,
	.config_write = mmio_config_write,
	.config_generation = mmio_config_generation,
	.queue_max = mmio_queue_max,
	.queue_enable = mmio_queue_enable,
	.queue_notify = mmio_queue_notify,
	.irq_setup = mmio_irq_setup,
};

static volatile uint8_t *mmio_map(const struct mmio_window *w)
{
	uint64_t start = K_ALIGN_DOWN(w->base, (uint64_t)K_ARCH_PAGE_SIZE);
	uint64_t end = K_ALIGN_UP(w->base + w->size, (uint64_t)K_ARCH_PAGE_SIZE);
	int rc = k_arch_map((uintptr_t)start, start, (size_t)(end - start),
			    K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);

	if (rc) {
		k_err("virtio-mmio: cannot map %#llx (%d)\n", (unsigned long long)w->base, rc);
		return NULL;
	}
	return (volatile uint8_t *)(uintptr_t)w->base;
}

/* Check the window holds a device we can drive; 0, or -ENODEV (logged unless empty). */
static int mmio_identify(struct mmio_dev *m)
{
	uint32_t magic = mmio_read(m, MMIO_MAGIC);
	uint64_t base = m->win.base;

	if (magic != MMIO_MAGIC_VALUE) {
		k_warn("virtio-mmio: no virtio device at %#llx (magic %#x, expected %#x)\n",
		       (unsigned long long)base, magic, MMIO_MAGIC_VALUE);
		return -ENODEV;
	}
	m->version = mmio_read(m, MMIO_VERSION);
	if (m->version != 1 && m->version != 2) {
		k_warn("virtio-mmio: device at %#llx has version %u; only 1 and 2 are known\n",
		       (unsigned long long)base, m->version);
		return -ENODEV;
	}
	m->vd.device_type = mmio_read(m, MMIO_DEVICE_ID);
	if (!m->vd.device_type) {	/* §4.2.2: an empty transport slot */
		k_debug("virtio-mmio: %#llx: no device\n", (unsigned long long)base);
		return -ENODEV;
	}
	return 0;
}

static void mmio_add(const struct mmio_window *w)
{
	struct mmio_dev *m = k_calloc(1, sizeof(*m));

	if (!m) {
		k_err("virtio-mmio: out of memory for the device at %#llx\n",
		      (unsigned long long)w->base);
		return;
	}
	m->win = *w;
	m->line = -1;
	m->regs = mmio_map(w);
	if (!m->regs || mmio_identify(m)) {
		k_free(m);
		return;
	}
	m->vd.transport = &mmio_transport;
	m->vd.transport_priv = m;
	m->vd.legacy = m->version == 1;
	k_list_init(&m->vd.queues);
	k_debug("virtio-mmio: %#llx irq %u: device type %u, version %u, vendor %#x\n",
		(unsigned long long)w->base, w->irq, m->vd.device_type, m->version,
		mmio_read(m, MMIO_VENDOR_ID));
	k_virtio_device_add(&m->vd);
}

static int virtio_mmio_init(void)
{
	mmio_fdt_windows();
	for (unsigned int i = 0; i < mmio_nwindows; i++)
		mmio_add(&mmio_windows[i]);
	return 0;
}
K_INIT(virtio_mmio_init, K_INIT_DRIVER, 20);
