// SPDX-License-Identifier: BSD-3-Clause
/*
 * Path resolution (POSIX.1-2017 XBD 4.13): component by component from the root or
 * the working directory, "." and ".." (which leave a mounted file system through the
 * directory it covers), mount points, symbolic links (at most K_VFS_SYMLINK_MAX per
 * resolution, then ELOOP). The unresolved rest of the path is kept in one buffer; a
 * symbolic link's target is put in front of it.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include "vfs_impl.h"

int vfs_is_dot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

int vfs_getattr(struct k_vnode *vn, struct k_stat *st)
{
	int r;

	*st = (struct k_stat){ 0 };
	vfs_io_lock(vn);
	r = vn->ops->getattr(vn, st);
	vfs_io_unlock(vn);
	return r;
}

/* ".." from the root of a mounted file system is ".." of the directory it covers. */
static struct k_vnode *vfs_mount_exit(struct k_vnode *dir)
{
	while (dir != vfs_root && dir == dir->mount->root && dir->mount->covered)
		dir = dir->mount->covered;
	return dir;
}

int vfs_lookup(struct k_vnode *dir, const char *name, size_t len, struct k_vnode **vn)
{
	struct k_vnode *found;
	int r;

	if (!vfs_is_dir(dir))
		return -ENOTDIR;
	if (len == 1 && name[0] == '.') {
		k_vnode_get(dir);
		*vn = dir;
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		dir = vfs_mount_exit(dir);
		if (dir == vfs_root) {
			k_vnode_get(dir);
			*vn = dir;
			return 0;
		}
	}
	k_mutex_lock(&dir->mount->lock);
	r = dir->ops->lookup(dir, name, len, &found);
	k_mutex_unlock(&dir->mount->lock);
	if (r)
		return r;
	while (found->covered_by) {
		struct k_vnode *root = found->covered_by->root;

		k_vnode_get(root);
		k_vnode_put(found);
		found = root;
	}
	*vn = found;
	return 0;
}

/* The canonical path follows the walk: a name is appended, ".." drops the last one. */
static void canon_step(char *canon, const char *name, size_t len)
{
	size_t n = strlen(canon);

	if (len == 1 && name[0] == '.')
		return;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		while (n > 1 && canon[n - 1] != '/')
			n--;
		canon[n > 1 ? n - 1 : 1] = '\0';
		return;
	}
	if (n + 1 + len >= K_VFS_PATH_MAX)
		return;		/* cannot happen: the path itself was shorter */
	if (n > 1)
		canon[n++] = '/';
	memcpy(canon + n, name, len);
	canon[n + len] = '\0';
}

/*
 * Replace rest (at *p) by target + what followed the link (which starts with '/' if
 * anything does, so a trailing '/' keeps meaning "a directory"); -ENAMETOOLONG.
 */
static int splice_link(char *rest, const char **p, const char *target, size_t tlen)
{
	size_t tail = strlen(*p);

	if (tlen + tail >= 2 * K_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	memmove(rest + tlen, *p, tail + 1);
	memcpy(rest, target, tlen);
	*p = rest;
	return 0;
}

struct walker {
	struct k_vnode *cur;	/* referenced */
	char *rest;		/* 2 * K_VFS_PATH_MAX */
	char *target;		/* K_VFS_PATH_MAX */
	const char *p;
	int links;
};

/* Follow the link vn (referenced, consumed): cur becomes the root for an absolute one. */
static int walk_link(struct walker *k, struct k_vnode *vn, struct walk *w)
{
	int r = -EINVAL;

	if (++k->links > K_VFS_SYMLINK_MAX) {
		k_vnode_put(vn);
		return -ELOOP;
	}
	k_mutex_lock(&vn->mount->lock);
	if (vn->ops->readlink)
		r = vn->ops->readlink(vn, k->target, K_VFS_PATH_MAX);
	k_mutex_unlock(&vn->mount->lock);
	k_vnode_put(vn);
	if (r < 0)
		return r;
	if (r == 0)
		return -ENOENT;
	if (k->target[0] == '/') {
		k_vnode_put(k->cur);
		k->cur = vfs_root;
		k_vnode_get(k->cur);
		if (w->canon)
			strcpy(w->canon, "/");
	}
	return splice_link(k->rest, &k->p, k->target, (size_t)r);
}

static int walk_components(struct walker *k, int flags, struct walk *w)
{
	for (;;) {
		const char *name, *end;
		struct k_vnode *vn;
		size_t len;
		int last, r;

		while (*k->p == '/')
			k->p++;
		if (!*k->p) {		/* "/", or a path ending in "/" or "." handled below */
			if (flags & WALK_PARENT) {
				/* "/" or "dir/" with nothing after: the name is "." */
				w->dir = k->cur;
				strcpy(w->name, ".");
				w->len = 1;
			} else {
				w->vn = k->cur;
			}
			return 0;
		}
		name = k->p;
		end = strchr(name, '/');
		len = end ? (size_t)(end - name) : strlen(name);
		k->p = name + len;
		if (len > K_VFS_NAME_MAX)
			return -ENAMETOOLONG;
		last = !k->p[strspn(k->p, "/")];
		if (last && *k->p)
			w->must_dir = 1;
		if (last && (flags & WALK_PARENT)) {
			if (!vfs_is_dir(k->cur))
				return -ENOTDIR;
			w->dir = k->cur;
			memcpy(w->name, name, len);
			w->name[len] = '\0';
			w->len = len;
			return 0;
		}
		r = vfs_lookup(k->cur, name, len, &vn);
		if (r)
			return r;
		if ((vn->mode & K_S_IFMT) == K_S_IFLNK &&
		    (!last || (flags & WALK_FOLLOW) || w->must_dir)) {
			r = walk_link(k, vn, w);
			if (r)
				return r;
			continue;
		}
		if (w->canon)
			canon_step(w->canon, name, len);
		k_vnode_put(k->cur);
		k->cur = vn;
		if (last) {
			if (w->must_dir && !vfs_is_dir(vn))
				return -ENOTDIR;
			w->vn = vn;
			return 0;
		}
	}
}

/*
 * Resolve path. On success the result is in w (w->vn, or w->dir and w->name with
 * WALK_PARENT), referenced; on failure nothing is held.
 */
int vfs_walk(const char *path, int flags, struct walk *w)
{
	struct walker k = { 0 };
	size_t n = strnlen(path, K_VFS_PATH_MAX);
	int r;

	if (n == K_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	if (!vfs_root)
		return -ENOENT;
	k.rest = k_malloc(3 * K_VFS_PATH_MAX);
	if (!k.rest)
		return -ENOMEM;
	k.target = k.rest + 2 * K_VFS_PATH_MAX;
	memcpy(k.rest, path, n + 1);
	k.p = k.rest;
	k_mutex_lock(&vfs_cwd_lock);
	k.cur = path[0] == '/' ? vfs_root : vfs_cwd;
	k_vnode_get(k.cur);
	if (w->canon)
		strcpy(w->canon, path[0] == '/' ? "/" : vfs_cwd_path);
	k_mutex_unlock(&vfs_cwd_lock);
	r = walk_components(&k, flags, w);
	if (r)
		k_vnode_put(k.cur);
	k_free(k.rest);
	return r;
}
