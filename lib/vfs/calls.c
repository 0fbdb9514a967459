// SPDX-License-Identifier: BSD-3-Clause
/* The POSIX calls on paths (POSIX.1-2017 XSH open, mkdir, rename...), errors included. */
#include <errno.h>
#include <string.h>
#include "vfs_impl.h"

#define OP(vn, call, ...)	((vn)->ops->call ? (vn)->ops->call(__VA_ARGS__) : -EPERM)

/* Run an op of the directory w->dir on w->name under its mount's lock. */
#define DIR_OP(w, call, ...)						\
	({								\
		int r_;							\
		k_mutex_lock(&(w)->dir->mount->lock);			\
		r_ = OP((w)->dir, call, (w)->dir, (w)->name, (w)->len, ##__VA_ARGS__); \
		k_mutex_unlock(&(w)->dir->mount->lock);			\
		r_;							\
	})

static int walk_parent(const char *path, struct walk *w)
{
	return vfs_walk(path, WALK_PARENT, w);
}

/* Open (or create) the last component of w, the directory consumed. */
static int open_in(struct walk *w, int flags, uint32_t mode, struct k_vnode **vn)
{
	int r = vfs_lookup(w->dir, w->name, w->len, vn);

	if (r == -ENOENT && (flags & K_O_CREAT)) {
		if (w->must_dir || vfs_is_dot(w->name, w->len))
			r = -EISDIR;
		else
			r = DIR_OP(w, create, (mode & ~vfs_umask & 07777) | K_S_IFREG, vn);
	} else if (!r && (flags & K_O_CREAT) && (flags & K_O_EXCL)) {
		k_vnode_put(*vn);
		r = -EEXIST;
	}
	k_vnode_put(w->dir);
	return r;
}

/* Checks after the vnode is found: type against the flags, O_TRUNC, the fs's open. */
static int open_check(struct k_vnode *vn, int flags)
{
	int acc = flags & K_O_ACCMODE;
	int r = 0;

	if ((vn->mode & K_S_IFMT) == K_S_IFLNK)
		return -ELOOP;		/* O_NOFOLLOW on a link */
	if (vfs_is_dir(vn) && (acc != K_O_RDONLY || (flags & K_O_TRUNC)))
		return -EISDIR;
	if (!vfs_is_dir(vn) && (flags & K_O_DIRECTORY))
		return -ENOTDIR;
	if ((flags & K_O_TRUNC) && acc != K_O_RDONLY && (vn->mode & K_S_IFMT) == K_S_IFREG) {
		vfs_io_lock(vn);
		r = OP(vn, truncate, vn, 0);
		vfs_io_unlock(vn);
	}
	if (!r && vn->ops->open) {
		k_mutex_lock(&vn->mount->lock);
		r = vn->ops->open(vn, flags);
		k_mutex_unlock(&vn->mount->lock);
	}
	return r;
}

int k_vfs_open(const char *path, int flags, uint32_t mode)
{
	struct walk w = { 0 };
	struct k_vnode *vn;
	struct k_file *f;
	int r;

	if ((flags & K_O_ACCMODE) == K_O_ACCMODE)
		return -EINVAL;
	if (flags & K_O_CREAT) {
		r = walk_parent(path, &w);
		if (!r)
			r = open_in(&w, flags, mode, &vn);
		/* An existing symlink is followed unless O_NOFOLLOW or O_EXCL says not. */
		if (!r && (vn->mode & K_S_IFMT) == K_S_IFLNK &&
		    !(flags & (K_O_NOFOLLOW | K_O_EXCL))) {
			k_vnode_put(vn);
			w = (struct walk){ 0 };
			r = vfs_walk(path, WALK_FOLLOW, &w);
			vn = w.vn;
		}
	} else {
		r = vfs_walk(path, (flags & K_O_NOFOLLOW) ? 0 : WALK_FOLLOW, &w);
		vn = w.vn;
	}
	if (r)
		return r;
	r = open_check(vn, flags);
	if (r) {
		k_vnode_put(vn);
		return r;
	}
	f = vfs_file_new(vn, (unsigned int)flags & ~(unsigned int)(K_O_CREAT | K_O_EXCL |
								      K_O_TRUNC));
	return f ? k_fd_install(f, 0) : -ENOMEM;
}

int k_vfs_stat(const char *path, struct k_stat *st, int follow)
{
	struct walk w = { 0 };
	int r = vfs_walk(path, follow ? WALK_FOLLOW : 0, &w);

	if (r)
		return r;
	r = vfs_getattr(w.vn, st);
	k_vnode_put(w.vn);
	return r;
}

int k_vfs_mkdir(const char *path, uint32_t mode)
{
	struct walk w = { 0 };
	struct k_vnode *vn;
	int r = walk_parent(path, &w);

	if (r)
		return r;
	if (vfs_is_dot(w.name, w.len))
		r = -EEXIST;
	else if (!(r = vfs_lookup(w.dir, w.name, w.len, &vn))) {
		k_vnode_put(vn);
		r = -EEXIST;
	} else if (r == -ENOENT)
		r = DIR_OP(&w, mkdir, (mode & ~vfs_umask & 07777) | K_S_IFDIR);
	k_vnode_put(w.dir);
	return r;
}

/* unlink and rmdir: the name must exist and be (or not be) a directory. */
static int remove_name(const char *path, int dir)
{
	struct walk w = { 0 };
	struct k_vnode *vn;
	int r = walk_parent(path, &w);

	if (r)
		return r;
	if (vfs_is_dot(w.name, w.len)) {
		k_vnode_put(w.dir);
		return dir ? (w.len == 1 ? -EINVAL : -ENOTEMPTY) : -EISDIR;
	}
	r = vfs_lookup(w.dir, w.name, w.len, &vn);
	if (!r) {
		if (vfs_is_dir(vn) != dir)
			r = dir ? -ENOTDIR : -EISDIR;
		else if (vn->covered_by || vn == vn->mount->root || vn == vfs_cwd)
			r = -EBUSY;
		else if (!dir && w.must_dir)
			r = -ENOTDIR;
		k_vnode_put(vn);
	}
	if (!r)
		r = dir ? DIR_OP(&w, rmdir) : DIR_OP(&w, unlink);
	k_vnode_put(w.dir);
	return r;
}

int k_vfs_rmdir(const char *path)
{
	return remove_name(path, 1);
}

int k_vfs_unlink(const char *path)
{
	return remove_name(path, 0);
}

/* Is a an ancestor of (or the same as) b? Walks b's ".." up to the root. */
static int is_ancestor(struct k_vnode *a, struct k_vnode *b)
{
	struct k_vnode *cur = b, *up;
	int found = 0;

	k_vnode_get(cur);
	while (!found && cur != vfs_root && !vfs_lookup(cur, "..", 2, &up)) {
		found = cur == a;
		k_vnode_put(cur);
		cur = up;
	}
	found |= cur == a;
	k_vnode_put(cur);
	return found;
}

static int rename_check(struct walk *o, struct walk *n)
{
	struct k_vnode *ovn, *nvn;
	int r;

	if (vfs_is_dot(o->name, o->len) || vfs_is_dot(n->name, n->len))
		return -EINVAL;
	if (o->dir->mount != n->dir->mount)
		return -EXDEV;
	r = vfs_lookup(o->dir, o->name, o->len, &ovn);
	if (r)
		return r;
	if (ovn == ovn->mount->root)
		r = -EBUSY;		/* a mount point (or /): it stays where it is */
	else if (vfs_is_dir(ovn) && is_ancestor(ovn, n->dir))
		r = -EINVAL;
	else if (!vfs_is_dir(ovn) && (o->must_dir || n->must_dir))
		r = -ENOTDIR;
	else if (!vfs_lookup(n->dir, n->name, n->len, &nvn)) {
		if (nvn == ovn)
			r = 1;		/* the same file: nothing to do */
		else if (vfs_is_dir(ovn) && !vfs_is_dir(nvn))
			r = -ENOTDIR;
		else if (!vfs_is_dir(ovn) && vfs_is_dir(nvn))
			r = -EISDIR;
		else if (nvn->covered_by)
			r = -EBUSY;
		k_vnode_put(nvn);
	}
	k_vnode_put(ovn);
	return r;
}

int k_vfs_rename(const char *from, const char *to)
{
	struct walk o = { 0 }, n = { 0 };
	int r = walk_parent(from, &o);

	if (r)
		return r;
	r = walk_parent(to, &n);
	if (r) {
		k_vnode_put(o.dir);
		return r;
	}
	r = rename_check(&o, &n);
	if (!r) {
		k_mutex_lock(&o.dir->mount->lock);
		r = OP(o.dir, rename, o.dir, o.name, o.len, n.dir, n.name, n.len);
		k_mutex_unlock(&o.dir->mount->lock);
	}
	k_vnode_put(o.dir);
	k_vnode_put(n.dir);
	return r > 0 ? 0 : r;
}

int k_vfs_link(const char *from, const char *to)
{
	struct walk o = { 0 }, n = { 0 };
	struct k_vnode *vn;
	int r = vfs_walk(from, 0, &o);

	if (r)
		return r;
	r = walk_parent(to, &n);
	if (!r) {
		if (vfs_is_dir(o.vn))
			r = -EPERM;
		else if (o.vn->mount != n.dir->mount)
			r = -EXDEV;
		else if (vfs_is_dot(n.name, n.len) || !vfs_lookup(n.dir, n.name, n.len, &vn))
			r = vfs_is_dot(n.name, n.len) ? -EEXIST : (k_vnode_put(vn), -EEXIST);
		else
			r = n.dir->ops->link ? DIR_OP(&n, link, o.vn) : -EXDEV;
		k_vnode_put(n.dir);
	}
	k_vnode_put(o.vn);
	return r;
}
