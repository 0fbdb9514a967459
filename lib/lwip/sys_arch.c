// SPDX-License-Identifier: BSD-3-Clause
/*
 * lwIP's operating-system layer (lwip/sys.h) over Keel's threads: semaphores, mutexes,
 * threads, the clock, random numbers. Mailboxes are in mbox.c, SYS_ARCH_PROTECT in
 * protect.c. Timeouts are in milliseconds, 0 meaning none; waits report the
 * milliseconds they took or SYS_ARCH_TIMEOUT.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/panic.h>
#include <keel/random.h>
#include <keel/time.h>
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "priv.h"

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(k_time_ns() / K_NSEC_PER_MSEC);
}

/* The deadline for a wait of timeout ms from start (0: none). */
uint64_t k_lwip_deadline(uint64_t start, u32_t timeout)
{
	return timeout ? start + (uint64_t)timeout * K_NSEC_PER_MSEC : 0;
}

/* Milliseconds since start, never SYS_ARCH_TIMEOUT itself. */
u32_t k_lwip_elapsed(uint64_t start)
{
	uint64_t ms = (k_time_ns() - start) / K_NSEC_PER_MSEC;

	return ms >= SYS_ARCH_TIMEOUT ? SYS_ARCH_TIMEOUT - 1 : (u32_t)ms;
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	k_sem_init(&sem->sem, count);
	sem->valid = true;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	sem->valid = false;
}

void sys_sem_signal(sys_sem_t *sem)
{
	k_sem_post(&sem->sem);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	uint64_t start = k_time_ns();

	if (k_sem_wait_until(&sem->sem, k_lwip_deadline(start, timeout)) == -ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	return k_lwip_elapsed(start);
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	k_mutex_init(&mutex->mutex, 0);
	mutex->valid = true;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	mutex->valid = false;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	int rc = k_mutex_lock(&mutex->mutex);

	if (rc)
		k_panic("lwip: mutex %p locked again by its owner (%d)", (void *)mutex, rc);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	int rc = k_mutex_unlock(&mutex->mutex);

	if (rc)
		k_panic("lwip: mutex %p unlocked by a thread that does not own it (%d)",
			(void *)mutex, rc);
}

/* lwip_init() runs before tcpip_init() creates the lock: nothing else runs yet. */
void k_lwip_assert_core_locked(void)
{
	if (lock_tcpip_core.valid && !k_mutex_held(&lock_tcpip_core.mutex))
		k_panic("lwip: called without the core lock (LOCK_TCPIP_CORE) in thread %s",
			k_thread_name(k_thread_current()));
}

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

static void *thread_entry(void *arg)
{
	struct thread_start start = *(struct thread_start *)arg;

	k_free(arg);
	start.fn(start.arg);
	return NULL;
}

/*
 * lwIP's threads (the tcpip thread) run for as long as the image, detached. stacksize
 * is lwIP's request in bytes; 0 takes Kconfig's size. lwIP cannot do without its
 * thread: a failure stops Keel.
 */
sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize,
			    int prio)
{
	struct k_thread_attr attr = {
		.stack_size = stacksize > 0 ? (size_t)stacksize : CONFIG_LWIP_TCPIP_STACK_KB * 1024,
		.priority = prio,
		.detached = 1,
	};
	struct thread_start *start = k_malloc(sizeof(*start));
	struct k_thread *t;
	int rc = -ENOMEM;

	if (start) {
		start->fn = fn;
		start->arg = arg;
		rc = k_thread_create(&t, name, thread_entry, start, &attr);
	}
	if (rc)
		k_panic("lwip: cannot start thread %s (%d)", name, rc);
	return t;
}

static __thread sys_sem_t thread_sem;

sys_sem_t *k_lwip_thread_sem(void)
{
	if (!thread_sem.valid)
		sys_sem_new(&thread_sem, 0);
	return &thread_sem;
}

void k_lwip_thread_sem_free(void)
{
	sys_sem_free(&thread_sem);
}

unsigned int k_lwip_rand(void)
{
	unsigned int r;

	k_random_bytes(&r, sizeof(r));
	return r;
}
