// SPDX-License-Identifier: BSD-3-Clause
/*
 * The 9P2000.L requests this client sends, one function each: build the message, run
 * it, read the reply's fields. Layouts (after size[4] type[1] tag[2]) as the 9P2000.L
 * protocol defines them; p9_end rejects a reply whose fields do not fill it exactly.
 */
#include <errno.h>
#include <string.h>
#include "p9.h"

int p9_version(struct p9_client *c, uint32_t msize, uint32_t *granted, char *ver,
	       size_t ver_len)
{
	struct p9_call call;
	const char *s;
	uint16_t len;
	int rc = p9_begin(c, &call, P9_TVERSION);

	if (rc)
		return rc;
	p9_put32(&call.tx, msize);
	p9_putstr(&call.tx, P9_VERSION, strlen(P9_VERSION));
	rc = p9_run(&call);
	if (!rc) {
		*granted = p9_get32(&call.rx);
		len = p9_getstr(&call.rx, &s);
		len = (uint16_t)K_MIN((size_t)len, ver_len - 1);
		if (s)
			memcpy(ver, s, len);
		ver[s ? len : 0] = '\0';
	}
	return p9_end(&call, rc);
}

/* Tattach fid afid=NOFID uname="root" aname="" n_uname=0: the export's root. */
int p9_attach(struct p9_client *c, uint32_t fid, struct p9_qid *qid)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TATTACH);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put32(&call.tx, P9_NOFID);
	p9_putstr(&call.tx, "root", 4);
	p9_putstr(&call.tx, "", 0);
	p9_put32(&call.tx, 0);
	rc = p9_run(&call);
	if (!rc)
		p9_getqid(&call.rx, qid);
	return p9_end(&call, rc);
}

/*
 * Twalk of one name (len 0: clone fid into newfid). The server creates newfid only
 * when every name was walked, so a walk that stops early is -ENOENT with no fid.
 */
int p9_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, const char *name,
	    size_t len, struct p9_qid *qid)
{
	struct p9_call call;
	uint16_t nwqid;
	int rc = p9_begin(c, &call, P9_TWALK);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put32(&call.tx, newfid);
	p9_put16(&call.tx, len ? 1 : 0);
	if (len)
		p9_putstr(&call.tx, name, len);
	rc = p9_run(&call);
	if (!rc) {
		nwqid = p9_get16(&call.rx);
		if (nwqid > (len ? 1 : 0)) {
			p9_bad_reply(&call, "more qids than names walked");
			rc = -EIO;
		} else if (nwqid == 1) {
			p9_getqid(&call.rx, qid);
		} else if (len) {
			rc = -ENOENT;
		}
	}
	return p9_end(&call, rc);
}

static int p9_open_reply(struct p9_call *call, struct p9_qid *qid, uint32_t *iounit)
{
	struct p9_qid q;

	p9_getqid(&call->rx, qid ? qid : &q);
	*iounit = p9_get32(&call->rx);
	return 0;
}

int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags, uint32_t *iounit)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TLOPEN);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put32(&call.tx, flags);
	rc = p9_run(&call);
	if (!rc)
		rc = p9_open_reply(&call, NULL, iounit);
	return p9_end(&call, rc);
}

/* Tlcreate: fid (a directory) becomes the new file, open with flags. */
int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len,
	       uint32_t flags, uint32_t mode, struct p9_qid *qid, uint32_t *iounit)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TLCREATE);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_putstr(&call.tx, name, len);
	p9_put32(&call.tx, flags);
	p9_put32(&call.tx, mode);
	p9_put32(&call.tx, 0);		/* gid */
	rc = p9_run(&call);
	if (!rc)
		rc = p9_open_reply(&call, qid, iounit);
	return p9_end(&call, rc);
}

static int64_t p9_time(struct p9_msg *m)
{
	uint64_t sec = p9_get64(m), nsec = p9_get64(m);

	if (sec > INT64_MAX / 1000000000 - 1 || nsec >= 1000000000)
		return 0;	/* outside what k_stat holds: unknown */
	return (int64_t)(sec * 1000000000 + nsec);
}

