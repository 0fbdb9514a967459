// SPDX-License-Identifier: BSD-3-Clause
/* The path calls through the VFS (lib/vfs) when it is enabled. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/vfs.h>
#include "glue.h"

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return (int)glue_ret(k_vfs_open(path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

static int stat_path(const char *path, struct stat *st, int follow)
{
	struct k_stat k;
	int r = k_vfs_stat(path, &k, follow);

	if (!r)
		glue_stat(st, &k);
	return (int)glue_ret(r);
}

int stat(const char *path, struct stat *st)
{
	return stat_path(path, st, 1);
}

int lstat(const char *path, struct stat *st)
{
	return stat_path(path, st, 0);
}

int mkdir(const char *path, mode_t mode)
{
	return (int)glue_ret(k_vfs_mkdir(path, mode));
}

int rmdir(const char *path)
{
	return (int)glue_ret(k_vfs_rmdir(path));
}

int unlink(const char *path)
{
	return (int)glue_ret(k_vfs_unlink(path));
}

/* C's remove(): newlib's calls _unlink_r, which fails on directories. */
int remove(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return -1;
	return S_ISDIR(st.st_mode) ? rmdir(path) : unlink(path);
}

int link(const char *from, const char *to)
{
	return (int)glue_ret(k_vfs_link(from, to));
}

/* newlib's rename() is link + unlink, which cannot move directories or replace. */
int rename(const char *from, const char *to)
{
	return (int)glue_ret(k_vfs_rename(from, to));
}

int symlink(const char *target, const char *path)
{
	return (int)glue_ret(k_vfs_symlink(target, path));
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return glue_ret(k_vfs_readlink(path, buf, size));
}

int truncate(const char *path, off_t size)
{
	return (int)glue_ret(k_vfs_truncate(path, size));
}

int access(const char *path, int amode)
{
	return (int)glue_ret(k_vfs_access(path, amode));
}

int chdir(const char *path)
{
	return (int)glue_ret(k_vfs_chdir(path));
}

/* buf NULL: a malloc'ed copy (size 0: as long as needed), as glibc and BSD do. */
char *getcwd(char *buf, size_t size)
{
	char path[K_VFS_PATH_MAX];
	int r = k_vfs_getcwd(path, sizeof(path));

	if (r) {
		errno = -r;
		return NULL;
	}
	if (!buf) {
		if (size && strlen(path) >= size) {
			errno = ERANGE;
			return NULL;
		}
		return strdup(path);
	}
	if (!size || strlen(path) >= size) {
		errno = size ? ERANGE : EINVAL;
		return NULL;
	}
	return strcpy(buf, path);
}

mode_t umask(mode_t mask)
{
	return (mode_t)k_vfs_umask(mask);
}
