// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio-console (virtio v1.2 §5.3) as a Keel console: output goes to port 0's
 * transmitq (queue 1) in chunks copied into a small ring of preallocated buffers.
 * Console writes happen in any context with interrupts off, so nothing here blocks:
 * finished buffers are reclaimed on the next write, a full ring is drained by polling
 * the used ring for up to a second, and output that still does not fit is dropped and
 * counted. Before power-off, k_console_flush waits (as long) for the device to take
 * every buffer. Input (receiveq) is not used.
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
#include <keel/time.h>
#include <keel/virtio.h>
#include <keel/virtq.h>

#define CONSOLE_TXQ		1	/* §5.3.2: port 0 transmitq */
#define CONSOLE_SLOTS		16
#define CONSOLE_SLOT_SIZE	256
#define CONSOLE_POLL_SPINS	1000000		/* at least */
#define CONSOLE_POLL_SPINS_MAX	100000000	/* at most, should the clock not run */
#define CONSOLE_WAIT_NS		1000000000ull	/* for a full ring to drain */

struct vcon {
	struct k_console console;
	struct k_virtio_dev *vd;
	struct k_virtq *txq;
	struct k_spinlock lock;
	char *slots;			/* CONSOLE_SLOTS * CONSOLE_SLOT_SIZE */
	uint32_t free_mask;		/* bit i: slot i is free */
	uint32_t all_slots;		/* free_mask with every slot free */
	uint64_t dropped;		/* bytes dropped: the device did not keep up */
	bool stalled;			/* the last wait for a slot timed out */
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

/*
 * Poll the device until free_mask has a bit of want (any free slot) or is all of
 * want (everything written); false if that did not come. The wait is bounded by the
 * clock, not by a count of spins: a host whose device thread is descheduled (QEMU on
 * a loaded machine) can take tens of milliseconds to return buffers, longer than a
 * fixed count of spins lasts under emulation. A device that missed the deadline once
 * gets only the spins until it returns a buffer again, so a dead device does not hold
 * every write for a second. Lock held.
 */
static bool vcon_poll(struct vcon *vc, uint32_t want, bool all)
{
	uint64_t start = k_time_ns();
	uint64_t wait = vc->stalled ? 0 : CONSOLE_WAIT_NS;

	for (unsigned long spin = 0;; spin++) {
		vcon_reclaim(vc);
		if (all ? (vc->free_mask & want) == want : (vc->free_mask & want) != 0) {
			vc->stalled = false;
			return true;
		}
		if (spin >= CONSOLE_POLL_SPINS &&
		    (k_time_ns() - start >= wait || spin >= CONSOLE_POLL_SPINS_MAX))
			break;
		k_arch_cpu_relax();
	}
	vc->stalled = true;
	return false;
}

/* A free slot, polling the device when there is none; -1 if none came. */
static int vcon_slot(struct vcon *vc)
{
	return vcon_poll(vc, vc->all_slots, false) ? __builtin_ctz(vc->free_mask) : -1;
}

static void vcon_write(struct k_console *con, const char *buf, size_t len)
{
	struct vcon *vc = (struct vcon *)con;
	unsigned long flags;

	/*
	 * Start the clock before taking the lock: its first use may log the counter's
	 * rate, which would come back here and be dropped.
	 */
	(void)k_time_ns();
	flags = k_arch_irq_save();
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

/* Before power-off: the device must have taken every buffer, or the last lines are lost. */
static void vcon_flush(struct k_console *con)
{
	struct vcon *vc = (struct vcon *)con;
	unsigned long flags;

	(void)k_time_ns();	/* as in vcon_write */
	flags = k_arch_irq_save();
	if (__atomic_load_n(&vc->lock.owner, __ATOMIC_RELAXED) == k_cpu()) {
		k_arch_irq_restore(flags);
		return;
	}
	k_spin_lock(&vc->lock);
	vcon_poll(vc, vc->all_slots, true);
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
	vc->all_slots = (1u << K_MIN(k_virtq_size(vc->txq), (unsigned int)CONSOLE_SLOTS)) - 1;
	vc->free_mask = vc->all_slots;
	vc->console.name = vd->name;
	vc->console.write = vcon_write;
	vc->console.flush = vcon_flush;
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
