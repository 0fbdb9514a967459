/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9pfs internals: the 9P2000.L protocol (message types and layouts as the protocol's
 * documentation and Linux's include/net/9p/9p.h number them), the client (tags, fids,
 * one request/reply at a time per tag) and the file system's nodes.
 */
#ifndef P9_H
#define P9_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <keel/9p_transport.h>
#include <keel/compiler.h>
#include <keel/list.h>
#include <keel/spinlock.h>
#include <keel/sync.h>
#include <keel/vfs.h>

#define P9_VERSION	"9P2000.L"
#define P9_NOTAG	0xffff
#define P9_NOFID	0xffffffffu
#define P9_HDR		7	/* size[4] type[1] tag[2] */
#define P9_IOHDR	24	/* what msize must leave around read/write data */
#define P9_RHDR		11	/* size[4] type[1] tag[2] count[4]: Rread, Rreaddir, Rlerror */
#define P9_SMALL	8192	/* per tag and direction: every message but data */
#define P9_MSIZE_MIN	P9_SMALL
#define P9_DIRBUF	8192	/* one Rreaddir */
#define P9_FIDS_MAX	65536

/* Message types (T = request, R = its reply, R = T + 1). */
enum {
	P9_RLERROR = 7,
	P9_TSTATFS = 8,
	P9_TLOPEN = 12,
	P9_TLCREATE = 14,
	P9_TSYMLINK = 16,
	P9_TREADLINK = 22,
	P9_TGETATTR = 24,
	P9_TSETATTR = 26,
	P9_TREADDIR = 40,
	P9_TFSYNC = 50,
	P9_TLINK = 70,
	P9_TMKDIR = 72,
	P9_TRENAMEAT = 74,
	P9_TUNLINKAT = 76,
	P9_TVERSION = 100,
	P9_TATTACH = 104,
	P9_TWALK = 110,
	P9_TREAD = 116,
	P9_TWRITE = 118,
	P9_TCLUNK = 120,
};

/* qid.type bits. */
#define P9_QTDIR	0x80
#define P9_QTSYMLINK	0x02

/* Linux open flags, which Tlopen and Tlcreate carry. */
#define P9_O_RDONLY	00
#define P9_O_RDWR	02
#define P9_O_CREAT	0100
#define P9_O_EXCL	0200
#define P9_AT_REMOVEDIR	0x200	/* Tunlinkat */

#define P9_GETATTR_BASIC	0x7ffull	/* mode..blocks, the three times */
#define P9_SETATTR_SIZE		0x8

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

struct p9_attr {
	struct p9_qid qid;
	uint32_t mode;
	uint64_t nlink, size, blksize, blocks;
	int64_t atime_ns, mtime_ns, ctime_ns;
};

struct p9_statfs {
	uint32_t type, bsize, namelen;
	uint64_t blocks, bfree, bavail, files, ffree;
};

/* A message being built or read: every access is checked against end. */
struct p9_msg {
	uint8_t *buf;
	uint32_t end;		/* capacity (building) or bytes received (reading) */
	uint32_t pos;
	bool bad;		/* an access ran past end */
};

void p9_put8(struct p9_msg *m, uint8_t v);
void p9_put16(struct p9_msg *m, uint16_t v);
void p9_put32(struct p9_msg *m, uint32_t v);
void p9_put64(struct p9_msg *m, uint64_t v);
void p9_putstr(struct p9_msg *m, const char *s, size_t len);
uint8_t p9_get8(struct p9_msg *m);
uint16_t p9_get16(struct p9_msg *m);
uint32_t p9_get32(struct p9_msg *m);
uint64_t p9_get64(struct p9_msg *m);
/* A string in place (not NUL-terminated): its length, and *s; 0 and NULL when bad. */
uint16_t p9_getstr(struct p9_msg *m, const char **s);
void p9_getqid(struct p9_msg *m, struct p9_qid *q);

struct p9_slot {
	uint8_t *tx, *rx;	/* P9_SMALL each, allocated when the tag is first used */
	bool busy;
};

/* One per transport, shared by the mounts of its tag. */
struct p9_client {
	struct k_9p_transport *t;
	uint32_t msize;
	struct k_spinlock lock;		/* slots[].busy, the fid map */
	struct k_sem tags;		/* free tags */
	struct p9_slot slots[CONFIG_P9FS_TAGS];
	uint32_t fids[P9_FIDS_MAX / 32];	/* bit set: fid in use */
	uint32_t fid_hint;
	bool warned_reply, warned_errno;
	struct k_list node;
};

/* One request and its reply. */
struct p9_call {
	struct p9_client *c;
	uint16_t tag;			/* slot index; P9_NOTAG on the wire for Tversion */
	uint8_t type;
	struct p9_msg tx, rx;
	const void *wdata;		/* Twrite: data sent after tx */
	uint32_t wlen;
	void *rdata;			/* Rread: data received after an 11-byte header */
	uint32_t rlen;
	void *rbuf;			/* instead of the slot's rx buffer (Rreaddir) */
	uint32_t rbuf_len;
	uint32_t rsize;			/* bytes of the whole reply */
};

