// SPDX-License-Identifier: BSD-3-Clause
/*
 * A malformed host, in the image: a 9P transport ("fake") whose server answers
 * 9P2000.L correctly until told to break one reply type in one way (short, wrong size
 * field, wrong tag or type, fields that overrun or do not fill the reply, a count
 * beyond the request, a bad directory entry, an Rlerror of the wrong size or with an
 * errno that means nothing here). Each broken reply must fail its call with EIO (or the
 * mapped errno), never crash; the client must keep working afterwards; a session whose
 * Tversion is wrong must not mount.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/9p_transport.h>
#include <keel/vfs.h>
#include "check.h"

enum { RLERROR = 7, TLOPEN = 12, TGETATTR = 24, TREADDIR = 40, TUNLINKAT = 76,
       TVERSION = 100, TATTACH = 104, TWALK = 110, TREAD = 116, TCLUNK = 120 };

struct fake {
	struct k_9p_transport t;
	const char *version;		/* what Rversion says */
	uint32_t msize;			/* 0: grant what is asked */
	int target;			/* the request type whose reply is broken */
	const char *how;
};

static bool fake_is_file[1024];	/* by fid: walked to "file" (else a directory) */

struct wr {
	uint8_t b[1024];
	uint32_t n;
};

static void w8(struct wr *w, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		w->b[w->n++] = (uint8_t)(v >> (8 * i));
}

static void wstr(struct wr *w, const char *s)
{
	w8(w, strlen(s), 2);
	memcpy(w->b + w->n, s, strlen(s));
	w->n += (uint32_t)strlen(s);
}

static void wqid(struct wr *w, uint64_t path)
{
	w8(w, path == 2 ? 0 : 0x80, 1);		/* path 2 is "file", others directories */
	w8(w, 0, 4);
	w8(w, path, 8);
}

static uint32_t r32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The body of a correct reply to the request in q. */
static void fake_answer(struct fake *f, const uint8_t *q, uint8_t type, struct wr *w)
{
	switch (type) {
	case TVERSION:
		w8(w, f->msize ? f->msize : r32(q + 7), 4);
		wstr(w, f->version);
		break;
	case TATTACH:
		wqid(w, 1);
		break;
	case TWALK: {
		uint16_t nw = (uint16_t)(q[15] | q[16] << 8);
		bool file = nw ? q[17] == 4 && !memcmp(q + 19, "file", 4)
			       : fake_is_file[r32(q + 7) % 1024];

		fake_is_file[r32(q + 11) % 1024] = file;
		w8(w, nw, 2);
		if (nw)
			wqid(w, file ? 2 : 3);
		break;
	}
	case TLOPEN:
		wqid(w, 2);
		w8(w, 0, 4);
		break;
	case TGETATTR:
		w8(w, 0x7ff, 8);
		wqid(w, fake_is_file[r32(q + 7) % 1024] ? 2 : 1);
		w8(w, fake_is_file[r32(q + 7) % 1024] ? 0100644 : 040755, 4);
		w8(w, 0, 8);			/* uid, gid */
		w8(w, 1, 8);			/* nlink */
		w8(w, 0, 8);			/* rdev */
		w8(w, 5, 8);			/* size */
		w8(w, 4096, 8);
		w8(w, 8, 8);
		for (int i = 0; i < 10; i++)	/* 4 times, gen, data_version */
			w8(w, 0, 8);
		break;
	case TREAD:
		w8(w, 5, 4);
		memcpy(w->b + w->n, "abcde", 5);
		w->n += 5;
		break;
	case TREADDIR: {
		uint32_t start = w->n;

		w8(w, 0, 4);			/* count, below */
		if (r32(q + 11) == 0) {		/* offset 0: one entry, then the end */
			wqid(w, 2);
			w8(w, 1, 8);
			w8(w, 8, 1);
			wstr(w, "file");
		}
		w->b[start] = (uint8_t)(w->n - start - 4);
		break;
	}
	case TCLUNK:
		break;
	default:
		w8(w, 95, 4);			/* Rlerror EOPNOTSUPP */
		break;
	}
}

/* Break the reply in w (header included) as f->how says; the bytes to report. */
static uint32_t fake_break(struct fake *f, struct wr *w, uint32_t room)
{
	const char *h = f->how;

	if (!strcmp(h, "short"))
		return 5;
	if (!strcmp(h, "size"))
		w->b[0]++;
	else if (!strcmp(h, "tag"))
		w->b[5]++;
	else if (!strcmp(h, "type"))
		w->b[4] = 117;
	else if (!strcmp(h, "overrun"))
		w->n -= 4;
	else if (!strcmp(h, "trailing"))
		w8(w, 0, 3);
	else if (!strcmp(h, "overlong"))
		return room + 100;
	else if (!strcmp(h, "count-big"))	/* Rread: a count beyond the request */
		w->b[7] = 200;
	else if (!strcmp(h, "extra-qid"))	/* Rwalk: two qids for one name */
		w->b[7] = 2;
	else if (!strcmp(h, "name-slash"))	/* Rreaddir: "file" becomes "fi/e" */
		w->b[w->n - 2] = '/';
	else if (!strcmp(h, "name-long"))	/* Rreaddir: a name running past the end */
		w->b[w->n - 5] = 200;
	else if (!strcmp(h, "same-offset"))	/* Rreaddir: the entry's offset is 0 */
		w->b[11 + 13] = 0;
	else if (!strcmp(h, "lerror-size") || !strcmp(h, "errno-unknown") ||
		 !strcmp(h, "errno-39")) {
		w->n = 7;
		w->b[4] = RLERROR;
		w8(w, !strcmp(h, "errno-39") ? 39 : 9999, 4);
		if (!strcmp(h, "lerror-size"))
			w8(w, 0, 4);
	}
	if (strcmp(h, "size")) {
		w->b[0] = (uint8_t)w->n;
		w->b[1] = (uint8_t)(w->n >> 8);
	}
	return w->n;
}

