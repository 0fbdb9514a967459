// SPDX-License-Identifier: BSD-3-Clause
/* 10,000 files in one directory, and a 64 MiB file written, read back and truncated. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define NFILES	10000
#define BIG	(64L << 20)

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void scale_many(void)
{
	struct timespec t0;
	struct stat st;
	int made = 0, found = 0, gone = 0, listed = 0;
	struct dirent *e;
	char p[32];
	DIR *d;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	mkdir("/many.d", 0755);
	for (int i = 0; i < NFILES; i++) {
		int fd;

		snprintf(p, sizeof(p), "/many.d/f%05d", i);
		fd = open(p, O_CREAT | O_EXCL | O_WRONLY, 0644);
		made += fd >= 0 && !close(fd);
	}
	for (int i = 0; i < NFILES; i++) {
		snprintf(p, sizeof(p), "/many.d/f%05d", i);
		found += !stat(p, &st);
	}
	d = opendir("/many.d");
	while (d && (e = readdir(d)))
		listed += e->d_name[0] == 'f';
	if (d)
		closedir(d);
	for (int i = 0; i < NFILES; i++) {
		snprintf(p, sizeof(p), "/many.d/f%05d", i);
		gone += !unlink(p);
	}
	check("10000-files", made == NFILES && found == NFILES && listed == NFILES &&
	      gone == NFILES && !rmdir("/many.d"),
	      "created %d, stat %d, listed %d, unlinked %d", made, found, listed, gone);
	printf("fs: 10000 files: %ld ms\n", ms_since(&t0));
}

static void scale_big(void)
{
	static char chunk[65536], back[65536];
	long written = 0, bad = -1;
	struct stat st = { 0 };
	int fd = open("/big", O_RDWR | O_CREAT | O_TRUNC, 0644);

	for (long off = 0; fd >= 0 && off < BIG; off += (long)sizeof(chunk)) {
		for (size_t i = 0; i < sizeof(chunk); i += 8)
			memcpy(chunk + i, &(long){ off + (long)i }, 8);
		if (write(fd, chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk))
			break;
		written += (long)sizeof(chunk);
	}
	lseek(fd, 0, SEEK_SET);
	for (long off = 0; off < written && bad < 0; off += (long)sizeof(back)) {
		if (read(fd, back, sizeof(back)) != (ssize_t)sizeof(back))
			bad = off;
		for (size_t i = 0; i < sizeof(back) && bad < 0; i += 8)
			if (*(long *)(back + i) != off + (long)i)
				bad = off + (long)i;
	}
	fstat(fd, &st);
	check("64MiB-file", written == BIG && bad < 0 && st.st_size == BIG &&
	      st.st_blocks == BIG / 512, "wrote %ld, first bad byte %ld, size %ld blocks %ld",
	      written, bad, (long)st.st_size, (long)st.st_blocks);
	ftruncate(fd, 4096);
	fstat(fd, &st);
	check("truncate-frees", st.st_size == 4096 && st.st_blocks == 8, "size %ld blocks %ld",
	      (long)st.st_size, (long)st.st_blocks);
	close(fd);
	unlink("/big");
}

void test_scale(void)
{
	scale_many();
	scale_big();
}
