// SPDX-License-Identifier: BSD-3-Clause
/*
 * Mounts below the root, booted with vfs.mount=none:/tmp:ramfs and
 * vfs.mount=none:/a/b/c:ramfs (whose missing directories the VFS makes): the mount
 * point shows the mounted file system, ".." leaves it, nothing moves across it, and it
 * cannot be removed or renamed while mounted.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/vfs.h>
#include "check.h"

static int count_entries(const char *path, const char *want)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0, found = 0;

	while (d && (e = readdir(d)) != NULL) {
		n++;
		found |= !strcmp(e->d_name, want);
	}
	if (d)
		closedir(d);
	return d && found ? n : -1;
}

static void mounts_seen(void)
{
	struct stat root = { 0 }, tmp = { 0 }, b = { 0 }, c = { 0 };
	int fd = open("/tmp/inner", O_WRONLY | O_CREAT, 0644);

	close(fd);
	/* Every ramfs says st_dev 1; the mounted root is another directory all the same. */
	check("mount-point-root", !stat("/", &root) && !stat("/tmp", &tmp) &&
	      S_ISDIR(tmp.st_mode) && root.st_ino != tmp.st_ino, "ino %lu/%lu",
	      (unsigned long)root.st_ino, (unsigned long)tmp.st_ino);
	check("mkdir-p-mount", !stat("/a/b", &b) && !stat("/a/b/c", &c) && S_ISDIR(c.st_mode) &&
	      b.st_ino != c.st_ino && !access("/tmp/inner", F_OK) &&
	      fails_with(access("/a/b/c/inner", F_OK), ENOENT), "errno %d", errno);
	/* The mounted root lists its own entries; the parent lists the mount point. */
	check("readdir-mount-point", count_entries("/tmp", "inner") == 3 &&
	      count_entries("/", "tmp") > 0, "/tmp has %d entries", count_entries("/tmp", "inner"));
}

static void mounts_dotdot(void)
{
	struct stat up = { 0 }, root = { 0 };
	char cwd[64] = "";
	int fd;

	chdir("/tmp");
	fd = open("../tmp/inner", O_RDONLY);
	check("dotdot-leaves-mount", !stat("..", &up) && !stat("/", &root) &&
	      up.st_ino == root.st_ino && up.st_dev == root.st_dev && fd >= 0 &&
	      getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/tmp"), "ino %lu/%lu fd %d cwd '%s'",
	      (unsigned long)up.st_ino, (unsigned long)root.st_ino, fd, cwd);
	close(fd);
	chdir("/a/b/c");
	check("dotdot-nested", !stat("../../b/c/..", &up) && !stat("/a/b", &root) &&
	      up.st_ino == root.st_ino, "ino %lu/%lu", (unsigned long)up.st_ino,
	      (unsigned long)root.st_ino);
	chdir("/");
}

static void mounts_refusals(void)
{
	char why[96] = "";
	int fd = open("/outer", O_WRONLY | O_CREAT, 0644);
	int r;

	close(fd);
	check("rename-across-mounts", fails_with(rename("/tmp/inner", "/inner"), EXDEV) &&
	      fails_with(rename("/outer", "/tmp/outer"), EXDEV) &&
	      fails_with(link("/outer", "/tmp/outer"), EXDEV), "errno %d", errno);
	check("rmdir-mount-point", fails_with(rmdir("/tmp"), EBUSY) &&
	      fails_with(rmdir("/a/b/c"), EBUSY), "errno %d", errno);
	check("unlink-mount-point", fails_with(unlink("/tmp"), EISDIR), "errno %d", errno);
	check("rename-mount-point", fails_with(rename("/tmp", "/tmp2"), EBUSY) &&
	      !access("/tmp/inner", F_OK), "errno %d", errno);
	r = k_vfs_mount_opts("ramfs", NULL, "/tmp", NULL, why, sizeof(why));
	check("mount-twice", r == -EBUSY && strstr(why, "mounted there already"), "%d '%s'", r,
	      why);
	r = k_vfs_mount_opts("ramfs", NULL, "/outer", NULL, why, sizeof(why));
	check("mount-on-file", r == -ENOTDIR && strstr(why, "not a directory"), "%d '%s'", r, why);
	r = k_vfs_mount_opts("ramfs", NULL, "/a", "size=1", why, sizeof(why));
	check("mount-options-refused", r == -EINVAL && strstr(why, "ramfs takes no options"),
	      "%d '%s'", r, why);
}

void test_mounts(void)
{
	mounts_seen();
	mounts_dotdot();
	mounts_refusals();
}
