// SPDX-License-Identifier: BSD-3-Clause
/*
 * Directory streams over the VFS: newlib's generic build has none (its sys/dirent.h is
 * an #error; lib/vfs/include/sys/dirent.h replaces it). A DIR is a descriptor opened
 * with O_DIRECTORY and the last entry read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <keel/vfs.h>
#include "glue.h"

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st))
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (d)
		d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

/* NULL at the end with errno unchanged, or on an error with errno set. */
struct dirent *readdir(DIR *d)
{
	struct k_dirent ent;
	int r = k_vfs_readdir(d->fd, &ent);

	if (r <= 0) {
		if (r < 0)
			errno = -r;
		return NULL;
	}
	d->ent.d_ino = (ino_t)ent.ino;
	d->ent.d_type = (unsigned char)ent.type;
	strcpy(d->ent.d_name, ent.name);
	return &d->ent;
}

int readdir_r(DIR *restrict d, struct dirent *restrict ent, struct dirent **restrict res)
{
	int saved = errno;
	struct dirent *e;

	errno = 0;
	e = readdir(d);
	if (!e && errno) {
		int r = errno;

		errno = saved;
		return r;
	}
	errno = saved;
	if (e)
		*ent = *e;
	*res = e ? ent : NULL;
	return 0;
}

void rewinddir(DIR *d)
{
	k_vfs_rewinddir(d->fd);
}

int dirfd(DIR *d)
{
	return d->fd;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}
