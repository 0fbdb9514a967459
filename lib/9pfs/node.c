// SPDX-License-Identifier: BSD-3-Clause
/*
 * 9pfs nodes. A node is a fid walked to a file, plus the fids opened on it. The
 * mount keeps a table of its live nodes by qid.path, so that a file reached twice
 * (by two lookups, or two hard links) is one vnode, as the VFS expects (mount points,
 * rename checks and the working directory compare vnodes). A node lives while the VFS
 * references it: release clunks its fids. Nothing else is cached: lookups, attributes
 * and directory listings always come from the host. The table is used under the
 * mount's lock only (lookup, create, release).
 */
#include <errno.h>
#include <keel/alloc.h>
#include "p9.h"

static uint32_t p9_bucket(const struct p9_mount *pm, uint64_t path)
{
	return (uint32_t)((path * 0x9e3779b97f4a7c15ull) >> 32) & (pm->nbuckets - 1);
}

static uint32_t p9_type_mode(const struct p9_qid *qid)
{
	if (qid->type & P9_QTDIR)
		return K_S_IFDIR | 0755;
	if (qid->type & P9_QTSYMLINK)
		return K_S_IFLNK | 0777;
	return K_S_IFREG | 0644;
}

static struct p9_node *p9_table_find(struct p9_mount *pm, const struct p9_qid *qid)
{
	for (struct p9_node *n = pm->hash[p9_bucket(pm, qid->path)]; n; n = n->hnext)
		if (n->qid.path == qid->path &&
		    (n->vn.mode & K_S_IFMT) == (p9_type_mode(qid) & K_S_IFMT))
			return n;
	return NULL;
}

/* Double the table when it is twice as full as it has buckets; keep it if out of memory. */
static void p9_table_grow(struct p9_mount *pm)
{
	uint32_t old = pm->nbuckets;
	struct p9_node **prev = pm->hash, **h = k_calloc(2 * old, sizeof(*h));

	if (!h)
		return;
	pm->hash = h;
	pm->nbuckets = 2 * old;
	for (uint32_t b = 0; b < old; b++) {
		while (prev[b]) {
			struct p9_node *n = prev[b];

			prev[b] = n->hnext;
			n->hnext = h[p9_bucket(pm, n->qid.path)];
			h[p9_bucket(pm, n->qid.path)] = n;
		}
	}
	k_free(prev);
}

/*
 * The node for fid (walked to a file whose qid is qid), referenced. The fid is the
 * node's, or clunked when the table already holds the file. Mount lock held.
 */
int p9_node_get(struct p9_mount *pm, uint32_t fid, const struct p9_qid *qid,
		struct p9_node **out)
{
	struct p9_node *n = p9_table_find(pm, qid);
	uint32_t b;

	if (n) {
		p9_clunk(pm->c, fid);
		k_vnode_get(&n->vn);
		*out = n;
		return 0;
	}
	n = k_calloc(1, sizeof(*n));
	if (!n) {
		p9_clunk(pm->c, fid);
		return -ENOMEM;
	}
	n->vn.ops = &p9_vnode_ops;
	n->vn.mount = pm->m;
	n->vn.mode = p9_type_mode(qid);
	n->vn.refs = 1;
	n->vn.priv = n;
	n->qid = *qid;
	n->fid = fid;
	n->fid_rd = n->fid_rw = P9_NOFID;
	n->iounit = pm->c->msize - P9_IOHDR;
	if (pm->count >= 2 * pm->nbuckets)
		p9_table_grow(pm);
	b = p9_bucket(pm, qid->path);
	n->hnext = pm->hash[b];
	pm->hash[b] = n;
	pm->count++;
	*out = n;
	return 0;
}

int p9_lookup(struct k_vnode *dir, const char *name, size_t len, struct k_vnode **vn)
{
	struct p9_mount *pm = p9_mnt(dir);
	struct p9_qid qid;
	struct p9_node *n;
	uint32_t fid;
	int rc = p9_fid_alloc(pm->c, &fid);

	if (rc)
		return rc;
	rc = p9_walk(pm->c, p9_node(dir)->fid, fid, name, len, &qid);
	if (rc) {
		p9_fid_free(pm->c, fid);	/* a failed walk creates no fid */
		return rc;
	}
	rc = p9_node_get(pm, fid, &qid, &n);
	if (!rc)
		*vn = &n->vn;
	return rc;
}

/* The open fid for I/O (or the walked one), read without the mount lock. */
uint32_t p9_io_fid(struct p9_node *n, bool write)
{
	uint32_t rw = __atomic_load_n(&n->fid_rw, __ATOMIC_ACQUIRE);
	uint32_t rd = __atomic_load_n(&n->fid_rd, __ATOMIC_ACQUIRE);

	if (rw != P9_NOFID || write)
		return rw;
	return rd;
}

/* Called without the mount lock (K_FS_IO_UNLOCKED). An open fid sees an unlinked file. */
int p9_getattr_op(struct k_vnode *vn, struct k_stat *st)
{
	struct p9_node *n = p9_node(vn);
	uint32_t fid = p9_io_fid(n, false);
	struct p9_attr a;
	int rc = p9_getattr(p9_cl(vn), fid != P9_NOFID ? fid : n->fid, &a);

	if (rc)
		return rc;
	st->dev = p9_mnt(vn)->dev;
	st->ino = a.qid.path;
	st->mode = a.mode;
	st->nlink = a.nlink > UINT32_MAX ? UINT32_MAX : (uint32_t)a.nlink;
	st->size = a.size > INT64_MAX ? INT64_MAX : (int64_t)a.size;
	st->blocks = a.blocks;
	st->blksize = a.blksize > UINT32_MAX ? 4096 : (uint32_t)a.blksize;
	st->atime_ns = a.atime_ns;
	st->mtime_ns = a.mtime_ns;
	st->ctime_ns = a.ctime_ns;
	return 0;
}

static void p9_table_remove(struct p9_mount *pm, struct p9_node *n)
{
	struct p9_node **p = &pm->hash[p9_bucket(pm, n->qid.path)];

	while (*p && *p != n)
		p = &(*p)->hnext;
	if (*p) {
		*p = n->hnext;
		pm->count--;
	}
}

/* The last reference went (mount lock held): clunk the fids, forget the node. */
void p9_release(struct k_vnode *vn)
{
	struct p9_node *n = p9_node(vn);
	struct p9_client *c = p9_cl(vn);

	p9_table_remove(p9_mnt(vn), n);
	if (n->fid_rd != P9_NOFID && n->fid_rd != n->fid)
		p9_clunk(c, n->fid_rd);
	if (n->fid_rw != P9_NOFID && n->fid_rw != n->fid)
		p9_clunk(c, n->fid_rw);
	p9_clunk(c, n->fid);
	k_free(n->dir.buf);
	k_free(n);
}
