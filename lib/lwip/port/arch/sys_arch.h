/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's operating-system types over Keel's threads (lib/lwip/sys_arch.c, mbox.c,
 * protect.c). The objects are embedded where lwIP declares them and never copied.
 */
#ifndef KEEL_LWIP_ARCH_SYS_ARCH_H
#define KEEL_LWIP_ARCH_SYS_ARCH_H

#include <stdbool.h>
#include <keel/spinlock.h>
#include <keel/sync.h>
#include <keel/thread.h>

struct sys_sem {
	struct k_sem sem;
	bool valid;
};
typedef struct sys_sem sys_sem_t;

struct sys_mutex {
	struct k_mutex mutex;
	bool valid;
};
typedef struct sys_mutex sys_mutex_t;

/* A bounded ring of messages: items counts the queued ones, room the free slots. */
struct sys_mbox {
	struct k_sem items;
	struct k_sem room;
	struct k_spinlock lock;		/* head and tail */
	void **slots;
	unsigned int size, head, tail;
	bool valid;
};
typedef struct sys_mbox sys_mbox_t;

typedef struct k_thread *sys_thread_t;

/* SYS_ARCH_PROTECT nests; the value carries nothing (protect.c). */
typedef int sys_prot_t;

#define sys_sem_valid(s)		((s) != NULL && (s)->valid)
#define sys_sem_set_invalid(s)		((s)->valid = false)
#define sys_mutex_valid(m)		((m) != NULL && (m)->valid)
#define sys_mutex_set_invalid(m)	((m)->valid = false)
#define sys_mbox_valid(m)		((m) != NULL && (m)->valid)
#define sys_mbox_set_invalid(m)		((m)->valid = false)

/*
 * LWIP_NETCONN_SEM_PER_THREAD: every thread that calls into lwIP waits for its
 * requests on its own semaphore, a __thread variable set up on first use.
 */
sys_sem_t *k_lwip_thread_sem(void);
void k_lwip_thread_sem_free(void);
#define LWIP_NETCONN_THREAD_SEM_GET()	k_lwip_thread_sem()
#define LWIP_NETCONN_THREAD_SEM_ALLOC()	((void)k_lwip_thread_sem())
#define LWIP_NETCONN_THREAD_SEM_FREE()	k_lwip_thread_sem_free()

#endif /* KEEL_LWIP_ARCH_SYS_ARCH_H */
