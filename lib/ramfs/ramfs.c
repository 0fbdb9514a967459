// SPDX-License-Identifier: BSD-3-Clause
/*
 * ramfs: the vnode ops. A node lives while a directory entry (nlink) or a VFS
 * reference (vn.refs) holds it; whichever lets go last frees it, both under the
 * mount's lock, which the VFS holds around every call here.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/time.h>
#include "ramfs.h"

static const struct k_vnode_ops ramfs_ops;
static uint64_t next_ino = 1;

void ramfs_touch(struct rnode *n)
{
	n->mtime = n->ctime = (int64_t)k_wallclock_ns();
}

struct rnode *ramfs_node_new(struct k_mount *m, uint32_t mode)
{
	struct rnode *n = k_calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	if ((mode & K_S_IFMT) == K_S_IFDIR && ramfs_dir_init(&n->dir)) {
		k_free(n);
		return NULL;
	}
	n->vn.ops = &ramfs_ops;
	n->vn.mount = m;
	n->vn.mode = mode;
	n->vn.priv = n;
	n->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
	ramfs_touch(n);
	return n;
}

void ramfs_node_maybe_free(struct rnode *n)
{
	if (n->nlink || n->vn.refs)
		return;
	switch (n->vn.mode & K_S_IFMT) {
	case K_S_IFDIR:
		ramfs_dir_free(&n->dir);
		break;
	case K_S_IFREG:
		ramfs_data_free(n);
		break;
	case K_S_IFLNK:
		k_free(n->target);
		break;
	}
	k_free(n);
}

static void ramfs_release(struct k_vnode *vn)
{
	ramfs_node_maybe_free(rnode(vn));
}

static int ramfs_lookup(struct k_vnode *dir, const char *name, size_t len,
			struct k_vnode **vn)
{
	struct rnode *d = rnode(dir);
	struct rent *e;

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (!d->parent)
			return -ENOENT;		/* removed while in use */
		k_vnode_get(&d->parent->vn);
		*vn = &d->parent->vn;
		return 0;
	}
	e = ramfs_dir_find(&d->dir, name, len);
	if (!e)
		return -ENOENT;
	k_vnode_get(&e->node->vn);
	*vn = &e->node->vn;
	return 0;
}

/* Enter a new node n under name; on failure n is freed. */
static int enter(struct rnode *d, const char *name, size_t len, struct rnode *n)
{
	int r;

	if (!d->parent && d != rnode(d->vn.mount->root))
		return ramfs_node_maybe_free(n), -ENOENT;	/* dir was removed */
	r = ramfs_dir_add(&d->dir, name, len, n);
	if (r) {
		ramfs_node_maybe_free(n);
		return r;
	}
	n->nlink = 1;
	if ((n->vn.mode & K_S_IFMT) == K_S_IFDIR) {
		n->parent = d;
		n->nlink = 2;
		d->nlink++;
	}
	ramfs_touch(d);
	return 0;
}

static int ramfs_create(struct k_vnode *dir, const char *name, size_t len, uint32_t mode,
			struct k_vnode **vn)
{
	struct rnode *n = ramfs_node_new(dir->mount, mode);
	int r;

	if (!n)
		return -ENOSPC;
	r = enter(rnode(dir), name, len, n);	/* frees n on failure */
	if (r)
		return r;
	n->vn.refs = 1;		/* the caller's */
	*vn = &n->vn;
	return 0;
}

static int ramfs_mkdir(struct k_vnode *dir, const char *name, size_t len, uint32_t mode)
{
	struct rnode *n = ramfs_node_new(dir->mount, mode);

	return n ? enter(rnode(dir), name, len, n) : -ENOSPC;
}

static int ramfs_symlink(struct k_vnode *dir, const char *name, size_t len,
			 const char *target)
{
	struct rnode *n = ramfs_node_new(dir->mount, K_S_IFLNK | 0777);

	if (!n)
		return -ENOSPC;
	n->target = k_malloc(strlen(target) + 1);
	if (!n->target) {
		k_free(n);
		return -ENOSPC;
	}
	strcpy(n->target, target);
	n->size = (int64_t)strlen(target);
	return enter(rnode(dir), name, len, n);
}

static int ramfs_link(struct k_vnode *dir, const char *name, size_t len, struct k_vnode *vn)
{
	struct rnode *d = rnode(dir);
	int r = ramfs_dir_add(&d->dir, name, len, rnode(vn));

	if (!r) {
		rnode(vn)->nlink++;
		rnode(vn)->ctime = (int64_t)k_wallclock_ns();
		ramfs_touch(d);
	}
	return r;
}

