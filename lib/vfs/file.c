// SPDX-License-Identifier: BSD-3-Clause
/*
 * A vnode as an open file: the k_file ops call the vnode's ops under its mount's
 * lock (read, write, truncate and fsync without it for K_FS_IO_UNLOCKED types). The
 * file holds a vnode reference, so an unlinked file stays readable until its last
 * descriptor is closed.
 */
#include <errno.h>
#include "vfs_impl.h"

static struct k_vnode *file_vnode(struct k_file *f)
{
	return f->priv;
}

static int64_t vfile_read(struct k_file *f, void *buf, size_t len, int64_t *pos)
{
	struct k_vnode *vn = file_vnode(f);
	int64_t r;

	if (vfs_is_dir(vn))
		return -EISDIR;
	vfs_io_lock(vn);
	r = vn->ops->read ? vn->ops->read(vn, buf, len, *pos) : -EINVAL;
	vfs_io_unlock(vn);
	if (r > 0)
		*pos += r;
	return r;
}

static int64_t vfile_write(struct k_file *f, const void *buf, size_t len, int64_t *pos)
{
	struct k_vnode *vn = file_vnode(f);
	int64_t r;

	vfs_io_lock(vn);
	r = vn->ops->write ? vn->ops->write(vn, buf, len, *pos) : -EINVAL;
	vfs_io_unlock(vn);
	if (r > 0)
		*pos += r;
	return r;
}

static int64_t vfile_lseek(struct k_file *f, int64_t off, int whence)
{
	struct k_stat st;
	int64_t base = 0;
	int r;

	if (whence == K_SEEK_CUR) {
		base = f->pos;
	} else if (whence == K_SEEK_END) {
		r = vfs_getattr(file_vnode(f), &st);
		if (r)
			return r;
		base = st.size;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return off > 0 ? -EOVERFLOW : -EINVAL;
	return base + off;
}

static int vfile_fstat(struct k_file *f, struct k_stat *st)
{
	return vfs_getattr(file_vnode(f), st);
}

static int vfile_ftruncate(struct k_file *f, int64_t size)
{
	struct k_vnode *vn = file_vnode(f);
	int r;

	if (vfs_is_dir(vn))
		return -EISDIR;
	vfs_io_lock(vn);
	r = vn->ops->truncate ? vn->ops->truncate(vn, size) : -EINVAL;
	vfs_io_unlock(vn);
	return r;
}

static int vfile_fsync(struct k_file *f)
{
	struct k_vnode *vn = file_vnode(f);
	int r;

	vfs_io_lock(vn);
	r = vn->ops->fsync ? vn->ops->fsync(vn) : 0;
	vfs_io_unlock(vn);
	return r;
}

/* The position of a directory is its readdir cookie. */
static int vfile_readdir(struct k_file *f, void *ent)
{
	struct k_vnode *vn = file_vnode(f);
	uint64_t cookie;
	int r;

	if (!vfs_is_dir(vn) || !vn->ops->readdir)
		return -ENOTDIR;
	k_mutex_lock(&f->lock);
	cookie = (uint64_t)f->pos;
	k_mutex_lock(&vn->mount->lock);
	r = vn->ops->readdir(vn, &cookie, ent);
	k_mutex_unlock(&vn->mount->lock);
	f->pos = (int64_t)cookie;
	k_mutex_unlock(&f->lock);
	return r;
}

static void vfile_release(struct k_file *f)
{
	k_vnode_put(file_vnode(f));
}

static const struct k_file_ops vfile_ops = {
	.read = vfile_read,
	.write = vfile_write,
	.lseek = vfile_lseek,
	.fstat = vfile_fstat,
	.ftruncate = vfile_ftruncate,
	.fsync = vfile_fsync,
	.readdir = vfile_readdir,
	.release = vfile_release,
};

/* Takes over the caller's reference to vn, also on failure. */
struct k_file *vfs_file_new(struct k_vnode *vn, unsigned int flags)
{
	struct k_file *f = k_file_new(&vfile_ops, flags, vn);

	if (!f)
		k_vnode_put(vn);
	return f;
}

int k_vfs_readdir(int fd, struct k_dirent *ent)
{
	struct k_file *f = k_fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = f->ops->readdir ? f->ops->readdir(f, ent) : -ENOTDIR;
	k_file_put(f);
	return r;
}

int k_vfs_rewinddir(int fd)
{
	struct k_file *f = k_fd_get(fd);

	if (!f)
		return -EBADF;
	k_mutex_lock(&f->lock);
	f->pos = 0;
	k_mutex_unlock(&f->lock);
	k_file_put(f);
	return 0;
}
