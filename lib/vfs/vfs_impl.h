/* SPDX-License-Identifier: BSD-3-Clause */
/* The VFS's internals shared by its files. */
#ifndef VFS_IMPL_H
#define VFS_IMPL_H

#include <keel/vfs.h>

extern struct k_vnode *vfs_root;	/* the root of /, referenced */
extern struct k_vnode *vfs_cwd;		/* the working directory, referenced */
extern char vfs_cwd_path[K_VFS_PATH_MAX];
extern struct k_mutex vfs_cwd_lock;	/* guards vfs_cwd and vfs_cwd_path */
extern uint32_t vfs_umask;

#define WALK_FOLLOW	0x1	/* follow a symlink in the last component */
#define WALK_PARENT	0x2	/* stop at the last component's directory */

/* What a resolution found. */
struct walk {
	struct k_vnode *dir;		/* WALK_PARENT: the directory, referenced */
	struct k_vnode *vn;		/* otherwise: the vnode, referenced */
	char name[K_VFS_NAME_MAX + 1];	/* WALK_PARENT: the last component */
	size_t len;
	int must_dir;			/* the path ended with '/' */
	char *canon;			/* if set: the absolute path of vn, K_VFS_PATH_MAX */
};

int vfs_walk(const char *path, int flags, struct walk *w);
/* Lookup of one name in dir (mount crossing, "." and ".."): referenced vnode. */
int vfs_lookup(struct k_vnode *dir, const char *name, size_t len, struct k_vnode **vn);
int vfs_getattr(struct k_vnode *vn, struct k_stat *st);
int vfs_is_dot(const char *name, size_t len);

/* Around read, write, truncate, fsync, getattr: the mount's lock, unless the type
 * serialises those itself (K_FS_IO_UNLOCKED). */
static inline void vfs_io_lock(struct k_vnode *vn)
{
	if (!(vn->mount->type->flags & K_FS_IO_UNLOCKED))
		k_mutex_lock(&vn->mount->lock);
}

static inline void vfs_io_unlock(struct k_vnode *vn)
{
	if (!(vn->mount->type->flags & K_FS_IO_UNLOCKED))
		k_mutex_unlock(&vn->mount->lock);
}

static inline int vfs_is_dir(const struct k_vnode *vn)
{
	return (vn->mode & K_S_IFMT) == K_S_IFDIR;
}

/* A vnode as an open file (file.c). */
struct k_file *vfs_file_new(struct k_vnode *vn, unsigned int flags);

#endif /* VFS_IMPL_H */
