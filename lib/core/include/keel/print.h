/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel logging: k_printk with levels, written to the platform console. */
#ifndef KEEL_PRINT_H
#define KEEL_PRINT_H

#include <stdarg.h>
#include <stddef.h>
#include <keel/compiler.h>

#define K_LOG_CRIT	0
#define K_LOG_ERR	1
#define K_LOG_WARN	2
#define K_LOG_INFO	3
#define K_LOG_DEBUG	4

/* Messages with a level above this are dropped (log.level= on the command line). */
extern int k_log_level;

void k_printk(int level, const char *fmt, ...) __k_printf(2, 3);
void k_vprintk(int level, const char *fmt, va_list ap);

/* Raw console output: the platform console and every registered one. */
void k_console_write(const char *buf, size_t len);

/*
 * More consoles (virtio-console...). write is called with interrupts off from any
 * context, panics included: it must not block and may drop output when full. With the
 * parameter console.serial=0, the platform console stops once one is registered.
 */
struct k_console {
	const char *name;
	void (*write)(struct k_console *con, const char *buf, size_t len);
	/*
	 * Optional: wait, for a bounded time, until what was written has left the
	 * guest (a device that consumes output asynchronously would otherwise lose the
	 * last lines when the machine powers off right after them).
	 */
	void (*flush)(struct k_console *con);
	struct k_console *next;
};
void k_console_register(struct k_console *con);
/* Flush every console that can be flushed; called before power-off. */
void k_console_flush(void);

/*
 * Format straight to the console, in chunks, after an optional prefix (may be NULL).
 * Returns the number of characters formatted (the prefix not counted). No level
 * filter: k_vprintk and the libc's printf are both built on it.
 */
int k_console_vformat(const char *prefix, const char *fmt, va_list ap);

#define k_crit(...)	k_printk(K_LOG_CRIT, __VA_ARGS__)
#define k_err(...)	k_printk(K_LOG_ERR, __VA_ARGS__)
#define k_warn(...)	k_printk(K_LOG_WARN, __VA_ARGS__)
#define k_info(...)	k_printk(K_LOG_INFO, __VA_ARGS__)
#define k_debug(...)	k_printk(K_LOG_DEBUG, __VA_ARGS__)

/* Parse "crit|err|warn|info|debug" or a digit; returns the level or -1. */
int k_log_level_parse(const char *name);

#endif /* KEEL_PRINT_H */
