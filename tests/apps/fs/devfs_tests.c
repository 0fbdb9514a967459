// SPDX-License-Identifier: BSD-3-Clause
/*
 * /dev (lib/devfs), getentropy (lib/random) and pipe() (lib/pipe): device semantics,
 * a crude look at the random bytes, and pipes between two threads.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/thread.h>
#include "check.h"

#define RAND_LEN	65536
#define PIPE_TOTAL	(1024 * 1024)

static void devfs_null_zero(void)
{
	char buf[64];
	struct stat st;
	int fd = open("/dev/null", O_RDWR), z;
	ssize_t w = write(fd, "gone", 4), r = read(fd, buf, sizeof(buf));

	check("dev-null", fd >= 0 && w == 4 && r == 0, "fd %d write %zd read %zd errno %d",
	      fd, w, r, errno);
	close(fd);
	check("dev-null-chr", !stat("/dev/null", &st) && S_ISCHR(st.st_mode),
	      "mode %o errno %d", (unsigned int)st.st_mode, errno);
	z = open("/dev/zero", O_RDONLY);
	memset(buf, 0x5a, sizeof(buf));
	r = read(z, buf, sizeof(buf));
	close(z);
	check("dev-zero", z >= 0 && r == (ssize_t)sizeof(buf) && !buf[0] &&
	      !memcmp(buf, buf + 1, sizeof(buf) - 1), "fd %d read %zd byte %d", z, r, buf[0]);
}

static void devfs_readdir(void)
{
	static const char *const want[] = { "null", "zero", "console", "random", "urandom" };
	unsigned int seen = 0, chr = 0;
	DIR *d = opendir("/dev");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		for (unsigned int i = 0; i < 5; i++) {
			if (!strcmp(e->d_name, want[i])) {
				seen |= 1u << i;
				chr += e->d_type == DT_CHR;
			}
		}
	}
	if (d)
		closedir(d);
	check("dev-readdir", seen == 0x1f && chr == 5, "seen %#x, %u character devices",
	      seen, chr);
}

static void devfs_console(void)
{
	char buf[8];
	int fd = open("/dev/console", O_RDWR);
	ssize_t w = write(fd, "fs: via /dev/console\n", 21), r = read(fd, buf, sizeof(buf));

	close(fd);
	check("dev-console", fd >= 0 && w == 21 && r == 0, "fd %d write %zd read %zd", fd, w, r);
}

/* Bit balance within 2% and a byte histogram chi-square far from the extremes. */
static void devfs_urandom_stats(const uint8_t *b, size_t len)
{
	unsigned int hist[256] = { 0 };
	uint64_t ones = 0;
	double chi = 0, expect = (double)len / 256, balance;

	for (size_t i = 0; i < len; i++) {
		hist[b[i]]++;
		ones += (uint64_t)__builtin_popcount(b[i]);
	}
	for (int i = 0; i < 256; i++)
		chi += (hist[i] - expect) * (hist[i] - expect) / expect;
	balance = (double)ones / (double)(len * 8);
	/* 255 degrees of freedom: mean 255, sd ~22.6; 150..400 is beyond 4.5 sd. */
	check("urandom-stats", balance > 0.49 && balance < 0.51 && chi > 150 && chi < 400,
	      "ones %.4f chi-square %.1f", balance, chi);
}

static void devfs_urandom(void)
{
	uint8_t a[32], b[32], zero[32] = { 0 }, *big = malloc(RAND_LEN);
	int fd = open("/dev/urandom", O_RDONLY), rfd = open("/dev/random", O_RDONLY);
	ssize_t ra = read(fd, a, sizeof(a)), rb = read(fd, b, sizeof(b)), rc = -1;
	ssize_t rr = read(rfd, zero, 0);

	check("urandom-differs", ra == 32 && rb == 32 && memcmp(a, b, 32) &&
	      memcmp(a, zero, 32) && memcmp(b, zero, 32) && rr == 0,
	      "reads %zd %zd %zd errno %d", ra, rb, rr, errno);
	if (big) {
		memset(big, 0, RAND_LEN);
		rc = read(fd, big, RAND_LEN);
	}
	if (rc == RAND_LEN)
		devfs_urandom_stats(big, RAND_LEN);
	else
		check("urandom-stats", 0, "read %zd errno %d", rc, errno);
	free(big);
	close(fd);
	close(rfd);
}

static void devfs_getentropy(void)
{
	uint8_t buf[257] = { 0 }, zero[256] = { 0 };
	int ok, big;

	ok = getentropy(buf, 256);
	check("getentropy", !ok && memcmp(buf, zero, 256) && buf[256] == 0,
	      "ret %d errno %d", ok, errno);
	errno = 0;
	big = getentropy(buf, 257);
	check("getentropy-eio", fails_with(big, EIO), "ret %d errno %d", big, errno);
}

