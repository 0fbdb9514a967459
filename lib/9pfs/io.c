// SPDX-License-Identifier: BSD-3-Clause
/*
 * 9pfs data: opening (Tlopen), reading and writing (Tread/Twrite of up to iounit
 * bytes each, straight between the caller's buffer and the device), and directory
 * listings (Treaddir, one reply's worth of entries kept per directory).
 *
 * Read and write run without the mount's lock (K_FS_IO_UNLOCKED), so the requests of
 * several threads are in flight together; they only read the node's open fids, which
 * open sets once (under the lock) and release clears when nothing references the node.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include "p9.h"

#define P9_PAGE		4096

/*
 * The device writes into (or reads from) the buffer behind the page tables' back. Touch
 * each of its pages first, as a copy would, so that a bad pointer faults here with the
 * usual report instead of the host scribbling over memory the image cannot write.
 */
static void p9_touch(const void *buf, size_t len, bool device_writes)
{
	uintptr_t a = (uintptr_t)buf, end = a + len;

	for (; a < end; a = K_ALIGN_DOWN(a, P9_PAGE) + P9_PAGE) {
		volatile uint8_t *p = (volatile uint8_t *)a;

		if (device_writes)
			*p = *p;
		else
			(void)*p;
	}
}

/* Open fid n->fid itself (a regular file's first open), or a clone of it. */
static int p9_open_fid(struct p9_node *n, uint32_t flags, uint32_t *out)
{
	struct p9_client *c = p9_cl(&n->vn);
	bool in_place = (n->vn.mode & K_S_IFMT) == K_S_IFREG && n->fid_rd != n->fid &&
			n->fid_rw != n->fid;
	struct p9_qid qid;
	uint32_t fid = n->fid, iounit;
	int rc;

	if (!in_place) {
		rc = p9_fid_alloc(c, &fid);
		if (rc)
			return rc;
		rc = p9_walk(c, n->fid, fid, NULL, 0, &qid);
		if (rc) {
			p9_fid_free(c, fid);
			return rc;
		}
	}
	rc = p9_lopen(c, fid, flags, &iounit);
	if (rc) {
		if (!in_place)
			p9_clunk(c, fid);
		return rc;
	}
	if (iounit && iounit < n->iounit)
		n->iounit = iounit;
	*out = fid;
	return 0;
}

/* Called by the VFS at open (mount lock held): make sure a fid fit for flags is open. */
int p9_open(struct k_vnode *vn, int flags)
{
	struct p9_node *n = p9_node(vn);
	bool write = (flags & K_O_ACCMODE) != K_O_RDONLY;
	uint32_t *slot = write ? &n->fid_rw : &n->fid_rd;
	uint32_t fid;
	int rc;

	if ((vn->mode & K_S_IFMT) != K_S_IFREG && (vn->mode & K_S_IFMT) != K_S_IFDIR)
		return 0;
	if (n->fid_rw != P9_NOFID || *slot != P9_NOFID)
		return 0;
	rc = p9_open_fid(n, write ? P9_O_RDWR : P9_O_RDONLY, &fid);
	if (!rc)
		__atomic_store_n(slot, fid, __ATOMIC_RELEASE);
	return rc;
}

/*
 * Read or write len bytes at off in requests of up to iounit bytes; the bytes moved,
 * short at the end of the file (read) or when the host takes less (write, a full disk).
 */
static int64_t p9_transfer(struct k_vnode *vn, void *buf, size_t len, int64_t off, bool write)
{
	struct p9_node *n = p9_node(vn);
	uint32_t fid = p9_io_fid(n, write);
	int64_t done = 0;

	if (fid == P9_NOFID)
		return -EBADF;
	p9_touch(buf, len, !write);
	while ((size_t)done < len) {
		uint32_t chunk = (uint32_t)K_MIN(len - (size_t)done, (size_t)n->iounit);
		uint8_t *p = (uint8_t *)buf + done;
		uint64_t at = (uint64_t)(off + done);
		int64_t r = write ? p9_write(p9_cl(vn), fid, at, p, chunk)
				  : p9_read(p9_cl(vn), fid, at, p, chunk);

		if (r < 0)
			return done ? done : r;
		done += r;
		if (r < chunk)
			break;
	}
	return done;
}

