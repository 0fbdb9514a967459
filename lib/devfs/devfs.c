// SPDX-License-Identifier: BSD-3-Clause
/*
 * devfs: a fixed directory of character devices, mounted on /dev at K_INIT_FS 20
 * (after the root at 10). Nodes are made at mount time and live as long as the
 * mount; nothing is created or removed, so the vnode ops are lookup, readdir,
 * getattr, read and write. Devices do not seek: the offset is ignored.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/random.h>
#include <keel/time.h>
#include <keel/vfs.h>

struct devnode {
	struct k_vnode vn;
	const struct devfs_dev *dev;	/* NULL for the directory */
	uint64_t ino;
	int64_t ctime;
};

struct devfs_dev {
	const char *name;
	uint32_t perm;
	int64_t (*read)(void *buf, size_t len);
	int64_t (*write)(const void *buf, size_t len);
};

static int64_t eof_read(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return 0;
}

static int64_t sink_write(const void *buf, size_t len)
{
	(void)buf;
	return (int64_t)len;
}

static int64_t zero_read(void *buf, size_t len)
{
	memset(buf, 0, len);
	return (int64_t)len;
}

static int64_t console_write(const void *buf, size_t len)
{
	k_console_write(buf, len);
	return (int64_t)len;
}

static int64_t random_read(void *buf, size_t len)
{
	k_random_bytes(buf, len);
	return (int64_t)len;
}

/* Writes to random/urandom are accepted and dropped, as a user may not seed it. */
static const struct devfs_dev devfs_devs[] = {
	{ "null", 0666, eof_read, sink_write },
	{ "zero", 0666, zero_read, sink_write },
	{ "console", 0620, eof_read, console_write },
	{ "random", 0666, random_read, sink_write },
	{ "urandom", 0666, random_read, sink_write },
};
#define NDEVS	(sizeof(devfs_devs) / sizeof(devfs_devs[0]))

static struct devnode *devnode(struct k_vnode *vn)
{
	return vn->priv;
}

static int devfs_lookup(struct k_vnode *dir, const char *name, size_t len,
			struct k_vnode **vn)
{
	struct devnode *nodes = devnode(dir);

	for (size_t i = 0; i < NDEVS; i++) {
		if (strlen(devfs_devs[i].name) == len && !memcmp(devfs_devs[i].name, name, len)) {
			*vn = &nodes[i + 1].vn;
			k_vnode_get(*vn);
			return 0;
		}
	}
	return -ENOENT;		/* ".." of the root is the VFS's to answer */
}

/* Cookies 0 and 1 are "." and ".."; 2 + i is device i. */
static int devfs_readdir(struct k_vnode *dir, uint64_t *cookie, struct k_dirent *ent)
{
	struct devnode *nodes = devnode(dir);
	uint64_t c = *cookie;

	if (c >= 2 + NDEVS)
		return 0;
	if (c < 2) {
		strcpy(ent->name, c ? ".." : ".");
		ent->type = K_DT_DIR;
		ent->ino = c ? 0 : nodes[0].ino;
	} else {
		strcpy(ent->name, devfs_devs[c - 2].name);
		ent->type = K_DT_CHR;
		ent->ino = nodes[c - 1].ino;
	}
	*cookie = c + 1;
	return 1;
}

static int devfs_getattr(struct k_vnode *vn, struct k_stat *st)
{
	struct devnode *n = devnode(vn);

	st->dev = 2;
	st->ino = n->ino;
	st->mode = vn->mode;
	st->nlink = n->dev ? 1 : 2;
	st->size = 0;
	st->blksize = 4096;
	st->atime_ns = st->mtime_ns = st->ctime_ns = n->ctime;
	return 0;
}

static int64_t devfs_read(struct k_vnode *vn, void *buf, size_t len, int64_t off)
{
	(void)off;
	return devnode(vn)->dev->read(buf, len);
}

static int64_t devfs_write(struct k_vnode *vn, const void *buf, size_t len, int64_t off)
{
	(void)off;
	return devnode(vn)->dev->write(buf, len);
}

/* Writing to a device with O_TRUNC is not an error. */
static int devfs_truncate(struct k_vnode *vn, int64_t size)
{
	(void)vn;
	(void)size;
	return 0;
}

/* The nodes belong to the mount: nothing to free when a reference goes. */
static void devfs_release(struct k_vnode *vn)
{
	(void)vn;
}

static const struct k_vnode_ops devfs_ops = {
	.lookup = devfs_lookup,
	.readdir = devfs_readdir,
	.getattr = devfs_getattr,
	.read = devfs_read,
	.write = devfs_write,
	.truncate = devfs_truncate,
	.release = devfs_release,
};

/* nodes[0] is the directory, nodes[1 + i] device i: the directory finds them by index. */
static int devfs_mount(struct k_mount *m, const char *source)
{
	static uint64_t next_ino = 1;
	struct devnode *nodes = k_calloc(1 + NDEVS, sizeof(*nodes));
	int64_t now = (int64_t)k_wallclock_ns();

	(void)source;
	if (!nodes)
		return -ENOMEM;
	for (size_t i = 0; i <= NDEVS; i++) {
		struct devnode *n = &nodes[i];

		n->dev = i ? &devfs_devs[i - 1] : NULL;
		n->vn.ops = &devfs_ops;
		n->vn.mount = m;
		n->vn.mode = i ? K_S_IFCHR | n->dev->perm : K_S_IFDIR | 0755;
		n->vn.priv = n;
		n->vn.refs = 1;		/* the mount's, never dropped */
		n->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
		n->ctime = now;
	}
	m->root = &nodes[0].vn;
	k_vnode_get(m->root);		/* the caller's */
	m->priv = nodes;
	return 0;
}

static struct k_fs_type devfs_type = { .name = "devfs", .mount = devfs_mount };

static int devfs_init(void)
{
	int r = k_vfs_register(&devfs_type);

	if (r)
		return r;
	r = k_vfs_mkdir("/dev", 0755);
	if (r && r != -EEXIST) {
		k_err("devfs: cannot make /dev: error %d\n", r);
		return r;
	}
	r = k_vfs_mount("devfs", NULL, "/dev");
	if (r)
		k_err("devfs: cannot mount on /dev: error %d\n", r);
	return r;
}
K_INIT(devfs_init, K_INIT_FS, 20);
