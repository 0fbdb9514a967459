// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-console (virtio v1.2 §5.3) as a Keel console: output goes to port 0's
 * transmitq (queue 1) in chunks copied into a small ring of preallocated buffers.
 * Console writes happen in any context with interrupts off, so nothing here blocks:
 * finished buffers are reclaimed on the next write, a full ring is drained by polling
 * the used ring for a bounded time, and output that still does not fit is dropped and
 * counted. Input (receiveq) is not used.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/cpu.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/virtio.h>
#include <keel/virtq.h>

#define CONSOLE_TXQ		1	/* §5.3.2: port 0 transmitq */
#define CONSOLE_SLOTS		16
#define CONSOLE_SLOT_SIZE	256
#define CONSOLE_POLL_SPINS	1000000

struct vcon {
	struct k_console console;
	struct k_virtio_dev *vd;
	struct k_virtq *txq;
	struct k_spinlock lock;
	char *slots;			/* CONSOLE_SLOTS * CONSOLE_SLOT_SIZE */
	uint32_t free_mask;		/* bit i: slot i is free */
	uint64_t dropped;		/* bytes dropped: the device did not keep up */
};

/* Take back the buffers the device finished with. Lock held. */
static void vcon_reclaim(struct vcon *vc)
{
	uint32_t len;
	void *token;

	while ((token = k_virtq_get(vc->txq, &len)) != NULL) {
		unsigned int slot = (unsigned int)(((char *)token - vc->slots) / CONSOLE_SLOT_SIZE);

		if (slot < CONSOLE_SLOTS)
			vc->free_mask |= 1u << slot;
	}
}

/* A free slot, polling the device a bounded time when there is none; -1 if none. */
static int vcon_slot(struct vcon *vc)
{
	for (unsigned long spin = 0; spin < CONSOLE_POLL_SPINS; spin++) {
		vcon_reclaim(vc);
		if (vc->free_mask)
			return __builtin_ctz(vc->free_mask);
		k_arch_cpu_relax();
	}
	return -1;
}

static void vcon_write(struct k_console *con, const char *buf, size_t len)
{
	struct vcon *vc = (struct vcon *)con;
	unsigned long flags = k_arch_irq_save();

	/*
	 * A message logged while this CPU is inside the console (the virtqueue core
	 * reporting a bad device) comes back here: drop it rather than deadlock.
	 */
	if (__atomic_load_n(&vc->lock.owner, __ATOMIC_RELAXED) == k_cpu()) {
		vc->dropped += len;
		k_arch_irq_restore(flags);
		return;
	}
	k_spin_lock(&vc->lock);

	while (len) {
		size_t n = len < CONSOLE_SLOT_SIZE ? len : CONSOLE_SLOT_SIZE;
		int slot = vcon_slot(vc);
		struct k_virtq_buf b;

		if (slot < 0) {
			vc->dropped += len;
			break;
		}
		b.addr = vc->slots + (size_t)slot * CONSOLE_SLOT_SIZE;
		b.len = (uint32_t)n;
		memcpy(b.addr, buf, n);
		if (k_virtq_add(vc->txq, &b, 1, 0, b.addr)) {
			vc->dropped += len;
			break;
		}
		vc->free_mask &= ~(1u << slot);
		k_virtq_kick(vc->txq);
		buf += n;
		len -= n;
	}
	k_spin_unlock_irqrestore(&vc->lock, flags);
}

/* Completions are reclaimed by the next write; the interrupt only has to be taken. */
static void vcon_tx_done(struct k_virtq *vq, void *arg)
{
	(void)vq;
	(void)arg;
}

static int vcon_probe(struct k_virtio_dev *vd)
{
	struct vcon *vc = k_calloc(1, sizeof(*vc));
	int rc;

	if (!vc)
		return -ENOMEM;
	vc->slots = k_malloc(CONSOLE_SLOTS * CONSOLE_SLOT_SIZE);
	rc = vc->slots ? k_virtio_negotiate(vd, 0) : -ENOMEM;
	if (!rc)
		rc = k_virtq_create(vd, CONSOLE_TXQ, CONSOLE_SLOTS, vcon_tx_done, vc, &vc->txq);
	if (!rc)
		rc = k_virtio_driver_ok(vd);
	if (rc) {
		k_free(vc->slots);
		k_free(vc);
		return rc;
	}
	k_virtq_disable_cb(vc->txq);
	vc->vd = vd;
	vc->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	/* The ring may be smaller than the slots. */
	vc->free_mask = (1u << K_MIN(k_virtq_size(vc->txq), (unsigned int)CONSOLE_SLOTS)) - 1;
	vc->console.name = vd->name;
	vc->console.write = vcon_write;
	vd->priv = vc;
	k_console_register(&vc->console);
	return 0;
}

static struct k_virtio_driver vcon_driver = {
	.name = "virtio-console",
	.device_type = K_VIRTIO_ID_CONSOLE,
	.probe = vcon_probe,
};

static int vcon_register(void)
{
	return k_virtio_driver_register(&vcon_driver);
}
K_INIT(vcon_register, K_INIT_BUS, 50);
