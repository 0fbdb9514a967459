// SPDX-License-Identifier: BSD-3-Clause
/*
 * Open files: reference counting, and the calls on a descriptor that apply the open
 * flags (access mode, O_APPEND) and keep the position before handing over to the
 * file's ops.
 */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/fdtab.h>

struct k_file *k_file_new(const struct k_file_ops *ops, unsigned int flags, void *priv)
{
	struct k_file *f = k_calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->ops = ops;
	f->flags = flags;
	f->refs = 1;
	f->priv = priv;
	k_mutex_init(&f->lock, 0);
	return f;
}

void k_file_get(struct k_file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

void k_file_put(struct k_file *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (f->ops->release)
		f->ops->release(f);
	k_free(f);
}

static int can_read(const struct k_file *f)
{
	return (f->flags & K_O_ACCMODE) != K_O_WRONLY;
}

static int can_write(const struct k_file *f)
{
	return (f->flags & K_O_ACCMODE) != K_O_RDONLY;
}

/*
 * The lock serialises the position, which only seekable files have. Pipes, sockets
 * and the console are left unlocked (they synchronise themselves), so a thread
 * blocked reading one does not hold up another thread writing to it.
 */
static void fd_pos_lock(struct k_file *f)
{
	if (f->ops->lseek)
		k_mutex_lock(&f->lock);
}

static void fd_pos_unlock(struct k_file *f)
{
	if (f->ops->lseek)
		k_mutex_unlock(&f->lock);
}

int64_t k_fd_read(int fd, void *buf, size_t len)
{
	struct k_file *f = k_fd_get(fd);
	int64_t r = -EBADF;

	if (!f)
		return r;
	if (can_read(f) && f->ops->read) {
		fd_pos_lock(f);
		r = f->ops->read(f, buf, len, &f->pos);
		fd_pos_unlock(f);
	}
	k_file_put(f);
	return r;
}

int64_t k_fd_write(int fd, const void *buf, size_t len)
{
	struct k_file *f = k_fd_get(fd);
	int64_t r = -EBADF;

	if (!f)
		return r;
	if (can_write(f) && f->ops->write) {
		fd_pos_lock(f);
		if ((f->flags & K_O_APPEND) && f->ops->lseek)
			f->pos = f->ops->lseek(f, 0, K_SEEK_END);
		r = f->pos < 0 ? f->pos : f->ops->write(f, buf, len, &f->pos);
		if (f->pos < 0)
			f->pos = 0;
		fd_pos_unlock(f);
	}
	k_file_put(f);
	return r;
}

/* pread/pwrite: only on seekable files, at the given offset, the position unchanged. */
static int64_t fd_positional(int fd, void *rbuf, const void *wbuf, size_t len, int64_t off)
{
	struct k_file *f = k_fd_get(fd);
	int64_t r = -EBADF;

	if (!f)
		return r;
	if (!(wbuf ? can_write(f) && f->ops->write : can_read(f) && f->ops->read))
		r = -EBADF;
	else if (!f->ops->lseek)
		r = -ESPIPE;
	else if (off < 0)
		r = -EINVAL;
	else if (wbuf)
		r = f->ops->write(f, wbuf, len, &off);
	else
		r = f->ops->read(f, rbuf, len, &off);
	k_file_put(f);
	return r;
}

int64_t k_fd_pread(int fd, void *buf, size_t len, int64_t off)
{
	return fd_positional(fd, buf, NULL, len, off);
}

int64_t k_fd_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
	return fd_positional(fd, NULL, buf, len, off);
}

int64_t k_fd_lseek(int fd, int64_t off, int whence)
{
	struct k_file *f = k_fd_get(fd);
	int64_t r = -EBADF;

	if (!f)
		return r;
	if (!f->ops->lseek) {
		r = -ESPIPE;
	} else if (whence != K_SEEK_SET && whence != K_SEEK_CUR && whence != K_SEEK_END) {
		r = -EINVAL;
	} else {
		k_mutex_lock(&f->lock);
		r = f->ops->lseek(f, off, whence);
		if (r >= 0)
			f->pos = r;
		k_mutex_unlock(&f->lock);
	}
	k_file_put(f);
	return r;
}

int k_fd_fstat(int fd, struct k_stat *st)
{
	struct k_file *f = k_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	*st = (struct k_stat){ 0 };
	r = f->ops->fstat ? f->ops->fstat(f, st) : 0;
	k_file_put(f);
	return r;
}

int k_fd_ftruncate(int fd, int64_t size)
{
	struct k_file *f = k_fd_get(fd);
	int r = -EINVAL;

	if (!f)
		return -EBADF;
	if (size < 0)
		r = -EINVAL;
	else if (!can_write(f))
		r = -EBADF;
	else if (f->ops->ftruncate)
		r = f->ops->ftruncate(f, size);
	k_file_put(f);
	return r;
}

int k_fd_fsync(int fd)
{
	struct k_file *f = k_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = f->ops->fsync ? f->ops->fsync(f) : 0;
	k_file_put(f);
	return r;
}

/* 1, 0 (-ENOTTY for the caller's errno), or -EBADF. */
int k_fd_isatty(int fd)
{
	struct k_file *f = k_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = f->ops->isatty ? 1 : -ENOTTY;
	k_file_put(f);
	return r;
}

int k_fd_getfl(int fd)
{
	struct k_file *f = k_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = (int)(f->flags & ~(unsigned int)K_O_CLOEXEC);
	k_file_put(f);
	return r;
}

/* F_SETFL changes O_APPEND and O_NONBLOCK only, as POSIX says. */
int k_fd_setfl(int fd, int flags)
{
	const unsigned int settable = K_O_APPEND | K_O_NONBLOCK;
	struct k_file *f = k_fd_get(fd);
	unsigned int old, want;

	if (!f)
		return -EBADF;
	old = __atomic_load_n(&f->flags, __ATOMIC_RELAXED);
	/* Not under the position lock: a read blocked on this file may hold it. */
	do {
		want = (old & ~settable) | ((unsigned int)flags & settable);
	} while (!__atomic_compare_exchange_n(&f->flags, &old, want, 0, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	k_file_put(f);
	return 0;
}
