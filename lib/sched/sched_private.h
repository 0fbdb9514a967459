/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/sched internals shared between sched.c and thread.c. */
#ifndef LIB_SCHED_PRIVATE_H
#define LIB_SCHED_PRIVATE_H

#include <keel/sched.h>

void sched_switch(struct k_runqueue *rq, bool involuntary);
void sched_finish(struct k_runqueue *rq);
void sched_thread_timeout(struct k_timer *timer);
void sched_make_ready(struct k_runqueue *rq, struct k_thread *t);
void sched_slice_arm(struct k_runqueue *rq, const struct k_thread *cur);

/* thread.c */
void sched_thread_setup(struct k_thread *t, const char *name, int priority);
void sched_thread_register(struct k_thread *t);
/* A thread ready to run but not on any run queue (the idle thread stays so). */
int sched_thread_new(struct k_thread **out, const char *name, void *(*entry)(void *),
		     void *arg, const struct k_thread_attr *attr);
void sched_reap(void);
unsigned int sched_thread_count(void);

#endif /* LIB_SCHED_PRIVATE_H */
