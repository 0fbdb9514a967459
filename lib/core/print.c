// SPDX-License-Identifier: BSD-3-Clause
/* k_printk: leveled kernel messages to the console. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/fmt.h>
#include <keel/param.h>
#include <keel/plat.h>
#include <keel/print.h>
#include <keel/spinlock.h>

int k_log_level = CONFIG_CORE_LOG_LEVEL;

static const char *const log_names[] = { "crit", "err", "warn", "info", "debug" };
static const char *const log_prefix[] = { "", "error: ", "warning: ", "", "" };

static struct k_console *consoles;
static bool console_serial_off;

static int console_serial_set(const char *value)
{
	if (!value || (strcmp(value, "0") && strcmp(value, "1")))
		return -EINVAL;
	console_serial_off = value[0] == '0';
	return 0;
}
K_PARAM("console.serial", console_serial_set, "1 (default) or 0: 0 writes only to other consoles once one exists");

/* Consoles are only ever added, and published after they are ready. */
void k_console_register(struct k_console *con)
{
	con->next = consoles;
	__atomic_store_n(&consoles, con, __ATOMIC_RELEASE);
	k_info("console: %s%s\n", con->name, console_serial_off ? " (serial off)" : "");
}

void k_console_write(const char *buf, size_t len)
{
	struct k_console *con = __atomic_load_n(&consoles, __ATOMIC_ACQUIRE);

	if (!con || !console_serial_off)
		plat_console_write(buf, len);
	for (; con; con = con->next)
		con->write(con, buf, len);
}

void k_console_flush(void)
{
	struct k_console *con = __atomic_load_n(&consoles, __ATOMIC_ACQUIRE);

	for (; con; con = con->next)
		if (con->flush)
			con->flush(con);
}

/* Batch output so that the console sees whole chunks, not single characters. */
struct print_buf {
	char data[128];
	size_t len;
};

static void print_flush(struct print_buf *pb)
{
	k_console_write(pb->data, pb->len);
	pb->len = 0;
}

static void print_sink(void *ctx, const char *s, size_t n)
{
	struct print_buf *pb = ctx;

	while (n--) {
		if (pb->len == sizeof(pb->data))
			print_flush(pb);
		pb->data[pb->len++] = *s++;
	}
}

/*
 * One message reaches the console whole, even when threads, interrupt handlers and
 * CPUs print at once. A fault while this CPU prints (the lock's owner is us) prints
 * anyway instead of deadlocking.
 */
static struct k_spinlock console_lock = K_SPINLOCK_INIT;

int k_console_vformat(const char *prefix, const char *fmt, va_list ap)
{
	struct print_buf pb = { .len = 0 };
	unsigned long flags = k_arch_irq_save();
	bool nested = console_lock.owner == k_cpu();
	int n;

	if (!nested)
		k_spin_lock(&console_lock);
	if (prefix)
		print_sink(&pb, prefix, strlen(prefix));
	n = k_vformat(print_sink, &pb, fmt, ap);
	print_flush(&pb);
	if (!nested)
		k_spin_unlock(&console_lock);
	k_arch_irq_restore(flags);
	return n;
}

void k_vprintk(int level, const char *fmt, va_list ap)
{
	if (level > k_log_level)
		return;
	if (level < 0)
		level = 0;
	k_console_vformat(log_prefix[level], fmt, ap);
}

void k_printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	k_vprintk(level, fmt, ap);
	va_end(ap);
}

int k_log_level_parse(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	if (name[0] >= '0' && name[0] <= '4' && name[1] == '\0')
		return name[0] - '0';
	for (i = 0; i < K_ARRAY_SIZE(log_names); i++)
		if (strcmp(name, log_names[i]) == 0)
			return (int)i;
	return -1;
}

static int log_level_set(const char *value)
{
	int level = k_log_level_parse(value);

	if (level < 0)
		return -EINVAL;
	k_log_level = level;
	return 0;
}
K_PARAM("log.level", log_level_set, "crit|err|warn|info|debug or 0..4");
