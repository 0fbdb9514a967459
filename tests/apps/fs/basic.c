// SPDX-License-Identifier: BSD-3-Clause
/* Create, write, read, seek, truncate, rename, unlink, readdir, links, cwd on ramfs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static void basic_stdio(void)
{
	char line[64] = "";
	int n, x = 0;
	FILE *f = fopen("/stdio.txt", "w");

	n = f ? fprintf(f, "value %d\n", 1234) : -1;
	if (f)
		fclose(f);
	f = fopen("/stdio.txt", "r");
	if (f) {
		fgets(line, sizeof(line), f);
		fclose(f);
	}
	sscanf(line, "value %d", &x);
	check("stdio-fopen", n == 11 && x == 1234, "fprintf %d, read back '%s'", n, line);
}

static void basic_rw_seek(void)
{
	char buf[16] = "";
	int fd = open("/rw", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ssize_t w = write(fd, "hello world", 11);
	off_t end = lseek(fd, 0, SEEK_END), mid = lseek(fd, 6, SEEK_SET);
	ssize_t r = read(fd, buf, sizeof(buf));
	ssize_t pr, pw;
	off_t pos;

	check("write-read-seek", fd >= 0 && w == 11 && end == 11 && mid == 6 && r == 5 &&
	      !memcmp(buf, "world", 5), "fd %d wrote %zd end %ld read %zd '%.5s'", fd, w,
	      (long)end, r, buf);
	pw = pwrite(fd, "W", 1, 6);
	pr = pread(fd, buf, 5, 6);
	pos = lseek(fd, 0, SEEK_CUR);
	check("pread-pwrite", pw == 1 && pr == 5 && !memcmp(buf, "World", 5) && pos == 11,
	      "pwrite %zd pread %zd '%.5s' pos %ld", pw, pr, buf, (long)pos);
	/* A write past the end leaves a hole that reads as zeros. */
	lseek(fd, 8192, SEEK_SET);
	w = write(fd, "x", 1);
	r = pread(fd, buf, 4, 100);
	check("hole-zeros", w == 1 && r == 4 && !buf[0] && !buf[3] &&
	      lseek(fd, 0, SEEK_END) == 8193, "write %zd pread %zd", w, r);
	close(fd);
}

static void basic_truncate(void)
{
	struct stat st = { 0 };
	char buf[8] = "xxxxxxx";
	int fd = open("/trunc", O_RDWR | O_CREAT, 0600);

	write(fd, "abcdefgh", 8);
	int t1 = ftruncate(fd, 3);
	int t2 = truncate("/trunc", 6);
	int s = stat("/trunc", &st);
	ssize_t r = pread(fd, buf, 8, 0);

	check("truncate", fd >= 0 && !t1 && !t2 && !s && st.st_size == 6 && r == 6 &&
	      !memcmp(buf, "abc\0\0\0", 6) && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600,
	      "ftruncate %d truncate %d stat %d size %ld read %zd mode %o", t1, t2, s,
	      (long)st.st_size, r, (unsigned)st.st_mode);
	close(fd);
	fd = open("/trunc", O_WRONLY | O_TRUNC);
	fstat(fd, &st);
	check("open-trunc", fd >= 0 && st.st_size == 0, "size %ld", (long)st.st_size);
	close(fd);
}

