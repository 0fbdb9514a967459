// SPDX-License-Identifier: BSD-3-Clause
/*
 * The console as an open file: writes go to k_console_write, reads are at end of file
 * (the console has no input yet; said once), and it cannot seek.
 */
#include <keel/fdtab.h>
#include <keel/print.h>

static int64_t console_read(struct k_file *f, void *buf, size_t len, int64_t *pos)
{
	static int said;

	(void)f;
	(void)buf;
	(void)len;
	(void)pos;
	if (!said++)
		k_info("newlib: the console has no input; standard input reads end of file\n");
	return 0;
}

static int64_t console_write(struct k_file *f, const void *buf, size_t len, int64_t *pos)
{
	(void)f;
	(void)pos;
	k_console_write(buf, len);
	return (int64_t)len;
}

/* A character device, so stdio buffers output by lines on it. */
static int console_fstat(struct k_file *f, struct k_stat *st)
{
	(void)f;
	st->mode = K_S_IFCHR | 0620;
	st->nlink = 1;
	st->blksize = 1024;
	return 0;
}

static const struct k_file_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.fstat = console_fstat,
	.isatty = 1,
};

struct k_file *k_console_file(void)
{
	return k_file_new(&console_ops, K_O_RDWR, NULL);
}