/* client.c */
int p9_begin(struct p9_client *c, struct p9_call *call, uint8_t type);
int p9_run(struct p9_call *call);
int p9_end(struct p9_call *call, int rc);
void p9_bad_reply(struct p9_call *call, const char *why);
void p9_bad(struct p9_client *c, const char *req, const char *why);
int p9_fid_alloc(struct p9_client *c, uint32_t *fid);
void p9_fid_free(struct p9_client *c, uint32_t fid);
int p9_client_get(const char *tag, uint32_t msize, struct p9_client **out, char *why,
		  size_t why_len);

/* errno.c: a Linux errno from Rlerror as a negative errno of ours (-EIO if unknown). */
int p9_errno(struct p9_client *c, uint32_t ecode);

/* calls.c: the 9P2000.L requests. */
int p9_version(struct p9_client *c, uint32_t msize, uint32_t *granted, char *ver,
	       size_t ver_len);
int p9_attach(struct p9_client *c, uint32_t fid, struct p9_qid *qid);
int p9_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, const char *name,
	    size_t len, struct p9_qid *qid);
int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags, uint32_t *iounit);
int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len,
	       uint32_t flags, uint32_t mode, struct p9_qid *qid, uint32_t *iounit);
int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a);
int p9_truncate(struct p9_client *c, uint32_t fid, uint64_t size);
int64_t p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t len);
int64_t p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf,
		 uint32_t len);
int p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, uint8_t *buf, uint32_t cap);
int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	     uint32_t mode);
int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
		uint32_t flags);
int p9_renameat(struct p9_client *c, uint32_t ofid, const char *oname, size_t olen,
		uint32_t nfid, const char *nname, size_t nlen);
int p9_fsync(struct p9_client *c, uint32_t fid);
int p9_clunk(struct p9_client *c, uint32_t fid);
int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *st);
int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	       const char *target);
int p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t size);
int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len);

/* A directory's last Rreaddir, which readdir serves entries from. */
struct p9_dirbuf {
	uint8_t *buf;			/* P9_DIRBUF: the whole reply */
	uint32_t len;			/* bytes of entries after the 11-byte header */
	uint64_t start;			/* the offset it was read from */
	bool valid;
};

struct p9_node {
	struct k_vnode vn;
	struct p9_qid qid;
	uint32_t fid;			/* walked to the file; a regular file's may be open */
	uint32_t fid_rd, fid_rw;	/* open for reading / reading and writing, or NOFID */
	uint32_t iounit;		/* bytes per read/write, from Tlopen or msize */
	struct p9_node *hnext;		/* in the mount's table, by qid.path */
	struct p9_dirbuf dir;
};

/* One mount: the vnode table. Everything but I/O is under the mount's lock. */
struct p9_mount {
	struct p9_client *c;
	struct k_mount *m;
	uint64_t dev;
	struct p9_node **hash;
	uint32_t nbuckets, count;
};

static inline struct p9_node *p9_node(struct k_vnode *vn)
{
	return (struct p9_node *)vn;
}

static inline struct p9_mount *p9_mnt(struct k_vnode *vn)
{
	return vn->mount->priv;
}

static inline struct p9_client *p9_cl(struct k_vnode *vn)
{
	return p9_mnt(vn)->c;
}

/* node.c */
extern const struct k_vnode_ops p9_vnode_ops;
int p9_node_get(struct p9_mount *pm, uint32_t fid, const struct p9_qid *qid,
		struct p9_node **out);
int p9_lookup(struct k_vnode *dir, const char *name, size_t len, struct k_vnode **vn);
int p9_getattr_op(struct k_vnode *vn, struct k_stat *st);
void p9_release(struct k_vnode *vn);
uint32_t p9_io_fid(struct p9_node *n, bool write);

/* ops.c */
int p9_create(struct k_vnode *dir, const char *name, size_t len, uint32_t mode,
	      struct k_vnode **vn);
int p9_mkdir_op(struct k_vnode *dir, const char *name, size_t len, uint32_t mode);
int p9_symlink_op(struct k_vnode *dir, const char *name, size_t len, const char *target);
int p9_link_op(struct k_vnode *dir, const char *name, size_t len, struct k_vnode *vn);
int p9_unlink(struct k_vnode *dir, const char *name, size_t len);
int p9_rmdir(struct k_vnode *dir, const char *name, size_t len);
int p9_rename(struct k_vnode *odir, const char *oname, size_t olen, struct k_vnode *ndir,
	      const char *nname, size_t nlen);
int p9_readlink_op(struct k_vnode *vn, char *buf, size_t size);
int p9_truncate_op(struct k_vnode *vn, int64_t size);
int p9_fsync_op(struct k_vnode *vn);

/* io.c */
int p9_open(struct k_vnode *vn, int flags);
int64_t p9_read_op(struct k_vnode *vn, void *buf, size_t len, int64_t off);
int64_t p9_write_op(struct k_vnode *vn, const void *buf, size_t len, int64_t off);
int p9_readdir_op(struct k_vnode *dir, uint64_t *cookie, struct k_dirent *ent);

#endif /* P9_H */