/* Drop entry e of d; the node goes when nothing else holds it. */
static void drop(struct rnode *d, struct rent *e)
{
	struct rnode *n = e->node;

	ramfs_dir_remove(&d->dir, e);
	if ((n->vn.mode & K_S_IFMT) == K_S_IFDIR) {
		n->nlink = 0;
		n->parent = NULL;
		d->nlink--;
	} else {
		n->nlink--;
	}
	ramfs_touch(d);
	ramfs_node_maybe_free(n);
}

static int ramfs_unlink(struct k_vnode *dir, const char *name, size_t len)
{
	struct rent *e = ramfs_dir_find(&rnode(dir)->dir, name, len);

	if (!e)
		return -ENOENT;
	drop(rnode(dir), e);
	return 0;
}

static int ramfs_rmdir(struct k_vnode *dir, const char *name, size_t len)
{
	struct rent *e = ramfs_dir_find(&rnode(dir)->dir, name, len);

	if (!e)
		return -ENOENT;
	if (e->node->dir.count)
		return -ENOTEMPTY;
	drop(rnode(dir), e);
	return 0;
}

/* The VFS checked types and loops; an existing target is replaced. */
static int ramfs_rename(struct k_vnode *odir, const char *oname, size_t olen,
			struct k_vnode *ndir, const char *nname, size_t nlen)
{
	struct rnode *od = rnode(odir), *nd = rnode(ndir), *n;
	struct rent *e = ramfs_dir_find(&od->dir, oname, olen);
	struct rent *t = ramfs_dir_find(&nd->dir, nname, nlen);
	int r;

	if (!e)
		return -ENOENT;
	n = e->node;
	if (t && (t->node->vn.mode & K_S_IFMT) == K_S_IFDIR && t->node->dir.count)
		return -ENOTEMPTY;
	if (t)
		drop(nd, t);
	r = ramfs_dir_add(&nd->dir, nname, nlen, n);
	if (r)
		return r;
	ramfs_dir_remove(&od->dir, e);
	if ((n->vn.mode & K_S_IFMT) == K_S_IFDIR) {
		od->nlink--;
		nd->nlink++;
		n->parent = nd;
	}
	ramfs_touch(od);
	ramfs_touch(nd);
	return 0;
}

static int ramfs_readlink(struct k_vnode *vn, char *buf, size_t size)
{
	struct rnode *n = rnode(vn);
	size_t len = (size_t)n->size;

	if (len > size)
		len = size;
	memcpy(buf, n->target, len);
	return (int)len;
}

static int ramfs_getattr(struct k_vnode *vn, struct k_stat *st)
{
	struct rnode *n = rnode(vn);
	uint64_t pages = 0;

	if ((vn->mode & K_S_IFMT) == K_S_IFREG)
		for (size_t i = 0; i < n->file.npages; i++)
			pages += n->file.pages[i] != NULL;
	st->dev = 1;
	st->ino = n->ino;
	st->mode = vn->mode;
	st->nlink = n->nlink;
	st->size = (vn->mode & K_S_IFMT) == K_S_IFDIR ? 4096 : n->size;
	st->blocks = pages * (K_ARCH_PAGE_SIZE / 512);
	st->blksize = 4096;
	st->atime_ns = st->mtime_ns = n->mtime;
	st->ctime_ns = n->ctime;
	return 0;
}

static int ramfs_readdir(struct k_vnode *dir, uint64_t *cookie, struct k_dirent *ent)
{
	return ramfs_dir_next(&rnode(dir)->dir, cookie, ent);
}

static const struct k_vnode_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readlink = ramfs_readlink,
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
	.getattr = ramfs_getattr,
	.readdir = ramfs_readdir,
	.release = ramfs_release,
};

static int ramfs_mount(struct k_mount *m, const char *source)
{
	struct rnode *root = ramfs_node_new(m, K_S_IFDIR | 0755);

	(void)source;
	if (!root)
		return -ENOMEM;
	root->nlink = 2;
	root->vn.refs = 1;
	m->root = &root->vn;
	return 0;
}

static struct k_fs_type ramfs_type = { .name = "ramfs", .mount = ramfs_mount };

static int ramfs_register(void)
{
	return k_vfs_register(&ramfs_type);
}
K_INIT(ramfs_register, K_INIT_FS, 05);
