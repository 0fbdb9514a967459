// SPDX-License-Identifier: BSD-3-Clause
/*
 * newlib's retargetable locks (newlib's sys/lock.h, --enable-newlib-retargetable-locking)
 * over Keel mutexes: stdio streams, malloc's callers, atexit, the environment and the
 * time zone are safe under the preemptive scheduler. Like any mutex they must not be
 * taken in interrupt context, so libc calls that lock (printf...) panic there, naming
 * the call, rather than corrupt a stream.
 */
#include <sys/lock.h>
#include <keel/alloc.h>
#include <keel/print.h>
#include <keel/sync.h>

struct __lock {
	struct k_mutex mutex;
};

#define STATIC_LOCK(name, flags)					\
	struct __lock name = { K_MUTEX_INIT(name.mutex, flags) }

/* The locks newlib declares in sys/lock.h for its own static data. */
STATIC_LOCK(__lock___sinit_recursive_mutex, K_MUTEX_RECURSIVE);
STATIC_LOCK(__lock___sfp_recursive_mutex, K_MUTEX_RECURSIVE);
STATIC_LOCK(__lock___atexit_recursive_mutex, K_MUTEX_RECURSIVE);
STATIC_LOCK(__lock___at_quick_exit_mutex, 0);
STATIC_LOCK(__lock___malloc_recursive_mutex, K_MUTEX_RECURSIVE);
STATIC_LOCK(__lock___env_recursive_mutex, K_MUTEX_RECURSIVE);
STATIC_LOCK(__lock___tz_mutex, 0);
STATIC_LOCK(__lock___dd_hash_mutex, 0);
STATIC_LOCK(__lock___arc4random_mutex, 0);

/*
 * When there is no memory for a new lock (a FILE's), it shares this one: coarser, but
 * still correct. Recursive, so that one thread may hold two such "locks" at once.
 */
STATIC_LOCK(lock_spare, K_MUTEX_RECURSIVE);

static void lock_new(_LOCK_T *lock, unsigned int flags)
{
	struct __lock *l = k_malloc(sizeof(*l));

	if (!l) {
		k_warn("newlib: no memory for a lock; using a shared one\n");
		*lock = &lock_spare;
		return;
	}
	k_mutex_init(&l->mutex, flags);
	*lock = l;
}

static void lock_free(_LOCK_T lock)
{
	if (lock && lock != &lock_spare)
		k_free(lock);
}

void __retarget_lock_init(_LOCK_T *lock)
{
	lock_new(lock, 0);
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	lock_new(lock, K_MUTEX_RECURSIVE);
}

void __retarget_lock_close(_LOCK_T lock)
{
	lock_free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	lock_free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	k_mutex_lock(&lock->mutex);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	k_mutex_lock(&lock->mutex);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return k_mutex_trylock(&lock->mutex) == 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return k_mutex_trylock(&lock->mutex) == 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
	k_mutex_unlock(&lock->mutex);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	k_mutex_unlock(&lock->mutex);
}
