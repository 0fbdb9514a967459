// SPDX-License-Identifier: BSD-3-Clause
/*
 * The host folder mounted on /mnt, as tests/suites/67-9pfs.sh prepared it:
 *	hello.txt	"hello from the host\n"
 *	sub/a, sub/b	small files
 *	full/keep	a directory that is not empty
 *	many/f000..f299	300 empty files (more than one Treaddir reply)
 * What this leaves behind is checked by the suite on the host after the boot.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

#define HELLO	"hello from the host\n"

static void host_read(void)
{
	char buf[64] = "";
	struct stat st = { 0 };
	int fd = open("/mnt/hello.txt", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
	int fs = fd >= 0 ? fstat(fd, &st) : -1;

	check("read-host-file", n == (ssize_t)strlen(HELLO) && !memcmp(buf, HELLO, (size_t)n) &&
	      !fs && st.st_size == (off_t)strlen(HELLO), "fd %d read %zd '%.*s' size %ld errno %d",
	      fd, n, (int)(n > 0 ? n : 0), buf, (long)st.st_size, errno);
	close(fd);
	st = (struct stat){ 0 };
	check("stat-mapping", !stat("/mnt/hello.txt", &st) && S_ISREG(st.st_mode) &&
	      (st.st_mode & 0777) == 0640 && st.st_nlink == 1 && st.st_ino != 0 &&
	      st.st_mtime > 1500000000 && st.st_blksize > 0, "mode %o nlink %u ino %lu mtime %ld",
	      (unsigned int)st.st_mode, (unsigned int)st.st_nlink, (unsigned long)st.st_ino,
	      (long)st.st_mtime);
	check("stat-dir", !stat("/mnt", &st) && S_ISDIR(st.st_mode) && !stat("/mnt/sub", &st) &&
	      S_ISDIR(st.st_mode), "errno %d mode %o", errno, (unsigned int)st.st_mode);
}

/* "written by keel, line N\n" x 1000: the suite compares the file with the same text. */
static void host_write(void)
{
	char line[64];
	int fd = open("/mnt/from-guest.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
	size_t total = 0;
	bool ok = fd >= 0;

	for (int i = 0; ok && i < 1000; i++) {
		int len = snprintf(line, sizeof(line), "written by keel, line %d\n", i);

		ok = write(fd, line, (size_t)len) == len;
		total += (size_t)len;
	}
	ok = ok && !fsync(fd);
	check("write-new-file", ok && !close(fd), "fd %d errno %d", fd, errno);
	printf("9p: from-guest.txt: %zu bytes\n", total);
}

static void host_readdir(void)
{
	static char seen[300];
	DIR *d = opendir("/mnt/many");
	struct dirent *e;
	int files = 0, dots = 0, bad = 0;

	while (d && (e = readdir(d)) != NULL) {
		int i;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			dots++;
		} else if (sscanf(e->d_name, "f%d", &i) == 1 && i >= 0 && i < 300 && !seen[i]) {
			seen[i] = 1;
			files++;
		} else {
			bad++;
		}
	}
	check("readdir-300", d && files == 300 && dots == 2 && !bad,
	      "dir %p files %d dots %d bad %d", (void *)d, files, dots, bad);
	if (d) {
		rewinddir(d);
		files = 0;
		while ((e = readdir(d)) != NULL)
			files++;
		check("rewinddir", files == 302, "%d entries the second time", files);
		closedir(d);
	}
}

/* Leaves newdir/{y,a} and no sub/: the suite checks. */
static void host_tree(void)
{
	int fd;

	check("mkdir", !mkdir("/mnt/newdir", 0755), "errno %d", errno);
	fd = open("/mnt/newdir/x", O_WRONLY | O_CREAT, 0644);
	check("create-in-new-dir", fd >= 0 && write(fd, "x", 1) == 1 && !close(fd), "fd %d errno %d",
	      fd, errno);
	check("rename-same-dir", !rename("/mnt/newdir/x", "/mnt/newdir/y") &&
	      access("/mnt/newdir/x", F_OK) && !access("/mnt/newdir/y", F_OK), "errno %d", errno);
	check("rename-across-dirs", !rename("/mnt/sub/a", "/mnt/newdir/a"), "errno %d", errno);
	check("unlink", !unlink("/mnt/sub/b") && fails_with(access("/mnt/sub/b", F_OK), ENOENT),
	      "errno %d", errno);
	check("rmdir", !rmdir("/mnt/sub") && fails_with(access("/mnt/sub", F_OK), ENOENT),
	      "errno %d", errno);
}

