libs-$(CONFIG_LIBSCHED) += sched
sched-srcs-y += sched.c thread.c waitq.c mutex.c sem.c condvar.c event.c work.c
sched-srcs-$(CONFIG_SCHED_COOP) += policy_coop.c
sched-srcs-$(CONFIG_SCHED_PREEMPT) += policy_prio.c
