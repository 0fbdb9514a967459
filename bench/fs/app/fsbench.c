// SPDX-License-Identifier: BSD-3-Clause
/*
 * fsbench: file system figures through plain POSIX calls, the same file built as a Keel
 * app (bench/fs/app) and for Linux (/bin/fsbench in bench/linux's guest), so both sides
 * run the same code. For each directory given:
 *	open+close  open(O_RDONLY) and close() of an existing empty file, in a loop of at
 *	            least FSB_MIN_MS after a warm-up: ns per pair
 *	write, read a file written sequentially (O_CREAT | O_TRUNC, then close), then read
 *	            back sequentially, with 1 MiB requests (64 MiB) and 4 KiB requests
 *	            (16 MiB): bytes and ns, timed with CLOCK_MONOTONIC
 * Prints "fs-bench: LABEL ..." lines; arguments are LABEL=DIR pairs. Exit status 1 when
 * a call failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FSB_MIN_MS	300
#define FSB_BIG		(64u << 20)
#define FSB_SMALL_TOTAL	(16u << 20)

static uint8_t *fsb_buf;

static uint64_t fsb_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int fsb_fail(const char *label, const char *what)
{
	printf("fs-bench: %s: %s failed, errno %d\n", label, what, errno);
	return 1;
}

static int fsb_open_close(const char *label, const char *dir)
{
	char path[256];
	uint64_t ops = 0, t0, t1;
	int fd;

	snprintf(path, sizeof(path), "%s/fsbench-oc", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || close(fd))
		return fsb_fail(label, "create");
	for (int i = 0; i < 100; i++) {		/* warm-up: TCG translates the path */
		fd = open(path, O_RDONLY);
		if (fd < 0 || close(fd))
			return fsb_fail(label, "open+close");
	}
	t0 = fsb_now();
	do {
		for (int i = 0; i < 16; i++, ops++) {
			fd = open(path, O_RDONLY);
			if (fd < 0 || close(fd))
				return fsb_fail(label, "open+close");
		}
		t1 = fsb_now();
	} while (t1 - t0 < FSB_MIN_MS * 1000000ull);
	unlink(path);
	printf("fs-bench: %s open-close %llu ops in %llu ns\n", label, (unsigned long long)ops,
	       (unsigned long long)(t1 - t0));
	return 0;
}

static int fsb_transfer(const char *label, const char *dir, size_t io, size_t total)
{
	char path[256];
	uint64_t t0, t1, t2;
	int fd;

	snprintf(path, sizeof(path), "%s/fsbench-data", dir);
	memset(fsb_buf, 0x5a, io);
	t0 = fsb_now();
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	for (size_t done = 0; fd >= 0 && done < total; done += io)
		if (write(fd, fsb_buf, io) != (ssize_t)io)
			return fsb_fail(label, "write");
	if (fd < 0 || close(fd))
		return fsb_fail(label, "create");
	t1 = fsb_now();
	fd = open(path, O_RDONLY);
	for (size_t done = 0; fd >= 0 && done < total; done += io)
		if (read(fd, fsb_buf, io) != (ssize_t)io)
			return fsb_fail(label, "read");
	if (fd < 0 || close(fd))
		return fsb_fail(label, "open");
	t2 = fsb_now();
	unlink(path);
	printf("fs-bench: %s write %zu bytes in %llu ns (io %zu)\n", label, total,
	       (unsigned long long)(t1 - t0), io);
	printf("fs-bench: %s read %zu bytes in %llu ns (io %zu)\n", label, total,
	       (unsigned long long)(t2 - t1), io);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;

	fsb_buf = malloc(1u << 20);
	if (!fsb_buf)
		return fsb_fail("fsbench", "malloc");
	for (int i = 1; i < argc; i++) {
		char label[64];
		const char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i] || (size_t)(eq - argv[i]) >= sizeof(label)) {
			printf("fs-bench: argument '%s' is not LABEL=DIR\n", argv[i]);
			return 1;
		}
		snprintf(label, sizeof(label), "%.*s", (int)(eq - argv[i]), argv[i]);
		rc |= fsb_open_close(label, eq + 1);
		rc |= fsb_transfer(label, eq + 1, 1u << 20, FSB_BIG);
		rc |= fsb_transfer(label, eq + 1, 4096, FSB_SMALL_TOTAL);
	}
	printf("fs-bench: done, status %d\n", rc);
	return rc;
}