static void host_errors(void)
{
	errno = 0;
	check("enoent", fails_with(open("/mnt/missing", O_RDONLY), ENOENT) &&
	      fails_with(unlink("/mnt/missing"), ENOENT) && fails_with(rmdir("/mnt/missing"), ENOENT),
	      "errno %d", errno);
	check("eexist", fails_with(mkdir("/mnt/full", 0755), EEXIST) &&
	      fails_with(open("/mnt/hello.txt", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST),
	      "errno %d", errno);
	check("enotempty", fails_with(rmdir("/mnt/full"), ENOTEMPTY), "errno %d", errno);
	check("eisdir-enotdir", fails_with(unlink("/mnt/full"), EISDIR) &&
	      fails_with(rmdir("/mnt/hello.txt"), ENOTDIR) &&
	      fails_with(open("/mnt/hello.txt/x", O_RDONLY), ENOTDIR) &&
	      fails_with(open("/mnt/full", O_WRONLY), EISDIR), "errno %d", errno);
}

/* truncate.txt ends at 50 bytes: the suite checks. */
static void host_truncate_links(void)
{
	static char buf[10000];
	char target[64] = "";
	struct stat st = { 0 }, st2 = { 0 };
	int fd = open("/mnt/truncate.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	memset(buf, 't', sizeof(buf));
	check("truncate", fd >= 0 && write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf) &&
	      !ftruncate(fd, 100) && !fstat(fd, &st) && st.st_size == 100 &&
	      !truncate("/mnt/truncate.txt", 50) && !fstat(fd, &st) && st.st_size == 50,
	      "fd %d size %ld errno %d", fd, (long)st.st_size, errno);
	close(fd);
	n = symlink("hello.txt", "/mnt/link") ? -1 : readlink("/mnt/link", target, sizeof(target));
	fd = open("/mnt/link", O_RDONLY);
	check("symlink-readlink", n == 9 && !memcmp(target, "hello.txt", 9) && fd >= 0 &&
	      read(fd, buf, 5) == 5 && !memcmp(buf, "hello", 5) && !lstat("/mnt/link", &st) &&
	      S_ISLNK(st.st_mode), "readlink %zd '%.*s' fd %d errno %d", n, (int)(n > 0 ? n : 0),
	      target, fd, errno);
	close(fd);
	check("hardlink", !link("/mnt/hello.txt", "/mnt/hard") && !stat("/mnt/hard", &st) &&
	      !stat("/mnt/hello.txt", &st2) && st.st_ino == st2.st_ino && st.st_nlink == 2,
	      "errno %d nlink %u", errno, (unsigned int)st.st_nlink);
}

static void host_positional(void)
{
	char buf[32] = "";
	int fd = open("/mnt/pos.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ssize_t w = write(fd, "0123456789", 10), pw = pwrite(fd, "AB", 2, 4);
	ssize_t pr = pread(fd, buf, 6, 2);
	off_t end = lseek(fd, 0, SEEK_END);

	check("pread-pwrite", fd >= 0 && w == 10 && pw == 2 && pr == 6 && !memcmp(buf, "23AB67", 6)
	      && end == 10, "w %zd pw %zd pr %zd '%.6s' end %ld", w, pw, pr, buf, (long)end);
	close(fd);
	fd = open("/mnt/pos.txt", O_WRONLY | O_APPEND);
	w = write(fd, "xy", 2);
	close(fd);
	fd = open("/mnt/pos.txt", O_RDONLY);
	pr = read(fd, buf, sizeof(buf));
	check("append", w == 2 && pr == 12 && !memcmp(buf, "0123AB6789xy", 12), "w %zd read %zd",
	      w, pr);
	close(fd);
}

/* An unlinked file stays readable and writable through its descriptor. */
static void host_unlink_open(void)
{
	char buf[8] = "";
	struct stat st = { 0 };
	int fd = open("/mnt/gone", O_RDWR | O_CREAT | O_TRUNC, 0644);
	bool ok = fd >= 0 && write(fd, "abc", 3) == 3 && !unlink("/mnt/gone");

	ok = ok && fails_with(access("/mnt/gone", F_OK), ENOENT) && write(fd, "def", 3) == 3 &&
	     pread(fd, buf, 6, 0) == 6 && !memcmp(buf, "abcdef", 6) && !fstat(fd, &st) &&
	     st.st_size == 6;
	check("unlink-open", ok, "fd %d errno %d size %ld", fd, errno, (long)st.st_size);
	close(fd);
}

/* A file open for reading, then for writing too: the second open clones an open fid. */
static void host_reopen(void)
{
	char buf[8] = "";
	int rd = open("/mnt/hello.txt", O_RDONLY), rw = open("/mnt/hello.txt", O_RDWR);
	bool ok = rd >= 0 && rw >= 0 && pwrite(rw, "HELLO", 5, 0) == 5 &&
		  pread(rd, buf, 5, 0) == 5 && !memcmp(buf, "HELLO", 5) &&
		  pwrite(rw, "hello", 5, 0) == 5;

	check("reopen-read-then-write", ok, "fds %d %d read '%.5s' errno %d", rd, rw, buf, errno);
	close(rw);
	close(rd);
}

void test_host(void)
{
	host_read();
	host_reopen();
	host_write();
	host_readdir();
	host_tree();
	host_errors();
	host_truncate_links();
	host_positional();
	host_unlink_open();
}
