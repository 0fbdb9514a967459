// SPDX-License-Identifier: BSD-3-Clause
/*
 * File system types, the mount table and vnode references. The root file system
 * (CONFIG_VFS_ROOT_FS) is mounted at K_INIT_FS 10; file systems register before that.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/print.h>
#include "vfs_impl.h"

static struct k_list fs_types = K_LIST_INIT(fs_types);
static struct k_list mounts = K_LIST_INIT(mounts);
static struct k_mutex mounts_lock = K_MUTEX_INIT(mounts_lock, 0);

struct k_vnode *vfs_root;
struct k_vnode *vfs_cwd;
char vfs_cwd_path[K_VFS_PATH_MAX] = "/";
struct k_mutex vfs_cwd_lock = K_MUTEX_INIT(vfs_cwd_lock, 0);
uint32_t vfs_umask = 022;

int k_vfs_register(struct k_fs_type *type)
{
	k_mutex_lock(&mounts_lock);
	k_list_add_tail(&fs_types, &type->node);
	k_mutex_unlock(&mounts_lock);
	return 0;
}

static const struct k_fs_type *fs_type_find(const char *name)
{
	struct k_list *l;

	for (l = fs_types.next; l != &fs_types; l = l->next) {
		struct k_fs_type *t = k_list_entry(l, struct k_fs_type, node);

		if (!strcmp(t->name, name))
			return t;
	}
	return NULL;
}

const struct k_fs_type *k_vfs_fs_type(const char *name)
{
	const struct k_fs_type *t;

	k_mutex_lock(&mounts_lock);
	t = fs_type_find(name);
	k_mutex_unlock(&mounts_lock);
	return t;
}

/* A mounted instance of type, its root referenced. */
static int mount_new(const char *type, const char *source, const char *options,
		     char *why, size_t why_len, struct k_mount **mp)
{
	const struct k_fs_type *t = k_vfs_fs_type(type);
	struct k_mount *m;
	int r;

	if (!t) {
		k_snprintf(why, why_len, "no file system type %s", type);
		return -ENODEV;
	}
	if (options && *options && !(t->flags & K_FS_OPTIONS)) {
		k_snprintf(why, why_len, "%s takes no options", type);
		return -EINVAL;
	}
	m = k_calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	k_mutex_init(&m->lock, 0);
	m->type = t;
	m->options = options;
	m->why = why;
	m->why_len = why_len;
	r = t->mount(m, source);
	m->options = NULL;
	m->why = NULL;
	m->why_len = 0;
	if (r) {
		k_free(m);
		return r;
	}
	*mp = m;
	return 0;
}

static int mount_root(struct k_mount *m)
{
	if (vfs_root)
		return -EBUSY;
	vfs_root = m->root;
	k_vnode_get(vfs_root);
	vfs_cwd = vfs_root;
	k_vnode_get(vfs_cwd);
	return 0;
}

/* Mount on a directory that is not a mount root and has nothing mounted on it. */
static int mount_cover(struct k_mount *m, const char *path)
{
	struct walk w = { 0 };
	int r = vfs_walk(path, WALK_FOLLOW, &w);

	if (r)
		return r;
	if (!vfs_is_dir(w.vn))
		r = -ENOTDIR;
	else if (w.vn->covered_by || w.vn == w.vn->mount->root)
		r = -EBUSY;
	if (r) {
		k_vnode_put(w.vn);
		return r;
	}
	m->covered = w.vn;		/* keeps the reference */
	w.vn->covered_by = m;
	return 0;
}

int k_vfs_mount(const char *type, const char *source, const char *path)
{
	return k_vfs_mount_opts(type, source, path, NULL, NULL, 0);
}

static const char *mount_cover_why(int r)
{
	switch (r) {
	case -ENOENT: return "the mount point does not exist";
	case -ENOTDIR: return "the mount point is not a directory";
	case -EBUSY: return "something is mounted there already";
	case -EEXIST: return "/ is mounted already";
	default: return "the mount point cannot be used";
	}
}

int k_vfs_mount_opts(const char *type, const char *source, const char *path,
		     const char *options, char *why, size_t why_len)
{
	char dummy[8];
	struct k_mount *m;
	int r;

	if (!why || !why_len) {
		why = dummy;
		why_len = sizeof(dummy);
	}
	why[0] = '\0';
	r = mount_new(type, source, options, why, why_len, &m);
	if (r && !why[0])
		k_snprintf(why, why_len, "mounting %s failed (error %d)", type, r);
	if (r)
		return r;
	r = strcmp(path, "/") ? mount_cover(m, path) : mount_root(m);
	if (r) {
		k_snprintf(why, why_len, "%s", mount_cover_why(r == -EBUSY && !strcmp(path, "/")
							       ? -EEXIST : r));
		k_vnode_put(m->root);
		k_free(m);
		return r;
	}
	k_mutex_lock(&mounts_lock);
	k_list_add_tail(&mounts, &m->node);
	k_mutex_unlock(&mounts_lock);
	k_debug("vfs: %s%s%s%s mounted on %s\n", type, source && *source ? " (" : "",
		source && *source ? source : "", source && *source ? ")" : "", path);
	return 0;
}

/* Callers may already hold the lock (ops return vnodes referenced under it). */
void k_vnode_get(struct k_vnode *vn)
{
	__atomic_add_fetch(&vn->refs, 1, __ATOMIC_RELAXED);
}

/*
 * The count drops under the mount's lock, so that the file system's release and
 * its unlink (which checks refs) never both free a vnode.
 */
void k_vnode_put(struct k_vnode *vn)
{
	struct k_mount *m = vn->mount;
	int held = k_mutex_held(&m->lock);

	if (!held)
		k_mutex_lock(&m->lock);
	if (!__atomic_sub_fetch(&vn->refs, 1, __ATOMIC_ACQ_REL) && vn->ops->release)
		vn->ops->release(vn);
	if (!held)
		k_mutex_unlock(&m->lock);
}

static int vfs_init(void)
{
	int r = k_vfs_mount(CONFIG_VFS_ROOT_FS, NULL, "/");

	if (r)
		k_err("vfs: cannot mount the root (%s): error %d\n", CONFIG_VFS_ROOT_FS, r);
	return r;
}
K_INIT(vfs_init, K_INIT_FS, 10);
