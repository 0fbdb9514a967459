// SPDX-License-Identifier: BSD-3-Clause
/* The rest of the path calls: symbolic links, truncate, access, the working directory. */
#include <errno.h>
#include <string.h>
#include "vfs_impl.h"

int k_vfs_symlink(const char *target, const char *path)
{
	struct walk w = { 0 };
	struct k_vnode *vn;
	size_t tlen = strnlen(target, K_VFS_PATH_MAX);
	int r;

	if (tlen == K_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!tlen)
		return -ENOENT;
	r = vfs_walk(path, WALK_PARENT, &w);
	if (r)
		return r;
	if (vfs_is_dot(w.name, w.len) || w.must_dir) {
		r = -EEXIST;
	} else if (!(r = vfs_lookup(w.dir, w.name, w.len, &vn))) {
		k_vnode_put(vn);
		r = -EEXIST;
	} else if (r == -ENOENT) {
		k_mutex_lock(&w.dir->mount->lock);
		r = w.dir->ops->symlink ? w.dir->ops->symlink(w.dir, w.name, w.len, target)
					: -EPERM;
		k_mutex_unlock(&w.dir->mount->lock);
	}
	k_vnode_put(w.dir);
	return r;
}

/* The target's length (not NUL-terminated, truncated to size), or -errno. */
int k_vfs_readlink(const char *path, char *buf, size_t size)
{
	struct walk w = { 0 };
	char tmp[K_VFS_PATH_MAX];
	int r = vfs_walk(path, 0, &w);

	if (r)
		return r;
	if ((w.vn->mode & K_S_IFMT) != K_S_IFLNK || !w.vn->ops->readlink) {
		r = -EINVAL;
	} else {
		k_mutex_lock(&w.vn->mount->lock);
		r = w.vn->ops->readlink(w.vn, tmp, sizeof(tmp));
		k_mutex_unlock(&w.vn->mount->lock);
	}
	k_vnode_put(w.vn);
	if (r < 0)
		return r;
	if ((size_t)r > size)
		r = (int)size;
	memcpy(buf, tmp, (size_t)r);
	return r;
}

int k_vfs_truncate(const char *path, int64_t size)
{
	struct walk w = { 0 };
	int r;

	if (size < 0)
		return -EINVAL;
	r = vfs_walk(path, WALK_FOLLOW, &w);
	if (r)
		return r;
	if (vfs_is_dir(w.vn)) {
		r = -EISDIR;
	} else {
		vfs_io_lock(w.vn);
		r = w.vn->ops->truncate ? w.vn->ops->truncate(w.vn, size) : -EINVAL;
		vfs_io_unlock(w.vn);
	}
	k_vnode_put(w.vn);
	return r;
}

/* The image runs as root: read and write are always allowed, execute needs an x bit. */
int k_vfs_access(const char *path, int amode)
{
	struct k_stat st;
	int r;

	if (amode & ~7)
		return -EINVAL;
	r = k_vfs_stat(path, &st, 1);
	if (r)
		return r;
	if ((amode & 1) && !(st.mode & 0111))
		return -EACCES;
	return 0;
}

static void cwd_set(struct k_vnode *vn, const char *canon)
{
	struct k_vnode *old;

	k_mutex_lock(&vfs_cwd_lock);
	old = vfs_cwd;
	vfs_cwd = vn;
	strcpy(vfs_cwd_path, canon);
	k_mutex_unlock(&vfs_cwd_lock);
	k_vnode_put(old);
}

int k_vfs_chdir(const char *path)
{
	char canon[K_VFS_PATH_MAX];
	struct walk w = { .canon = canon };
	int r = vfs_walk(path, WALK_FOLLOW, &w);

	if (r)
		return r;
	if (!vfs_is_dir(w.vn)) {
		k_vnode_put(w.vn);
		return -ENOTDIR;
	}
	cwd_set(w.vn, canon);
	return 0;
}

int k_vfs_getcwd(char *buf, size_t size)
{
	int r = 0;

	k_mutex_lock(&vfs_cwd_lock);
	if (size == 0)
		r = -EINVAL;
	else if (strlen(vfs_cwd_path) >= size)
		r = -ERANGE;
	else
		strcpy(buf, vfs_cwd_path);
	k_mutex_unlock(&vfs_cwd_lock);
	return r;
}

uint32_t k_vfs_umask(uint32_t mask)
{
	return __atomic_exchange_n(&vfs_umask, mask & 0777, __ATOMIC_RELAXED);
}