static int64_t fake_rpc(struct k_9p_transport *t, const struct k_9p_buf *bufs,
			unsigned int n_out, unsigned int n_in)
{
	struct fake *f = (struct fake *)t;
	const uint8_t *q = bufs[0].addr;
	uint8_t type = q[4];
	static struct wr w;
	uint32_t n, room = 0, done = 0;

	w.n = 0;
	w8(&w, 0, 4);
	w8(&w, type + 1, 1);
	w8(&w, q[5] | q[6] << 8, 2);
	fake_answer(f, q, type, &w);
	if (w.n == 11 && type != TREAD && type != TREADDIR && type != TCLUNK &&
	    type != TVERSION && type != TATTACH && type != TWALK && type != TLOPEN &&
	    type != TGETATTR)
		w.b[4] = RLERROR;
	w.b[0] = (uint8_t)w.n;
	w.b[1] = (uint8_t)(w.n >> 8);
	for (unsigned int i = n_out; i < n_out + n_in; i++)
		room += bufs[i].len;
	n = type == f->target ? fake_break(f, &w, room) : w.n;
	for (unsigned int i = n_out; i < n_out + n_in && done < w.n; i++) {
		uint32_t k = w.n - done < bufs[i].len ? w.n - done : bufs[i].len;

		memcpy(bufs[i].addr, w.b + done, k);
		done += k;
	}
	return n;
}

static struct fake fake = { .t = { .tag = "fake", .rpc = fake_rpc }, .version = "9P2000.L" };

static int try_stat(void)
{
	struct stat st;

	return stat("/fake/file", &st);
}

static int try_read(void)
{
	char buf[8];
	int fd = open("/fake/file", O_RDONLY), r;

	if (fd < 0)
		return fd;
	r = (int)read(fd, buf, sizeof(buf));
	close(fd);
	return r < 0 ? -1 : 0;
}

static int try_readdir(void)
{
	DIR *d;
	int n = 0;

	errno = 0;
	d = opendir("/fake");
	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return !d || errno ? -1 : n;
}

static int try_unlink(void)
{
	return unlink("/fake/file");
}

static void fake_case(int target, const char *how, int (*op)(void), int want_errno)
{
	char name[48];
	int r;

	fake.target = target;
	fake.how = how;
	errno = 0;
	r = op();
	fake.target = 0;
	snprintf(name, sizeof(name), "malformed-%d-%s", target, how);
	check(name, fails_with(r, want_errno), "returned %d errno %d", r, errno);
}

static void fake_sessions(void)
{
	static struct fake bad_ver = { .t = { .tag = "fake-ver", .rpc = fake_rpc },
				       .version = "9P2000.u" };
	static struct fake small = { .t = { .tag = "fake-msize", .rpc = fake_rpc },
				     .version = "9P2000.L", .msize = 4096 };
	char why[96] = "";
	int r;

	k_9p_transport_register(&bad_ver.t);
	k_9p_transport_register(&small.t);
	mkdir("/fake2", 0755);
	r = k_vfs_mount_opts("9p", "fake-ver", "/fake2", NULL, why, sizeof(why));
	check("session-bad-version", r < 0 && strstr(why, "speaks \"9P2000.u\""), "%d '%s'", r,
	      why);
	r = k_vfs_mount_opts("9p", "fake-msize", "/fake2", NULL, why, sizeof(why));
	check("session-small-msize", r < 0 && strstr(why, "granted msize 4096"), "%d '%s'", r, why);
}

void test_fake(void)
{
	static const char *const walk_breaks[] = { "short", "size", "tag", "type", "overrun",
						   "trailing", "overlong", "extra-qid",
						   "lerror-size" };
	char why[96] = "";
	int r;

	k_9p_transport_register(&fake.t);
	mkdir("/fake", 0755);
	r = k_vfs_mount_opts("9p", "fake", "/fake", NULL, why, sizeof(why));
	check("fake-mount", !r && !try_stat() && !try_read() && try_readdir() == 1,
	      "%d '%s' errno %d", r, why, errno);
	if (r)
		return;
	for (size_t i = 0; i < sizeof(walk_breaks) / sizeof(walk_breaks[0]); i++)
		fake_case(TWALK, walk_breaks[i], try_stat, EIO);
	fake_case(TGETATTR, "overrun", try_stat, EIO);
	fake_case(TGETATTR, "trailing", try_stat, EIO);
	fake_case(TREAD, "count-big", try_read, EIO);
	fake_case(TREAD, "size", try_read, EIO);
	fake_case(TREAD, "trailing", try_read, EIO);
	fake_case(TREADDIR, "name-slash", try_readdir, EIO);
	fake_case(TREADDIR, "name-long", try_readdir, EIO);
	fake_case(TREADDIR, "same-offset", try_readdir, EIO);
	fake_case(TUNLINKAT, "errno-39", try_unlink, ENOTEMPTY);
	fake_case(TUNLINKAT, "errno-unknown", try_unlink, EIO);
	check("fake-still-works", !try_stat() && !try_read() && try_readdir() == 1, "errno %d",
	      errno);
	fake_sessions();
}