static void basic_rename_unlink(void)
{
	struct stat st;
	char buf[8] = "";
	int fd = open("/a", O_WRONLY | O_CREAT, 0644), r1, r2, s1, s2, rd;

	write(fd, "A", 1);
	close(fd);
	fd = open("/b", O_WRONLY | O_CREAT, 0644);
	write(fd, "B", 1);
	close(fd);
	r1 = rename("/a", "/b");	/* replaces b */
	s1 = stat("/a", &st);
	fd = open("/b", O_RDONLY);
	rd = (int)read(fd, buf, 1);
	close(fd);
	mkdir("/d1", 0755);
	mkdir("/d1/sub", 0755);
	r2 = rename("/d1", "/d2");
	s2 = stat("/d2/sub", &st);
	check("rename", !r1 && fails_with(s1, ENOENT) && rd == 1 && buf[0] == 'A' && !r2 &&
	      !s2 && S_ISDIR(st.st_mode) && fails_with(rename("/d2", "/d2/sub/x"), EINVAL),
	      "rename %d stat %d read %c dir rename %d stat %d", r1, s1, buf[0], r2, s2);
	/* An unlinked file stays readable through a descriptor opened before. */
	fd = open("/b", O_RDONLY);
	r1 = unlink("/b");
	buf[0] = 0;
	rd = (int)pread(fd, buf, 1, 0);
	check("unlink-open", !r1 && fails_with(stat("/b", &st), ENOENT) && rd == 1 &&
	      buf[0] == 'A' && !close(fd), "unlink %d read %d %c", r1, rd, buf[0]);
	check("rmdir", fails_with(rmdir("/d2"), ENOTEMPTY) && !rmdir("/d2/sub") &&
	      !rmdir("/d2") && fails_with(stat("/d2", &st), ENOENT), "errno %d", errno);
}

static void basic_readdir(void)
{
	const char *names[] = { "one", "two", "three" };
	int seen = 0, dots = 0, other = 0;
	struct dirent *e;
	DIR *d;

	mkdir("/rd", 0755);
	for (int i = 0; i < 3; i++) {
		char p[32];

		snprintf(p, sizeof(p), "/rd/%s", names[i]);
		close(open(p, O_CREAT | O_WRONLY, 0644));
	}
	d = opendir("/rd");
	while (d && (e = readdir(d))) {
		int hit = 0;

		for (int i = 0; i < 3; i++)
			if (!strcmp(e->d_name, names[i]) && e->d_type == DT_REG) {
				seen |= 1 << i;
				hit = 1;
			}
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			dots++;
		else if (!hit)
			other++;
	}
	if (d) {
		rewinddir(d);
		e = readdir(d);
		closedir(d);
	}
	check("readdir", d && seen == 7 && dots == 2 && !other && e && !strcmp(e->d_name, "."),
	      "dir %p seen %x dots %d others %d", (void *)d, seen, dots, other);
}

static void basic_links_cwd(void)
{
	char cwd[64] = "", target[64] = "";
	struct stat st = { 0 }, lst = { 0 };
	int fd;
	ssize_t n;

	mkdir("/w", 0755);
	mkdir("/w/x", 0755);
	fd = open("/w/x/f", O_CREAT | O_WRONLY, 0644);
	write(fd, "1234", 4);
	close(fd);
	symlink("/w/x", "/w/lnk");
	symlink("f", "/w/x/rel");
	n = readlink("/w/lnk", target, sizeof(target) - 1);
	check("symlink", n == 4 && !strcmp(target, "/w/x") && !stat("/w/lnk/rel", &st) &&
	      st.st_size == 4 && !lstat("/w/lnk", &lst) && S_ISLNK(lst.st_mode),
	      "readlink %zd '%s' size %ld lmode %o", n, target, (long)st.st_size,
	      (unsigned)lst.st_mode);
	symlink("/w/loop2", "/w/loop1");
	symlink("/w/loop1", "/w/loop2");
	check("symlink-loop", fails_with(open("/w/loop1", O_RDONLY), ELOOP), "errno %d", errno);
	check("hardlink", !link("/w/x/f", "/w/h") && !stat("/w/h", &st) && st.st_nlink == 2,
	      "nlink %d", (int)st.st_nlink);
	check("chdir-getcwd", !chdir("/w/lnk/../x") && getcwd(cwd, sizeof(cwd)) &&
	      !strcmp(cwd, "/w/x") && !access("f", R_OK | W_OK) && !chdir("..") &&
	      getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/w") && !access("./x/./f", F_OK) &&
	      !chdir("/"), "cwd '%s' errno %d", cwd, errno);
	umask(077);
	fd = open("/masked", O_CREAT | O_WRONLY, 0666);
	fstat(fd, &st);
	close(fd);
	check("umask", (st.st_mode & 0777) == 0600 && umask(022) == 077, "mode %o",
	      (unsigned)st.st_mode);
}

void test_basic(void)
{
	basic_stdio();
	basic_rw_seek();
	basic_truncate();
	basic_rename_unlink();
	basic_readdir();
	basic_links_cwd();
}
