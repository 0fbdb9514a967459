// SPDX-License-Identifier: BSD-3-Clause
/* The errno each misuse must give (POSIX.1-2017 XSH open, mkdir, read...). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

void test_errors(void)
{
	struct stat st;
	char buf[8], *longname, *longpath;
	int fd;

	check("enoent", fails_with(open("/missing", O_RDONLY), ENOENT) &&
	      fails_with(stat("/no/such", &st), ENOENT) && fails_with(unlink("/missing"), ENOENT) &&
	      fails_with(open("", O_RDONLY), ENOENT) && !fopen("/nope", "r") && errno == ENOENT,
	      "errno %d", errno);
	mkdir("/e", 0755);
	close(open("/e/file", O_CREAT | O_WRONLY, 0644));
	check("eexist", fails_with(mkdir("/e", 0755), EEXIST) &&
	      fails_with(open("/e/file", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST) &&
	      fails_with(symlink("x", "/e/file"), EEXIST), "errno %d", errno);
	check("enotdir", fails_with(open("/e/file/x", O_RDONLY), ENOTDIR) &&
	      fails_with(mkdir("/e/file/d", 0755), ENOTDIR) &&
	      fails_with(rmdir("/e/file"), ENOTDIR) && fails_with(stat("/e/file/", &st), ENOTDIR) &&
	      fails_with(open("/e/file", O_RDONLY | O_DIRECTORY), ENOTDIR), "errno %d", errno);
	fd = open("/e", O_RDONLY);
	check("eisdir", fails_with(open("/e", O_WRONLY), EISDIR) &&
	      fails_with(unlink("/e"), EISDIR) && fd >= 0 &&
	      fails_with((int)read(fd, buf, sizeof(buf)), EISDIR), "errno %d", errno);
	close(fd);
	fd = open("/e/file", O_RDONLY);
	check("ebadf", fails_with((int)read(-1, buf, 1), EBADF) &&
	      fails_with((int)write(fd, "x", 1), EBADF) && fails_with(close(999), EBADF) &&
	      fails_with(fstat(63, &st), EBADF) && fails_with(dup2(fd, -1), EBADF) &&
	      !close(fd) && fails_with(close(fd), EBADF) && fails_with(lseek(fd, 0, SEEK_SET), EBADF),
	      "errno %d", errno);
	longname = malloc(300);
	longpath = malloc(5000);
	memset(longname, 'n', 299);
	longname[0] = '/';
	longname[299] = '\0';
	for (int i = 0; i < 4999; i++)
		longpath[i] = i % 2 ? 'p' : '/';
	longpath[4999] = '\0';
	check("enametoolong", fails_with(open(longname, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG) &&
	      fails_with(stat(longpath, &st), ENAMETOOLONG) &&
	      fails_with(mkdir(longname, 0755), ENAMETOOLONG), "errno %d", errno);
	free(longname);
	free(longpath);
	check("espipe-einval", fails_with(lseek(1, 0, SEEK_SET), ESPIPE) &&
	      fails_with(rmdir("/e/."), EINVAL) &&
	      fails_with(open("/e/file", O_RDONLY | O_WRONLY | O_RDWR), EINVAL), "errno %d", errno);
}
