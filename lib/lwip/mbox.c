// SPDX-License-Identifier: BSD-3-Clause
/*
 * lwIP's mailboxes: a bounded ring of pointers. A sender takes a free slot (room), a
 * receiver a queued message (items); the spinlock only guards the two indices, so
 * senders and receivers in any number block on the semaphores, never on each other.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/time.h>
#include "lwip/sys.h"
#include "priv.h"

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	if (size <= 0)
		size = 1;
	mbox->slots = k_calloc((size_t)size, sizeof(void *));
	if (!mbox->slots) {
		mbox->valid = false;
		return ERR_MEM;
	}
	k_sem_init(&mbox->items, 0);
	k_sem_init(&mbox->room, (unsigned int)size);
	mbox->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	mbox->size = (unsigned int)size;
	mbox->head = 0;
	mbox->tail = 0;
	mbox->valid = true;
	return ERR_OK;
}

/* lwIP frees a mailbox once nobody waits on it; messages still queued are its to drain. */
void sys_mbox_free(sys_mbox_t *mbox)
{
	k_free(mbox->slots);
	mbox->slots = NULL;
	mbox->valid = false;
}

/* A slot is ours (room taken): fill it and count the message. */
static void mbox_put(sys_mbox_t *mbox, void *msg)
{
	unsigned long flags = k_spin_lock_irqsave(&mbox->lock);

	mbox->slots[mbox->tail] = msg;
	mbox->tail = (mbox->tail + 1) % mbox->size;
	k_spin_unlock_irqrestore(&mbox->lock, flags);
	k_sem_post(&mbox->items);
}

/* A message is ours (items taken): take it and free the slot. */
static void *mbox_get(sys_mbox_t *mbox)
{
	unsigned long flags = k_spin_lock_irqsave(&mbox->lock);
	void *msg = mbox->slots[mbox->head];

	mbox->head = (mbox->head + 1) % mbox->size;
	k_spin_unlock_irqrestore(&mbox->lock, flags);
	k_sem_post(&mbox->room);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	k_sem_wait(&mbox->room);
	mbox_put(mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (k_sem_trywait(&mbox->room))
		return ERR_MEM;
	mbox_put(mbox, msg);
	return ERR_OK;
}

/* Nothing in Keel posts from interrupt handlers, but the call is safe there too. */
err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	uint64_t start = k_time_ns();
	void *m;

	if (k_sem_wait_until(&mbox->items, k_lwip_deadline(start, timeout)) == -ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	m = mbox_get(mbox);
	if (msg)
		*msg = m;
	return k_lwip_elapsed(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (k_sem_trywait(&mbox->items))
		return SYS_MBOX_EMPTY;
	m = mbox_get(mbox);
	if (msg)
		*msg = m;
	return 0;
}