int64_t p9_read_op(struct k_vnode *vn, void *buf, size_t len, int64_t off)
{
	return p9_transfer(vn, buf, len, off, false);
}

int64_t p9_write_op(struct k_vnode *vn, const void *buf, size_t len, int64_t off)
{
	return p9_transfer(vn, (void *)buf, len, off, true);
}

/* One directory entry: qid[13] offset[8] type[1] name[s]. False when malformed. */
static bool p9_dirent_parse(struct p9_msg *m, uint64_t *off, struct k_dirent *ent)
{
	struct p9_qid qid;
	const char *name;
	uint16_t len;
	uint8_t type;

	p9_getqid(m, &qid);
	*off = p9_get64(m);
	type = p9_get8(m);
	len = p9_getstr(m, &name);
	if (m->bad || !len || len > K_VFS_NAME_MAX || memchr(name, '/', len) ||
	    memchr(name, '\0', len))
		return false;
	memcpy(ent->name, name, len);
	ent->name[len] = '\0';
	ent->ino = qid.path;
	ent->type = type <= 14 ? type : K_DT_UNKNOWN;	/* DT_* values, as Linux's */
	return true;
}

static int p9_dir_fetch(struct p9_node *n, uint32_t fid, uint64_t off)
{
	struct p9_dirbuf *d = &n->dir;
	int rc;

	d->valid = false;
	if (!d->buf && !(d->buf = k_malloc(P9_DIRBUF)))
		return -ENOMEM;
	rc = p9_readdir(p9_cl(&n->vn), fid, off, d->buf, P9_DIRBUF);
	if (rc < 0)
		return rc;
	d->len = (uint32_t)rc;
	d->start = off;
	d->valid = true;
	return 0;
}

/*
 * Position in the cached entries right after the one whose offset is cookie (or at
 * the start when the cache was read from cookie): 0 and *m set, or -ENOENT.
 */
static int p9_dir_seek(struct p9_node *n, uint64_t cookie, struct p9_msg *m)
{
	struct p9_dirbuf *d = &n->dir;
	struct k_dirent tmp;
	uint64_t off;

	*m = (struct p9_msg){ .buf = d->buf + P9_RHDR, .end = d->len };
	if (!d->valid)
		return -ENOENT;
	if (cookie == d->start)
		return 0;
	while (m->pos < m->end) {
		if (!p9_dirent_parse(m, &off, &tmp))
			return -ENOENT;
		if (off == cookie)
			return m->pos < m->end ? 0 : -ENOENT;
	}
	return -ENOENT;
}

/* The entry after *cookie (0: the first), from the cache or a new Treaddir. Lock held. */
int p9_readdir_op(struct k_vnode *dir, uint64_t *cookie, struct k_dirent *ent)
{
	struct p9_node *n = p9_node(dir);
	uint32_t fid = n->fid_rd;
	struct p9_msg m;
	uint64_t off;
	bool ok;
	int rc;

	if (fid == P9_NOFID)
		return -EBADF;
	/* A listing from the start (opendir, rewinddir) always asks the host again. */
	if (*cookie == 0 || p9_dir_seek(n, *cookie, &m)) {
		rc = p9_dir_fetch(n, fid, *cookie);
		if (rc)
			return rc;
		m = (struct p9_msg){ .buf = n->dir.buf + P9_RHDR, .end = n->dir.len };
	}
	if (m.pos >= m.end)
		return 0;
	ok = p9_dirent_parse(&m, &off, ent);
	if (!ok || off == *cookie) {
		n->dir.valid = false;
		p9_bad(p9_cl(dir), "Treaddir", ok ? "an entry's offset is the offset it was read from"
						  : "a malformed directory entry");
		return -EIO;
	}
	*cookie = off;
	return 1;
}
