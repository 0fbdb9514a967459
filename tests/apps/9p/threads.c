// SPDX-License-Identifier: BSD-3-Clause
/*
 * One file shared by four threads, on ramfs (/conc) or on 9p (/mnt/conc): each thread
 * pwrites its own 4 KiB blocks (every fourth one) through its own descriptor, then all
 * four append 100-byte records through one shared O_APPEND descriptor. The content is
 * then read back and checked: every block holds its writer's pattern, and every
 * thread's records are all there, whole, in its order.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/thread.h>
#include "check.h"

#define NTHREADS	4
#define BLOCK		4096
#define BLOCKS		256		/* 1 MiB */
#define RECORD		100
#define RECORDS		200		/* per thread */

struct worker {
	char path[64];
	int id, fd, errors;
};

static void *pwrite_worker(void *arg)
{
	struct worker *w = arg;
	uint8_t *buf = malloc(BLOCK);
	int fd = buf ? open(w->path, O_WRONLY) : -1;

	for (int b = w->id; fd >= 0 && b < BLOCKS; b += NTHREADS) {
		pattern_fill(buf, BLOCK, (uint64_t)b * BLOCK, 77);
		if (pwrite(fd, buf, BLOCK, (off_t)b * BLOCK) != BLOCK)
			w->errors++;
	}
	w->errors += fd < 0;
	close(fd);
	free(buf);
	return NULL;
}

static void *append_worker(void *arg)
{
	struct worker *w = arg;
	char rec[RECORD + 1];

	for (int i = 0; i < RECORDS; i++) {
		snprintf(rec, sizeof(rec), "thread %d record %03d", w->id, i);
		memset(rec + strlen(rec), '.', RECORD - 1 - strlen(rec));
		rec[RECORD - 1] = '\n';
		if (write(w->fd, rec, RECORD) != RECORD)
			w->errors++;
	}
	return NULL;
}

static int run_workers(void *(*fn)(void *), struct worker *ws)
{
	struct k_thread *t[NTHREADS];
	int errors = 0, made = 0;

	for (int i = 0; i < NTHREADS; i++)
		made += !k_thread_create(&t[i], "fs-worker", fn, &ws[i], NULL);
	if (made != NTHREADS)
		return -1;
	for (int i = 0; i < NTHREADS; i++) {
		k_thread_join(t[i], NULL);
		errors += ws[i].errors;
	}
	return errors;
}

static bool blocks_ok(int fd)
{
	static uint8_t want[BLOCK], got[BLOCK];

	for (int b = 0; b < BLOCKS; b++) {
		pattern_fill(want, BLOCK, (uint64_t)b * BLOCK, 77);
		if (pread(fd, got, BLOCK, (off_t)b * BLOCK) != BLOCK || memcmp(got, want, BLOCK))
			return false;
	}
	return true;
}

/* Records start at the end of the blocks; each thread's appear in order, whole. */
static bool records_ok(int fd)
{
	int next[NTHREADS] = { 0 };
	char rec[RECORD + 1];

	for (int i = 0; i < NTHREADS * RECORDS; i++) {
		int id, seq;

		if (pread(fd, rec, RECORD, (off_t)BLOCKS * BLOCK + (off_t)i * RECORD) != RECORD)
			return false;
		rec[RECORD] = '\0';
		if (sscanf(rec, "thread %d record %d", &id, &seq) != 2 || id < 0 ||
		    id >= NTHREADS || seq != next[id]++ || rec[RECORD - 1] != '\n' ||
		    rec[RECORD - 2] != '.')
			return false;
	}
	return true;
}

void test_threads(const char *dir)
{
	struct worker ws[NTHREADS];
	char path[64], name[64];
	struct stat st = { 0 };
	const char *fs = strncmp(dir, "/mnt", 4) ? "ram" : "9p";
	int fd, e;

	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/shared", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	for (int i = 0; i < NTHREADS; i++) {
		ws[i] = (struct worker){ .id = i, .fd = fd };
		snprintf(ws[i].path, sizeof(ws[i].path), "%s", path);
	}
	e = fd < 0 ? -1 : run_workers(pwrite_worker, ws);
	snprintf(name, sizeof(name), "threads-%s-pwrite", fs);
	check(name, !e && blocks_ok(fd), "fd %d errors %d errno %d", fd, e, errno);
	close(fd);

	fd = open(path, O_RDWR | O_APPEND);
	for (int i = 0; i < NTHREADS; i++)
		ws[i] = (struct worker){ .id = i, .fd = fd };
	e = fd < 0 ? -1 : run_workers(append_worker, ws);
	snprintf(name, sizeof(name), "threads-%s-append", fs);
	check(name, !e && !fstat(fd, &st) &&
	      st.st_size == BLOCKS * BLOCK + NTHREADS * RECORDS * RECORD && records_ok(fd) &&
	      blocks_ok(fd), "fd %d errors %d size %ld errno %d", fd, e, (long)st.st_size, errno);
	close(fd);
}
