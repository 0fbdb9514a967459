// SPDX-License-Identifier: BSD-3-Clause
/*
 * Power-off: SCHEDOP_shutdown (xen/include/public/sched.h). Xen's shutdown reasons
 * carry no number, so the exit status goes three ways: the xenstore key
 * data/keel-exit-status in the domain's home (written before the shutdown), a last
 * console line "exit status N", and the reason: poweroff for a program's exit, crash
 * when Keel stopped it (K_EXIT_PANIC: panic, fault, bad command line) or when a
 * non-zero status could not be recorded, so that nothing reads as success by mistake.
 * The console ring is drained first: the toolstack may destroy the domain before
 * xenconsoled reads it otherwise.
 */
#include <keel/arch.h>
#include <keel/panic.h>
#include <keel/print.h>
#include "xenplat.h"

void plat_poweroff(int status)
{
	static bool entered;
	struct xen_sched_shutdown s;
	int recorded = -1;

	k_arch_irq_disable();
	if (status < 0 || status > K_EXIT_PANIC)
		status = K_EXIT_PANIC;
	/* A fault on the way comes back here: go straight to the shutdown then. */
	if (!entered) {
		entered = true;
		recorded = xen_xenstore_exit_status(status);
		k_printk(K_LOG_CRIT, "exit status %d\n", status);
		xen_console_flush();
	}
	s.reason = status == 0 || (status != K_EXIT_PANIC && recorded == 0) ?
		   XEN_SHUTDOWN_poweroff : XEN_SHUTDOWN_crash;
	if (xen_present())
		xen_hypercall2(XEN_HC_sched_op, XEN_SCHEDOP_shutdown, (uintptr_t)&s);
	else
		xen_poweroff_without_xen();
	k_crit("xen: %s; halted, exit status %d\n",
	       xen_present() ? "SCHEDOP_shutdown returned" : "no Xen to shut down", status);
	for (;;)
		k_arch_halt();
}
