// SPDX-License-Identifier: BSD-3-Clause
/*
 * Pipes: a ring buffer under a mutex, with a condition variable for each direction.
 * The read end and the write end are two open files sharing it; each counts the
 * files of its end still open, and the pipe goes with the last of both. A blocked
 * reader wakes to data or to end of file (no writer left); a blocked writer wakes to
 * room or to EPIPE (no reader left). There are no signals: SIGPIPE is not raised.
 * Every change a poller could be waiting for (data, room, an end closed) also wakes
 * the descriptor table's pollers.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/fdtab.h>
#include <keel/pipe.h>

#define PIPE_SIZE	((size_t)CONFIG_PIPE_SIZE)

struct pipe {
	struct k_mutex lock;
	struct k_condvar readable, writable;
	uint8_t *buf;
	size_t head, count;		/* the oldest byte, bytes held */
	unsigned int readers, writers;	/* open files of each end */
	uint64_t ino;
};

static size_t copy_out(struct pipe *p, uint8_t *dst, size_t len)
{
	size_t n = len < p->count ? len : p->count, first = PIPE_SIZE - p->head;

	if (first > n)
		first = n;
	memcpy(dst, p->buf + p->head, first);
	memcpy(dst + first, p->buf, n - first);
	p->head = (p->head + n) % PIPE_SIZE;
	p->count -= n;
	return n;
}

static size_t copy_in(struct pipe *p, const uint8_t *src, size_t len)
{
	size_t room = PIPE_SIZE - p->count, tail = (p->head + p->count) % PIPE_SIZE, first;
	size_t n = len < room ? len : room;

	first = PIPE_SIZE - tail;
	if (first > n)
		first = n;
	memcpy(p->buf + tail, src, first);
	memcpy(p->buf, src + first, n - first);
	p->count += n;
	return n;
}

static int64_t pipe_read(struct k_file *f, void *buf, size_t len, int64_t *pos)
{
	struct pipe *p = f->priv;
	int64_t r;

	(void)pos;
	if (!len)
		return 0;
	k_mutex_lock(&p->lock);
	while (!p->count && p->writers && !(f->flags & K_O_NONBLOCK))
		k_condvar_wait(&p->readable, &p->lock);
	if (p->count) {
		r = (int64_t)copy_out(p, buf, len);
		k_condvar_broadcast(&p->writable);
		k_fdtab_poll_wake();
	} else {
		r = p->writers ? -EAGAIN : 0;	/* 0: end of file */
	}
	k_mutex_unlock(&p->lock);
	return r;
}

/*
 * Blocking: returns when all of buf is in (or every reader left). A write of at most
 * K_PIPE_BUF bytes goes in whole, never split around another writer's.
 */
static int64_t pipe_write(struct k_file *f, const void *buf, size_t len, int64_t *pos)
{
	struct pipe *p = f->priv;
	size_t done = 0, need = len <= K_PIPE_BUF ? len : 1;
	int64_t r = 0;

	(void)pos;
	k_mutex_lock(&p->lock);
	while (done < len) {
		if (!p->readers) {
			r = -EPIPE;
			break;
		}
		if (PIPE_SIZE - p->count < need) {
			if (f->flags & K_O_NONBLOCK) {
				r = -EAGAIN;
				break;
			}
			k_condvar_wait(&p->writable, &p->lock);
			continue;
		}
		done += copy_in(p, (const uint8_t *)buf + done, len - done);
		need = 1;
		k_condvar_broadcast(&p->readable);
		k_fdtab_poll_wake();
	}
	k_mutex_unlock(&p->lock);
	return done ? (int64_t)done : r;
}

static int pipe_fstat(struct k_file *f, struct k_stat *st)
{
	struct pipe *p = f->priv;

	k_mutex_lock(&p->lock);
	st->size = (int64_t)p->count;
	k_mutex_unlock(&p->lock);
	st->dev = 3;
	st->ino = p->ino;
	st->mode = K_S_IFIFO | 0600;
	st->nlink = 1;
	st->blksize = K_PIPE_BUF;
	return 0;
}

