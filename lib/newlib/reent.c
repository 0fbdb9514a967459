// SPDX-License-Identifier: BSD-3-Clause
/*
 * newlib's per-thread state: errno, strtok's position, rand's seed, the buffers of
 * localtime and asctime... live in a struct _reent. Built with __DYNAMIC_REENT__,
 * newlib asks __getreent() for the running thread's; each thread gets its own on
 * first use, freed when the thread exits. The main thread uses newlib's static one.
 */
#include <reent.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/print.h>
#include <keel/thread.h>

static struct _reent reent_fallback;

static struct _reent *reent_new(void)
{
	struct _reent *r = k_malloc(sizeof(*r));

	if (!r)
		return NULL;
	_REENT_INIT_PTR(r);
	return r;
}

struct _reent *__getreent(void)
{
	struct k_thread *self = k_thread_current();
	void **slot;

	/* Before the scheduler adopts the boot thread. */
	if (!self)
		return _global_impure_ptr;
	slot = k_thread_libc_slot(self);
	if (!*slot) {
		*slot = reent_new();
		/*
		 * Out of memory: the thread shares one spare state rather than crash in
		 * the middle of a library call; errno may then be another thread's.
		 */
		if (!*slot) {
			k_warn("newlib: no memory for thread %s's libc state; it shares a spare one\n",
			       k_thread_name(self));
			*slot = &reent_fallback;
		}
	}
	return *slot;
}

static void reent_release(void *state)
{
	struct _reent *r = state;

	if (r == &reent_fallback || r == _global_impure_ptr)
		return;
	_reclaim_reent(r);
	k_free(r);
}

/*
 * Runs on the boot thread, which becomes main's: it keeps newlib's static state. Right
 * after the scheduler adopts it (K_INIT_PLAT 50), before anything else can call into
 * newlib from it and get a heap copy instead.
 */
static int reent_init(void)
{
	_REENT_INIT_PTR(&reent_fallback);
	*k_thread_libc_slot(k_thread_current()) = _global_impure_ptr;
	k_thread_set_libc_release(reent_release);
	return 0;
}
K_INIT(reent_init, K_INIT_PLAT, 52);
