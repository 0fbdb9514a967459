// SPDX-License-Identifier: BSD-3-Clause
/*
 * poll() over every kind of descriptor. One wait queue for the whole image and a
 * generation counter: a file whose readiness changes bumps the counter and wakes
 * every poller (k_fdtab_poll_wake), and a poller that found nothing ready sleeps
 * only while the counter still has the value it read before its scan. A change
 * that lands during the scan therefore always causes one more scan, never a
 * missed wake-up. Waking everyone is simple and cheap for the few threads a
 * unikernel has; each rescans its own descriptors.
 */
#include <errno.h>
#include <keel/fdtab.h>
#include <keel/time.h>
#include <keel/waitq.h>

static struct k_waitq poll_wq = K_WAITQ_INIT(poll_wq);
static uint64_t poll_gen;	/* guarded by poll_wq.lock */

/* A file without a poll op (regular file, console) never blocks: POSIX XSH poll. */
#define ALWAYS_READY	(K_POLLIN | K_POLLRDNORM | K_POLLOUT | K_POLLWRNORM)
/* Reported whether asked for or not. */
#define ALWAYS_REPORTED	(K_POLLERR | K_POLLHUP | K_POLLNVAL)

void k_fdtab_poll_wake(void)
{
	unsigned long flags = k_spin_lock_irqsave(&poll_wq.lock);

	poll_gen++;
	k_waitq_wake_locked(&poll_wq, 0);
	k_spin_unlock_irqrestore(&poll_wq.lock, flags);
}

static uint64_t poll_gen_read(void)
{
	unsigned long flags = k_spin_lock_irqsave(&poll_wq.lock);
	uint64_t gen = poll_gen;

	k_spin_unlock_irqrestore(&poll_wq.lock, flags);
	return gen;
}

static short poll_one(int fd, short events)
{
	unsigned int want = (unsigned short)events | ALWAYS_REPORTED, got;
	struct k_file *f = k_fd_get(fd);

	if (!f)
		return K_POLLNVAL;
	got = f->ops->poll ? f->ops->poll(f, want) : ALWAYS_READY;
	k_file_put(f);
	return (short)(got & want);
}

static int poll_scan(struct k_pollfd *fds, size_t n)
{
	int ready = 0;

	for (size_t i = 0; i < n; i++) {
		fds[i].revents = fds[i].fd < 0 ? 0 : poll_one(fds[i].fd, fds[i].events);
		ready += fds[i].revents != 0;
	}
	return ready;
}

/* Sleep until the generation moves past gen or the deadline (0: none) passes. */
static void poll_sleep(uint64_t gen, uint64_t deadline)
{
	unsigned long flags = k_spin_lock_irqsave(&poll_wq.lock);

	while (poll_gen == gen && (!deadline || k_time_ns() < deadline))
		k_waitq_wait_locked(&poll_wq, deadline);
	k_spin_unlock_irqrestore(&poll_wq.lock, flags);
}

int k_fd_poll(struct k_pollfd *fds, size_t n, int64_t timeout_ns)
{
	uint64_t deadline = 0;
	int ready;

	if (n > (size_t)k_fd_max())
		return -EINVAL;
	if (timeout_ns > 0) {
		deadline = k_time_ns() + (uint64_t)timeout_ns;
		if (deadline < (uint64_t)timeout_ns)
			deadline = 0;	/* past the clock's range: no limit */
	}
	for (;;) {
		uint64_t gen = poll_gen_read();

		ready = poll_scan(fds, n);
		if (ready || !timeout_ns || (deadline && k_time_ns() >= deadline))
			return ready;
		poll_sleep(gen, deadline);
	}
}