/*
 * Readiness as Linux gives it: the read end is readable with data and hung up once
 * every writer has gone; the write end is writable while a PIPE_BUF write would not
 * block, and in error once every reader has gone (a write would fail with EPIPE).
 */
static unsigned int pipe_read_poll(struct k_file *f, unsigned int events)
{
	struct pipe *p = f->priv;
	unsigned int r = 0;

	(void)events;
	k_mutex_lock(&p->lock);
	if (p->count)
		r |= K_POLLIN | K_POLLRDNORM;
	if (!p->writers)
		r |= K_POLLHUP;
	k_mutex_unlock(&p->lock);
	return r;
}

static unsigned int pipe_write_poll(struct k_file *f, unsigned int events)
{
	struct pipe *p = f->priv;
	unsigned int r = 0;

	(void)events;
	k_mutex_lock(&p->lock);
	if (!p->readers)
		r |= K_POLLERR;
	else if (PIPE_SIZE - p->count >= K_PIPE_BUF)
		r |= K_POLLOUT | K_POLLWRNORM;
	k_mutex_unlock(&p->lock);
	return r;
}

/* One end's file went: wake the other side, free the pipe with the last file. */
static void pipe_end_close(struct pipe *p, unsigned int *count)
{
	int last;

	k_mutex_lock(&p->lock);
	(*count)--;
	k_condvar_broadcast(&p->readable);
	k_condvar_broadcast(&p->writable);
	last = !p->readers && !p->writers;
	k_mutex_unlock(&p->lock);
	k_fdtab_poll_wake();
	if (last) {
		k_free(p->buf);
		k_free(p);
	}
}

static void pipe_read_release(struct k_file *f)
{
	struct pipe *p = f->priv;

	pipe_end_close(p, &p->readers);
}

static void pipe_write_release(struct k_file *f)
{
	struct pipe *p = f->priv;

	pipe_end_close(p, &p->writers);
}

static const struct k_file_ops pipe_read_ops = {
	.read = pipe_read,
	.fstat = pipe_fstat,
	.poll = pipe_read_poll,
	.release = pipe_read_release,
};

static const struct k_file_ops pipe_write_ops = {
	.write = pipe_write,
	.fstat = pipe_fstat,
	.poll = pipe_write_poll,
	.release = pipe_write_release,
};

static struct pipe *pipe_new(void)
{
	static uint64_t next_ino = 1;
	struct pipe *p = k_calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->buf = k_malloc(PIPE_SIZE);
	if (!p->buf) {
		k_free(p);
		return NULL;
	}
	k_mutex_init(&p->lock, 0);
	k_condvar_init(&p->readable);
	k_condvar_init(&p->writable);
	p->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
	return p;
}

int k_pipe(int fds[2], int flags)
{
	unsigned int keep = (unsigned int)flags & (K_O_NONBLOCK | K_O_CLOEXEC);
	struct pipe *p;
	struct k_file *rf, *wf;
	int rfd, wfd;

	if ((unsigned int)flags & ~(K_O_NONBLOCK | K_O_CLOEXEC))
		return -EINVAL;
	p = pipe_new();
	if (!p)
		return -ENOMEM;
	/* Each end is counted once its file exists: a put frees what was made. */
	rf = k_file_new(&pipe_read_ops, K_O_RDONLY | keep, p);
	if (!rf) {
		k_free(p->buf);
		k_free(p);
		return -ENOMEM;
	}
	p->readers = 1;
	wf = k_file_new(&pipe_write_ops, K_O_WRONLY | keep, p);
	if (!wf) {
		k_file_put(rf);
		return -ENOMEM;
	}
	p->writers = 1;
	rfd = k_fd_install(rf, 0);
	if (rfd < 0) {
		k_file_put(wf);
		return rfd;
	}
	wfd = k_fd_install(wf, 0);
	if (wfd < 0) {
		k_fd_close(rfd);
		return wfd;
	}
	fds[0] = rfd;
	fds[1] = wfd;
	return 0;
}
