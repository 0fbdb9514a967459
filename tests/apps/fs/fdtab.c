// SPDX-License-Identifier: BSD-3-Clause
/* The descriptor table: EMFILE when full, dup/dup2/fcntl, stdout redirected to a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static void fdtab_emfile(void)
{
	int fds[128], n = 0, fd, err = 0;

	close(open("/many", O_CREAT | O_WRONLY, 0644));
	while (n < 128 && (fd = open("/many", O_RDONLY)) >= 0)
		fds[n++] = fd;
	err = errno;
	fd = dup(0);
	check("emfile", n == 64 - 3 && err == EMFILE && fails_with(fd, EMFILE),
	      "opened %d, errno %d, dup %d", n, err, fd);
	for (int i = 0; i < n; i++)
		close(fds[i]);
	fd = open("/many", O_RDONLY);
	check("emfile-recovers", fd == 3, "fd %d", fd);
	close(fd);
}

static void fdtab_dup(void)
{
	char buf[8] = "";
	int fd = open("/dup", O_RDWR | O_CREAT | O_TRUNC, 0644), d, d2, fl;

	write(fd, "abcdef", 6);
	d = dup(fd);
	lseek(d, 2, SEEK_SET);		/* the position is shared */
	read(fd, buf, 2);
	d2 = fcntl(fd, F_DUPFD, 20);
	fl = fcntl(fd, F_GETFL);
	check("dup-shares-offset", d > fd && !memcmp(buf, "cd", 2) && d2 == 20 &&
	      lseek(d2, 0, SEEK_CUR) == 4 && (fl & O_ACCMODE) == O_RDWR,
	      "dup %d read '%.2s' F_DUPFD %d flags %x", d, buf, d2, fl);
	check("fcntl-cloexec", !fcntl(d, F_SETFD, FD_CLOEXEC) && fcntl(d, F_GETFD) == FD_CLOEXEC &&
	      fcntl(fd, F_GETFD) == 0, "errno %d", errno);
	close(d2);
	/* dup2 onto an open descriptor closes it first; dup2(fd, fd) is fd. */
	check("dup2", dup2(fd, d) == d && fcntl(d, F_GETFD) == 0 && dup2(fd, fd) == fd &&
	      dup2(fd, 40) == 40 && !close(40), "errno %d", errno);
	close(d);
	close(fd);
}

/* stdout to a file and back: the console is an open file like any other. */
static void fdtab_redirect(void)
{
	char buf[32] = "";
	int fd = open("/out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int saved = dup(1), r;

	fflush(stdout);
	dup2(fd, 1);
	printf("to the file\n");
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	r = (int)pread(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	check("dup2-stdout", r == 12 && !strcmp(buf, "to the file\n"), "read %d '%s'", r, buf);
}

void test_fdtab(void)
{
	fdtab_emfile();
	fdtab_dup();
	fdtab_redirect();
}