/* Rgetattr: valid[8] qid[13] mode uid gid[4 each] nlink rdev size blksize blocks[8 each],
 * atime mtime ctime btime[sec 8, nsec 8] gen[8] data_version[8]. */
int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TGETATTR);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put64(&call.tx, P9_GETATTR_BASIC);
	rc = p9_run(&call);
	if (!rc) {
		struct p9_msg *m = &call.rx;

		p9_get64(m);		/* valid: QEMU fills every basic field */
		p9_getqid(m, &a->qid);
		a->mode = p9_get32(m);
		p9_get32(m);		/* uid */
		p9_get32(m);		/* gid */
		a->nlink = p9_get64(m);
		p9_get64(m);		/* rdev */
		a->size = p9_get64(m);
		a->blksize = p9_get64(m);
		a->blocks = p9_get64(m);
		a->atime_ns = p9_time(m);
		a->mtime_ns = p9_time(m);
		a->ctime_ns = p9_time(m);
		p9_time(m);		/* btime */
		p9_get64(m);		/* gen */
		p9_get64(m);		/* data_version */
	}
	return p9_end(&call, rc);
}

/* Tsetattr fid valid mode uid gid[4 each] size atime_sec atime_nsec mtime_sec mtime_nsec[8]. */
int p9_truncate(struct p9_client *c, uint32_t fid, uint64_t size)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TSETATTR);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put32(&call.tx, P9_SETATTR_SIZE);
	p9_put32(&call.tx, 0);
	p9_put32(&call.tx, 0);
	p9_put32(&call.tx, 0);
	p9_put64(&call.tx, size);
	for (int i = 0; i < 4; i++)
		p9_put64(&call.tx, 0);
	return p9_end(&call, p9_run(&call));
}

/* Tread: the data lands in buf directly; the count, which must fit what was asked. */
int64_t p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t len)
{
	struct p9_call call;
	int64_t count = 0;
	int rc = p9_begin(c, &call, P9_TREAD);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put64(&call.tx, off);
	p9_put32(&call.tx, len);
	call.rdata = buf;
	call.rlen = len;
	rc = p9_run(&call);
	if (!rc) {
		count = p9_get32(&call.rx);
		/* The reply's size covered header and data: the data is what followed. */
		if (count > len || count != (int64_t)call.rsize - P9_RHDR) {
			p9_bad_reply(&call, "Rread count disagrees with its size or the request");
			rc = -EIO;
		}
	}
	rc = p9_end(&call, rc);
	return rc ? rc : count;
}

/* Twrite: the data goes from buf directly; the count written, at most len. */
int64_t p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf,
		 uint32_t len)
{
	struct p9_call call;
	int64_t count = 0;
	int rc = p9_begin(c, &call, P9_TWRITE);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put64(&call.tx, off);
	p9_put32(&call.tx, len);
	call.wdata = buf;
	call.wlen = len;
	rc = p9_run(&call);
	if (!rc) {
		count = p9_get32(&call.rx);
		if (count > len) {
			p9_bad_reply(&call, "Rwrite count beyond the request");
			rc = -EIO;
		}
	}
	rc = p9_end(&call, rc);
	return rc ? rc : count;
}

/* Treaddir: the whole reply into buf (cap bytes); the bytes of entries after P9_RHDR. */
int p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, uint8_t *buf, uint32_t cap)
{
	struct p9_call call;
	uint32_t count = 0;
	int rc = p9_begin(c, &call, P9_TREADDIR);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put64(&call.tx, off);
	p9_put32(&call.tx, cap - P9_RHDR);
	call.rbuf = buf;
	call.rbuf_len = cap;
	rc = p9_run(&call);
	if (!rc) {
		count = p9_get32(&call.rx);
		if (count != call.rx.end - call.rx.pos)
			call.rx.bad = true;
		else
			call.rx.pos = call.rx.end;	/* the entries: parsed by the caller */
	}
	rc = p9_end(&call, rc);
	return rc ? rc : (int)count;
}

