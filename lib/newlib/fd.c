// SPDX-License-Identifier: BSD-3-Clause
/*
 * The descriptor calls through the file-descriptor table (lib/fdtab) when it is
 * enabled: the console is fds 0-2 like any open file, so dup2(fd, 1) sends stdout
 * to a file. Keel's negative errno becomes -1 and errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/fdtab.h>
#include "glue.h"

/* Keel's flag values are newlib's, so flags pass through unchanged. */
_Static_assert(O_RDONLY == K_O_RDONLY && O_WRONLY == K_O_WRONLY && O_RDWR == K_O_RDWR &&
	       O_APPEND == K_O_APPEND && O_CREAT == K_O_CREAT && O_TRUNC == K_O_TRUNC &&
	       O_EXCL == K_O_EXCL && O_NONBLOCK == K_O_NONBLOCK && O_CLOEXEC == K_O_CLOEXEC &&
	       O_NOFOLLOW == K_O_NOFOLLOW && O_DIRECTORY == K_O_DIRECTORY &&
	       O_SYNC == K_O_SYNC && O_NOCTTY == K_O_NOCTTY, "open flags differ");
_Static_assert(S_IFMT == K_S_IFMT && S_IFDIR == K_S_IFDIR && S_IFREG == K_S_IFREG &&
	       S_IFLNK == K_S_IFLNK && S_IFCHR == K_S_IFCHR, "file types differ");
_Static_assert(SEEK_SET == K_SEEK_SET && SEEK_CUR == K_SEEK_CUR && SEEK_END == K_SEEK_END,
	       "whence values differ");
_Static_assert(FD_CLOEXEC == 1, "FD_CLOEXEC is not 1");

long glue_ret(long r)
{
	if (r >= 0)
		return r;
	errno = (int)-r;
	return -1;
}

void glue_stat(struct stat *st, const struct k_stat *k)
{
	*st = (struct stat){ 0 };
	st->st_dev = (dev_t)k->dev;
	st->st_ino = (ino_t)k->ino;
	st->st_mode = (mode_t)k->mode;
	st->st_nlink = (nlink_t)k->nlink;
	st->st_size = (off_t)k->size;
	st->st_blksize = (blksize_t)k->blksize;
	st->st_blocks = (blkcnt_t)k->blocks;
	st->st_atim.tv_sec = k->atime_ns / 1000000000;
	st->st_atim.tv_nsec = k->atime_ns % 1000000000;
	st->st_mtim.tv_sec = k->mtime_ns / 1000000000;
	st->st_mtim.tv_nsec = k->mtime_ns % 1000000000;
	st->st_ctim.tv_sec = k->ctime_ns / 1000000000;
	st->st_ctim.tv_nsec = k->ctime_ns % 1000000000;
}

ssize_t read(int fd, void *buf, size_t len)
{
	return glue_ret(k_fd_read(fd, buf, len));
}

ssize_t write(int fd, const void *buf, size_t len)
{
	return glue_ret(k_fd_write(fd, buf, len));
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	return glue_ret(k_fd_pread(fd, buf, len, off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return glue_ret(k_fd_pwrite(fd, buf, len, off));
}

off_t lseek(int fd, off_t off, int whence)
{
	return glue_ret(k_fd_lseek(fd, off, whence));
}

int close(int fd)
{
	return (int)glue_ret(k_fd_close(fd));
}

int fstat(int fd, struct stat *st)
{
	struct k_stat k;
	int r = k_fd_fstat(fd, &k);

	if (!r)
		glue_stat(st, &k);
	return (int)glue_ret(r);
}

int isatty(int fd)
{
	int r = k_fd_isatty(fd);

	return r == 1 ? 1 : (int)glue_ret(r) + 1;	/* 0 with errno on failure */
}

int dup(int fd)
{
	return (int)glue_ret(k_fd_dup(fd, 0));
}

int dup2(int fd, int newfd)
{
	return (int)glue_ret(k_fd_dup2(fd, newfd));
}

int ftruncate(int fd, off_t size)
{
	return (int)glue_ret(k_fd_ftruncate(fd, size));
}

int fsync(int fd)
{
	return (int)glue_ret(k_fd_fsync(fd));
}

int fdatasync(int fd)
{
	return fsync(fd);
}

/* The basic commands; others (locks, owners, signals) give EINVAL. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int arg;

	va_start(ap, cmd);
	arg = va_arg(ap, int);	/* absent for the GET commands: never used then */
	va_end(ap);
	switch (cmd) {
	case F_DUPFD:
		return (int)glue_ret(arg < 0 ? -EINVAL : k_fd_dup(fd, arg));
	case F_DUPFD_CLOEXEC: {
		int nfd = (int)glue_ret(arg < 0 ? -EINVAL : k_fd_dup(fd, arg));

		if (nfd >= 0)
			k_fd_setfd(nfd, FD_CLOEXEC);
		return nfd;
	}
	case F_GETFD:
		return (int)glue_ret(k_fd_getfd(fd));
	case F_SETFD:
		return (int)glue_ret(k_fd_setfd(fd, arg));
	case F_GETFL:
		return (int)glue_ret(k_fd_getfl(fd));
	case F_SETFL:
		return (int)glue_ret(k_fd_setfl(fd, arg));
	default:
		return (int)glue_ret(k_fd_getfd(fd) < 0 ? -EBADF : -EINVAL);
	}
}
