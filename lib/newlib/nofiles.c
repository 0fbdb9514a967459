// SPDX-License-Identifier: BSD-3-Clause
/* Without lib/vfs there is no file system: the path calls fail with ENOSYS. */
#include <sys/stat.h>
#include <unistd.h>
#include "unsupported.h"

int open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	return UNSUPPORTED(open);
}

int stat(const char *path, struct stat *st)
{
	(void)path;
	(void)st;
	return UNSUPPORTED(stat);
}

int link(const char *old, const char *new)
{
	(void)old;
	(void)new;
	return UNSUPPORTED(link);
}

int unlink(const char *path)
{
	(void)path;
	return UNSUPPORTED(unlink);
}

int mkdir(const char *path, mode_t mode)
{
	(void)path;
	(void)mode;
	return UNSUPPORTED(mkdir);
}
