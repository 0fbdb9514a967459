// SPDX-License-Identifier: BSD-3-Clause
/*
 * The file-descriptor calls newlib's stdio makes. Descriptors 0, 1 and 2 are the
 * console; there is no other until a file-descriptor table exists (docs/libc.md).
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/print.h>

static int console_fd(int fd)
{
	return fd >= STDIN_FILENO && fd <= STDERR_FILENO;
}

static int bad_fd(void)
{
	errno = EBADF;
	return -1;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	if (fd != STDOUT_FILENO && fd != STDERR_FILENO)
		return bad_fd();
	k_console_write(buf, len);
	return (ssize_t)len;
}

/* The console has no input: standard input is at end of file. Said once. */
ssize_t read(int fd, void *buf, size_t len)
{
	static int said;

	(void)buf;
	(void)len;
	if (fd != STDIN_FILENO)
		return bad_fd();
	if (!said++)
		k_info("newlib: the console has no input; standard input reads end of file\n");
	return 0;
}

int isatty(int fd)
{
	if (console_fd(fd))
		return 1;
	errno = EBADF;
	return 0;
}

/* A character device, so stdio buffers output by lines on it. */
int fstat(int fd, struct stat *st)
{
	if (!console_fd(fd))
		return bad_fd();
	*st = (struct stat){ 0 };
	st->st_mode = S_IFCHR | 0620;
	st->st_blksize = 1024;
	return 0;
}

off_t lseek(int fd, off_t off, int whence)
{
	(void)off;
	(void)whence;
	if (!console_fd(fd))
		return bad_fd();
	errno = ESPIPE;
	return -1;
}

/* Closing a console descriptor is allowed and changes nothing (stdio does it at exit). */
int close(int fd)
{
	return console_fd(fd) ? 0 : bad_fd();
}
