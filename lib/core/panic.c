// SPDX-License-Identifier: BSD-3-Clause
/* panic, fatal and assertion failure: report, then power off with K_EXIT_PANIC. */
#include <keel/arch.h>
#include <keel/ksyms.h>
#include <keel/panic.h>
#include <keel/plat.h>
#include <keel/print.h>

static int panic_depth;

/* A fault while reporting a panic must not recurse: the second time, stop at once. */
static void panic_enter(void)
{
	k_arch_irq_disable();
	if (panic_depth++ > 0) {
		k_console_write("\npanic: nested panic, powering off\n", 35);
		plat_poweroff(K_EXIT_PANIC);
	}
	/* Whatever log level is set, the reason for a stop is printed. */
	k_log_level = K_LOG_DEBUG;
}

void k_backtrace_print(const void *fp)
{
	uintptr_t pcs[K_ARCH_BACKTRACE_MAX];
	char sym[96];
	int i, n, repeats = 0;

	n = k_arch_backtrace(fp, pcs, K_ARCH_BACKTRACE_MAX);
	k_printk(K_LOG_CRIT, "Backtrace:\n");
	for (i = 0; i < n; i++) {
		/* Deep recursion: say how often a frame repeats instead of filling the log. */
		if (i > 0 && pcs[i] == pcs[i - 1] && i + 1 < n) {
			repeats++;
			continue;
		}
		if (repeats)
			k_printk(K_LOG_CRIT, "  ... the frame above repeats %d more times\n", repeats);
		repeats = 0;
		/* A return address may point past a call at the end of a function. */
		k_ksym_format(pcs[i] - 1, sym, sizeof(sym));
		k_printk(K_LOG_CRIT, "  #%d 0x%016lx %s\n", i, (unsigned long)pcs[i], sym);
	}
	if (n == 0)
		k_printk(K_LOG_CRIT, "  (no frames)\n");
}

void k_panic(const char *fmt, ...)
{
	va_list ap;

	panic_enter();
	k_console_write("panic: ", 7);
	va_start(ap, fmt);
	k_vprintk(K_LOG_CRIT, fmt, ap);
	va_end(ap);
	k_console_write("\n", 1);
	k_backtrace_print(__builtin_frame_address(0));
	k_console_flush();
	plat_poweroff(K_EXIT_PANIC);
}

void k_fatal(const char *fmt, ...)
{
	va_list ap;

	panic_enter();
	k_console_write("fatal: ", 7);
	va_start(ap, fmt);
	k_vprintk(K_LOG_CRIT, fmt, ap);
	va_end(ap);
	k_console_write("\n", 1);
	k_console_flush();
	plat_poweroff(K_EXIT_PANIC);
}

void k_assert_failed(const char *expr, const char *file, int line, const char *func)
{
	k_panic("assertion '%s' failed in %s() at %s:%d", expr, func, file, line);
}