int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	     uint32_t mode)
{
	struct p9_call call;
	struct p9_qid qid;
	int rc = p9_begin(c, &call, P9_TMKDIR);

	if (rc)
		return rc;
	p9_put32(&call.tx, dfid);
	p9_putstr(&call.tx, name, len);
	p9_put32(&call.tx, mode);
	p9_put32(&call.tx, 0);		/* gid */
	rc = p9_run(&call);
	if (!rc)
		p9_getqid(&call.rx, &qid);
	return p9_end(&call, rc);
}

int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
		uint32_t flags)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TUNLINKAT);

	if (rc)
		return rc;
	p9_put32(&call.tx, dfid);
	p9_putstr(&call.tx, name, len);
	p9_put32(&call.tx, flags);
	return p9_end(&call, p9_run(&call));
}

int p9_renameat(struct p9_client *c, uint32_t ofid, const char *oname, size_t olen,
		uint32_t nfid, const char *nname, size_t nlen)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TRENAMEAT);

	if (rc)
		return rc;
	p9_put32(&call.tx, ofid);
	p9_putstr(&call.tx, oname, olen);
	p9_put32(&call.tx, nfid);
	p9_putstr(&call.tx, nname, nlen);
	return p9_end(&call, p9_run(&call));
}

/* Tfsync fid datasync[4]: 0 asks for data and metadata. */
int p9_fsync(struct p9_client *c, uint32_t fid)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TFSYNC);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	p9_put32(&call.tx, 0);
	return p9_end(&call, p9_run(&call));
}

/* Tclunk: the fid is gone on the server whatever the reply says (9P), so free it. */
int p9_clunk(struct p9_client *c, uint32_t fid)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TCLUNK);

	if (!rc) {
		p9_put32(&call.tx, fid);
		rc = p9_end(&call, p9_run(&call));
	}
	p9_fid_free(c, fid);
	return rc;
}

/* Rstatfs: type bsize[4] blocks bfree bavail files ffree fsid[8] namelen[4]. */
int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *st)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TSTATFS);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	rc = p9_run(&call);
	if (!rc) {
		st->type = p9_get32(&call.rx);
		st->bsize = p9_get32(&call.rx);
		st->blocks = p9_get64(&call.rx);
		st->bfree = p9_get64(&call.rx);
		st->bavail = p9_get64(&call.rx);
		st->files = p9_get64(&call.rx);
		st->ffree = p9_get64(&call.rx);
		p9_get64(&call.rx);	/* fsid */
		st->namelen = p9_get32(&call.rx);
	}
	return p9_end(&call, rc);
}

int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
	       const char *target)
{
	struct p9_call call;
	struct p9_qid qid;
	int rc = p9_begin(c, &call, P9_TSYMLINK);

	if (rc)
		return rc;
	p9_put32(&call.tx, dfid);
	p9_putstr(&call.tx, name, len);
	p9_putstr(&call.tx, target, strlen(target));
	p9_put32(&call.tx, 0);		/* gid */
	rc = p9_run(&call);
	if (!rc)
		p9_getqid(&call.rx, &qid);
	return p9_end(&call, rc);
}

/* Treadlink: the target's length, the bytes copied up to size. */
int p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t size)
{
	struct p9_call call;
	const char *s;
	uint16_t len = 0;
	int rc = p9_begin(c, &call, P9_TREADLINK);

	if (rc)
		return rc;
	p9_put32(&call.tx, fid);
	rc = p9_run(&call);
	if (!rc) {
		len = p9_getstr(&call.rx, &s);
		if (s)
			memcpy(buf, s, K_MIN((size_t)len, size));
	}
	rc = p9_end(&call, rc);
	return rc ? rc : (int)K_MIN((size_t)len, size);
}

/* Tlink dfid fid name: a new name in dfid for the file fid. */
int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len)
{
	struct p9_call call;
	int rc = p9_begin(c, &call, P9_TLINK);

	if (rc)
		return rc;
	p9_put32(&call.tx, dfid);
	p9_put32(&call.tx, fid);
	p9_putstr(&call.tx, name, len);
	return p9_end(&call, p9_run(&call));
}
