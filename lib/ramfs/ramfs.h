/* SPDX-License-Identifier: BSD-3-Clause */
/* ramfs internals. The VFS holds the mount's lock around every op, so none here. */
#ifndef RAMFS_H
#define RAMFS_H

#include <keel/vfs.h>

struct rent;

struct rdir {
	struct rent **buckets;		/* name hash chains */
	uint32_t nbuckets;		/* a power of two */
	uint32_t count;			/* entries */
	struct rent **slots;		/* entries in creation order: readdir's cookies */
	uint32_t nslots, cap;		/* slots used (some NULL after unlinks), allocated */
};

struct rnode {
	struct k_vnode vn;
	uint64_t ino;
	uint32_t nlink;
	int64_t size;
	int64_t mtime, ctime;
	struct rnode *parent;		/* a directory's, NULL once removed */
	union {
		struct rdir dir;
		struct {
			uint8_t **pages;	/* page i holds bytes [i*PAGE, (i+1)*PAGE) */
			size_t npages;		/* length of pages[] */
		} file;
		char *target;		/* a symbolic link's */
	};
};

struct rent {
	struct rent *next;		/* in the hash chain */
	struct rnode *node;
	uint32_t hash, slot;
	size_t len;
	char name[];
};

static inline struct rnode *rnode(struct k_vnode *vn)
{
	return (struct rnode *)vn;
}

struct rnode *ramfs_node_new(struct k_mount *m, uint32_t mode);
void ramfs_node_maybe_free(struct rnode *n);
void ramfs_touch(struct rnode *n);

int ramfs_dir_init(struct rdir *d);
void ramfs_dir_free(struct rdir *d);
struct rent *ramfs_dir_find(struct rdir *d, const char *name, size_t len);
int ramfs_dir_add(struct rdir *d, const char *name, size_t len, struct rnode *n);
void ramfs_dir_remove(struct rdir *d, struct rent *e);
int ramfs_dir_next(struct rdir *d, uint64_t *cookie, struct k_dirent *ent);

int64_t ramfs_read(struct k_vnode *vn, void *buf, size_t len, int64_t off);
int64_t ramfs_write(struct k_vnode *vn, const void *buf, size_t len, int64_t off);
int ramfs_truncate(struct k_vnode *vn, int64_t size);
void ramfs_data_free(struct rnode *n);

#endif /* RAMFS_H */
