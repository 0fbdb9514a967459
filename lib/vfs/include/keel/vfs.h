/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The virtual file system. A file system registers a struct k_fs_type; mounting it
 * gives a root vnode, and every other vnode comes from its ops (lookup, create...).
 * The VFS resolves paths, keeps vnodes referenced while they are in use, and holds
 * the mount's mutex around every vnode op, so a file system needs no locking of its
 * own: ops are called with vn->mount->lock held (but for a K_FS_IO_UNLOCKED type's
 * read, write, truncate, fsync and getattr), never from interrupt context.
 *
 * The k_vfs_* calls are the POSIX ones with Keel's convention: 0, a count or a
 * descriptor, or a negative errno (newlib's values).
 */
#ifndef KEEL_VFS_H
#define KEEL_VFS_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <keel/fdtab.h>
#include <keel/list.h>
#include <keel/sync.h>

#define K_VFS_PATH_MAX	4096	/* bytes with the NUL: PATH_MAX in newlib's limits.h */
#define K_VFS_NAME_MAX	255
#define K_VFS_SYMLINK_MAX	40	/* links followed in one resolution, then ELOOP */

/* Directory entry types (d_type): the BSD/Linux DT_* values. */
#define K_DT_UNKNOWN	0
#define K_DT_CHR	2
#define K_DT_DIR	4
#define K_DT_REG	8
#define K_DT_LNK	10

struct k_dirent {
	uint64_t ino;
	unsigned int type;			/* K_DT_* */
	char name[K_VFS_NAME_MAX + 1];
};

struct k_vnode;
struct k_mount;

/*
 * Names given to ops are not NUL-terminated (name, len), never empty, never "." or
 * "..", except lookup of "..", which a directory answers with its parent. Ops that
 * return a vnode return it referenced. NULL entries give -EPERM (-EINVAL for
 * readlink, -ENOTDIR for readdir, -EXDEV for link).
 */
struct k_vnode_ops {
	int (*lookup)(struct k_vnode *dir, const char *name, size_t len, struct k_vnode **vn);
	int (*create)(struct k_vnode *dir, const char *name, size_t len, uint32_t mode,
		      struct k_vnode **vn);
	int (*mkdir)(struct k_vnode *dir, const char *name, size_t len, uint32_t mode);
	int (*symlink)(struct k_vnode *dir, const char *name, size_t len, const char *target);
	int (*link)(struct k_vnode *dir, const char *name, size_t len, struct k_vnode *vn);
	int (*unlink)(struct k_vnode *dir, const char *name, size_t len);	/* not a dir */
	int (*rmdir)(struct k_vnode *dir, const char *name, size_t len);	/* empty dir */
	/* Replaces an existing target as POSIX rename() does (same file system). */
	int (*rename)(struct k_vnode *odir, const char *oname, size_t olen,
		      struct k_vnode *ndir, const char *nname, size_t nlen);
	int (*readlink)(struct k_vnode *vn, char *buf, size_t size);	/* length */
	/* Optional: the vnode is being opened with flags (K_O_*), after the VFS's checks
	 * and O_TRUNC; an error fails the open(). There is no close: see release. */
	int (*open)(struct k_vnode *vn, int flags);
	int64_t (*read)(struct k_vnode *vn, void *buf, size_t len, int64_t off);
	int64_t (*write)(struct k_vnode *vn, const void *buf, size_t len, int64_t off);
	int (*truncate)(struct k_vnode *vn, int64_t size);
	int (*getattr)(struct k_vnode *vn, struct k_stat *st);
	/* The entry after *cookie (0: the first) into ent, advancing *cookie: 1, 0 at the
	 * end, or -errno. Cookies stay valid while entries come and go. */
	int (*readdir)(struct k_vnode *dir, uint64_t *cookie, struct k_dirent *ent);
	int (*fsync)(struct k_vnode *vn);
	/* The last reference went; the file system frees it if nothing else holds it. */
	void (*release)(struct k_vnode *vn);
};

struct k_vnode {
	const struct k_vnode_ops *ops;
	struct k_mount *mount;
	uint32_t mode;			/* K_S_IF* type and permission bits */
	unsigned int refs;		/* changed under mount->lock only */
	struct k_mount *covered_by;	/* a file system mounted on this directory */
	void *priv;			/* the file system's */
};

struct k_mount {
	struct k_mutex lock;		/* held around every op on this file system's vnodes */
	struct k_vnode *root;
	struct k_vnode *covered;	/* the directory it is mounted on; NULL for / */
	const struct k_fs_type *type;
	void *priv;
	const char *options;		/* while mounting: the options, or NULL */
	char *why;			/* while mounting: where mount may say why it failed */
	size_t why_len;
	struct k_list node;
};

/* k_fs_type.flags */
#define K_FS_IO_UNLOCKED	0x1	/* read, write, truncate, fsync and getattr are
					 * called without the mount's lock: the file
					 * system serialises what they share */
#define K_FS_OPTIONS		0x2	/* takes mount options (others refuse any) */

struct k_fs_type {
	const char *name;
	/*
	 * Fill m->root (referenced) and m->priv from source and m->options; 0 or -errno,
	 * with the reason in m->why (m->why_len bytes, NUL-terminated) when it helps.
	 */
	int (*mount)(struct k_mount *m, const char *source);
	/* Optional: are options acceptable? 0, or -EINVAL with the reason in why. */
	int (*check_options)(const char *options, char *why, size_t why_len);
	unsigned int flags;		/* K_FS_* */
	struct k_list node;
};

int k_vfs_register(struct k_fs_type *type);
/* The registered type called name, or NULL. */
const struct k_fs_type *k_vfs_fs_type(const char *name);
/* Mount type's file system from source on the directory path ("/" first). */
int k_vfs_mount(const char *type, const char *source, const char *path);
/*
 * The same with mount options (NULL: none); on failure a reason is written to why
 * (why_len bytes; may be NULL): the file system's, or the VFS's.
 */
int k_vfs_mount_opts(const char *type, const char *source, const char *path,
		     const char *options, char *why, size_t why_len);

/* References; called with the mount's lock held or not (they take it). */
void k_vnode_get(struct k_vnode *vn);
void k_vnode_put(struct k_vnode *vn);

int k_vfs_open(const char *path, int flags, uint32_t mode);	/* a descriptor */
int k_vfs_stat(const char *path, struct k_stat *st, int follow);
int k_vfs_mkdir(const char *path, uint32_t mode);
int k_vfs_rmdir(const char *path);
int k_vfs_unlink(const char *path);
int k_vfs_rename(const char *from, const char *to);
int k_vfs_link(const char *from, const char *to);
int k_vfs_symlink(const char *target, const char *path);
int k_vfs_readlink(const char *path, char *buf, size_t size);
int k_vfs_truncate(const char *path, int64_t size);
int k_vfs_access(const char *path, int amode);	/* R_OK 4, W_OK 2, X_OK 1, F_OK 0 */
int k_vfs_chdir(const char *path);
int k_vfs_getcwd(char *buf, size_t size);
uint32_t k_vfs_umask(uint32_t mask);
/* The next entry of the directory open at fd: 1, 0 at the end, or -errno. */
int k_vfs_readdir(int fd, struct k_dirent *ent);
int k_vfs_rewinddir(int fd);

#endif /* KEEL_VFS_H */