void test_devfs(void)
{
	devfs_null_zero();
	devfs_readdir();
	devfs_console();
	devfs_urandom();
	devfs_getentropy();
}

/* Pipes: 1 MiB from a writer thread to a reader thread, in uneven pieces. */
struct pipe_run {
	int fd;
	uint32_t sum;
	size_t moved;
};

static uint8_t pattern(size_t i)
{
	return (uint8_t)(i * 2654435761u >> 13);
}

static uint32_t sum_add(uint32_t sum, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sum = (sum << 5 | sum >> 27) ^ b[i];
	return sum;
}

static void *pipe_writer(void *arg)
{
	struct pipe_run *w = arg;
	static uint8_t chunk[7919];

	for (size_t done = 0, n; done < PIPE_TOTAL; done += n) {
		n = PIPE_TOTAL - done < sizeof(chunk) ? PIPE_TOTAL - done : 1 + done % sizeof(chunk);
		for (size_t i = 0; i < n; i++)
			chunk[i] = pattern(done + i);
		if (write(w->fd, chunk, n) != (ssize_t)n)
			break;
		w->sum = sum_add(w->sum, chunk, n);
		w->moved += n;
	}
	close(w->fd);
	return NULL;
}

static void *pipe_reader(void *arg)
{
	struct pipe_run *r = arg;
	static uint8_t buf[5003];
	ssize_t n;

	while ((n = read(r->fd, buf, 1 + r->moved % sizeof(buf))) > 0) {
		r->sum = sum_add(r->sum, buf, (size_t)n);
		r->moved += (size_t)n;
	}
	return NULL;
}

static void pipe_threads(void)
{
	struct pipe_run w = { 0 }, r = { 0 };
	struct k_thread *tw = NULL, *tr = NULL;
	struct stat st;
	int fds[2] = { -1, -1 }, p = pipe(fds), eof = -1;
	char c;

	check("pipe-fifo", !p && !fstat(fds[0], &st) && S_ISFIFO(st.st_mode),
	      "pipe %d errno %d mode %o", p, errno, (unsigned int)st.st_mode);
	if (p)
		return;
	w.fd = fds[1];
	r.fd = fds[0];
	if (k_thread_create(&tr, "pipe-reader", pipe_reader, &r, NULL) ||
	    k_thread_create(&tw, "pipe-writer", pipe_writer, &w, NULL)) {
		check("pipe-1MiB", 0, "cannot create threads");
		return;
	}
	k_thread_join(tw, NULL);
	k_thread_join(tr, NULL);
	check("pipe-1MiB", w.moved == PIPE_TOTAL && r.moved == PIPE_TOTAL && w.sum == r.sum,
	      "wrote %zu read %zu sums %08x %08x", w.moved, r.moved, (unsigned int)w.sum,
	      (unsigned int)r.sum);
	eof = (int)read(fds[0], &c, 1);		/* the writer closed its end */
	check("pipe-eof", eof == 0, "read %d errno %d", eof, errno);
	close(fds[0]);
}

static void pipe_epipe_nonblock(void)
{
	int fds[2], fl, w, r;
	char c = 'x';

	pipe(fds);
	fl = fcntl(fds[0], F_GETFL);
	errno = 0;
	r = fcntl(fds[0], F_SETFL, fl | O_NONBLOCK) ? -2 : (int)read(fds[0], &c, 1);
	check("pipe-eagain", fails_with(r, EAGAIN) && (fcntl(fds[0], F_GETFL) & O_NONBLOCK),
	      "read %d errno %d", r, errno);
	close(fds[0]);
	errno = 0;
	w = (int)write(fds[1], &c, 1);
	check("pipe-epipe", fails_with(w, EPIPE), "write %d errno %d", w, errno);
	close(fds[1]);
}

/* printf to a pipe through dup2 onto 1, read back from the other end. */
static void pipe_stdout(void)
{
	char buf[32] = "";
	int fds[2], saved, r;

	pipe(fds);
	fflush(stdout);
	saved = dup(1);
	dup2(fds[1], 1);
	close(fds[1]);
	printf("into the pipe\n");
	fflush(stdout);
	dup2(saved, 1);		/* closes the last write end */
	close(saved);
	r = (int)read(fds[0], buf, sizeof(buf) - 1);
	check("pipe-dup2-stdout", r == 14 && !strcmp(buf, "into the pipe\n") &&
	      read(fds[0], buf, 1) == 0, "read %d '%s'", r, buf);
	close(fds[0]);
}

void test_pipe(void)
{
	pipe_threads();
	pipe_epipe_nonblock();
	pipe_stdout();
}
