// SPDX-License-Identifier: BSD-3-Clause
/*
 * 9pfs namespace operations: each is one or two requests on the parent directory's
 * fid. The VFS has checked names, types and existence; the host may still disagree
 * (another program changed the folder meanwhile), and its error is returned.
 */
#include <errno.h>
#include "p9.h"

/* Tlcreate turns a clone of the directory's fid into the new file, open read-write. */
int p9_create(struct k_vnode *dir, const char *name, size_t len, uint32_t mode,
	      struct k_vnode **vn)
{
	struct p9_mount *pm = p9_mnt(dir);
	struct p9_client *c = pm->c;
	struct p9_node *n;
	struct p9_qid qid;
	uint32_t fid, iounit;
	int rc = p9_fid_alloc(c, &fid);

	if (rc)
		return rc;
	rc = p9_walk(c, p9_node(dir)->fid, fid, NULL, 0, &qid);
	if (rc) {
		p9_fid_free(c, fid);
		return rc;
	}
	rc = p9_lcreate(c, fid, name, len, P9_O_RDWR | P9_O_CREAT | P9_O_EXCL, mode & 07777,
			&qid, &iounit);
	if (!rc && (qid.type & (P9_QTDIR | P9_QTSYMLINK))) {
		p9_bad(c, "Tlcreate", "the new file's qid says it is not a regular file");
		rc = -EIO;
	}
	if (rc) {
		p9_clunk(c, fid);
		return rc;
	}
	rc = p9_node_get(pm, fid, &qid, &n);
	if (rc)
		return rc;
	if (n->fid == fid) {		/* a new node: its fid is the open one */
		__atomic_store_n(&n->fid_rw, fid, __ATOMIC_RELEASE);
		if (iounit && iounit < n->iounit)
			n->iounit = iounit;
	}
	*vn = &n->vn;
	return 0;
}

int p9_mkdir_op(struct k_vnode *dir, const char *name, size_t len, uint32_t mode)
{
	return p9_mkdir(p9_cl(dir), p9_node(dir)->fid, name, len, mode & 07777);
}

int p9_symlink_op(struct k_vnode *dir, const char *name, size_t len, const char *target)
{
	return p9_symlink(p9_cl(dir), p9_node(dir)->fid, name, len, target);
}

int p9_link_op(struct k_vnode *dir, const char *name, size_t len, struct k_vnode *vn)
{
	return p9_link(p9_cl(dir), p9_node(dir)->fid, p9_node(vn)->fid, name, len);
}

int p9_unlink(struct k_vnode *dir, const char *name, size_t len)
{
	return p9_unlinkat(p9_cl(dir), p9_node(dir)->fid, name, len, 0);
}

int p9_rmdir(struct k_vnode *dir, const char *name, size_t len)
{
	return p9_unlinkat(p9_cl(dir), p9_node(dir)->fid, name, len, P9_AT_REMOVEDIR);
}

/* The server moves the fids of the renamed file (and below it) along with it. */
int p9_rename(struct k_vnode *odir, const char *oname, size_t olen, struct k_vnode *ndir,
	      const char *nname, size_t nlen)
{
	return p9_renameat(p9_cl(odir), p9_node(odir)->fid, oname, olen, p9_node(ndir)->fid,
			   nname, nlen);
}

int p9_readlink_op(struct k_vnode *vn, char *buf, size_t size)
{
	return p9_readlink(p9_cl(vn), p9_node(vn)->fid, buf, size);
}

/* Without the mount lock. An open fid truncates an unlinked file too. */
int p9_truncate_op(struct k_vnode *vn, int64_t size)
{
	struct p9_node *n = p9_node(vn);
	uint32_t fid = p9_io_fid(n, true);

	if (size < 0)
		return -EINVAL;
	return p9_truncate(p9_cl(vn), fid != P9_NOFID ? fid : n->fid, (uint64_t)size);
}

/* Without the mount lock: the host's fsync of the file it has open for us. */
int p9_fsync_op(struct k_vnode *vn)
{
	uint32_t fid = p9_io_fid(p9_node(vn), false);

	return fid != P9_NOFID ? p9_fsync(p9_cl(vn), fid) : 0;
}
