// SPDX-License-Identifier: BSD-3-Clause
/*
 * The descriptor table: CONFIG_FDTAB_MAX slots, each a file reference plus the
 * descriptor's own flag (FD_CLOEXEC). One mutex guards the slots; a call on a file
 * takes its own reference first, so closing a descriptor while another thread reads
 * from it frees nothing under the reader.
 */
#include <errno.h>
#include <keel/fdtab.h>
#include <keel/init.h>
#include <keel/print.h>

#define FD_CLOEXEC_FLAG	1

struct fd_slot {
	struct k_file *file;
	int fdflags;
};

static struct fd_slot fds[CONFIG_FDTAB_MAX];
static struct k_mutex fds_lock = K_MUTEX_INIT(fds_lock, 0);

int k_fd_max(void)
{
	return CONFIG_FDTAB_MAX;
}

static int fd_valid(int fd)
{
	return fd >= 0 && fd < CONFIG_FDTAB_MAX;
}

/* The lowest free slot >= min, or -EMFILE. Called with fds_lock held. */
static int fd_free_slot(int min)
{
	for (int fd = min < 0 ? 0 : min; fd < CONFIG_FDTAB_MAX; fd++)
		if (!fds[fd].file)
			return fd;
	return -EMFILE;
}

int k_fd_install(struct k_file *f, int min)
{
	int fd;

	if (min < 0 || min >= CONFIG_FDTAB_MAX) {
		k_file_put(f);
		return -EINVAL;
	}
	k_mutex_lock(&fds_lock);
	fd = fd_free_slot(min);
	if (fd >= 0) {
		fds[fd].file = f;
		fds[fd].fdflags = (f->flags & K_O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0;
	}
	k_mutex_unlock(&fds_lock);
	if (fd < 0)
		k_file_put(f);
	return fd;
}

struct k_file *k_fd_get(int fd)
{
	struct k_file *f = NULL;

	if (!fd_valid(fd))
		return NULL;
	k_mutex_lock(&fds_lock);
	f = fds[fd].file;
	if (f)
		k_file_get(f);
	k_mutex_unlock(&fds_lock);
	return f;
}

int k_fd_close(int fd)
{
	struct k_file *f;

	if (!fd_valid(fd))
		return -EBADF;
	k_mutex_lock(&fds_lock);
	f = fds[fd].file;
	fds[fd].file = NULL;
	k_mutex_unlock(&fds_lock);
	if (!f)
		return -EBADF;
	k_file_put(f);
	return 0;
}

int k_fd_dup(int fd, int min)
{
	struct k_file *f = k_fd_get(fd);

	if (!f)
		return -EBADF;
	return k_fd_install(f, min);	/* the new descriptor owns our reference */
}

/* dup2: newfd names fd's file afterwards; whatever newfd held is closed. */
int k_fd_dup2(int fd, int newfd)
{
	struct k_file *f, *old;

	if (!fd_valid(newfd))
		return -EBADF;
	f = k_fd_get(fd);
	if (!f)
		return -EBADF;
	if (fd == newfd) {
		k_file_put(f);
		return newfd;
	}
	k_mutex_lock(&fds_lock);
	old = fds[newfd].file;
	fds[newfd].file = f;
	fds[newfd].fdflags = 0;
	k_mutex_unlock(&fds_lock);
	if (old)
		k_file_put(old);
	return newfd;
}

int k_fd_getfd(int fd)
{
	int r = -EBADF;

	if (!fd_valid(fd))
		return r;
	k_mutex_lock(&fds_lock);
	if (fds[fd].file)
		r = fds[fd].fdflags;
	k_mutex_unlock(&fds_lock);
	return r;
}

int k_fd_setfd(int fd, int fdflags)
{
	int r = -EBADF;

	if (!fd_valid(fd))
		return r;
	k_mutex_lock(&fds_lock);
	if (fds[fd].file) {
		fds[fd].fdflags = fdflags & FD_CLOEXEC_FLAG;
		r = 0;
	}
	k_mutex_unlock(&fds_lock);
	return r;
}

/* Descriptors 0, 1 and 2 are the console, each holding its own reference. */
static int fdtab_init(void)
{
	struct k_file *con = k_console_file();

	if (!con)
		return -ENOMEM;
	for (int fd = 0; fd < 3 && fd < CONFIG_FDTAB_MAX; fd++) {
		k_file_get(con);
		if (k_fd_install(con, fd) != fd)
			k_err("fdtab: descriptor %d is not the console\n", fd);
	}
	k_file_put(con);
	return 0;
}
K_INIT(fdtab_init, K_INIT_LIB, 10);
