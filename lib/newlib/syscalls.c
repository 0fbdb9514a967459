// SPDX-License-Identifier: BSD-3-Clause
/*
 * The rest of the POSIX calls newlib can make: the process ones and those that need
 * other processes. Each fails with ENOSYS and names itself in the log the first time,
 * never a silent success. The file calls are in fd.c and files.c (with lib/fdtab and
 * lib/vfs) or nofiles.c (without); getentropy and pipe are here, over lib/random and
 * lib/pipe when they are enabled.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>
#include <keel/boot.h>
#include <keel/panic.h>
#include <keel/print.h>
#ifdef CONFIG_LIBRANDOM
#include <keel/random.h>
#endif
#ifdef CONFIG_LIBPIPE
#include <keel/pipe.h>
#endif
#include "unsupported.h"

/* The image is process 1: its single address space is the only process. */
pid_t getpid(void)
{
	return 1;
}

/*
 * raise() and abort() end here. The default action of the fatal signals stops the
 * image the way a crash does (exit status 126, with a backtrace); other signals are
 * ignored, as their default action says.
 */
int kill(pid_t pid, int sig)
{
	if (pid != getpid())
		return UNSUPPORTED(kill);
	if (sig == 0 || sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH)
		return 0;
	if (sig == SIGABRT)
		k_panic("abort() called");
	k_panic("signal %d raised, and its default action ends the program", sig);
}

void _exit(int status)
{
	k_exit(status);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	return UNSUPPORTED(execve);
}

pid_t fork(void)
{
	return UNSUPPORTED(fork);
}

pid_t wait(int *status)
{
	(void)status;
	return UNSUPPORTED(wait);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	(void)how;
	(void)set;
	(void)old;
	return UNSUPPORTED(sigprocmask);
}

/* getentropy: at most 256 bytes (GETENTROPY_MAX) a call; EIO past that, as glibc does. */
int getentropy(void *buf, size_t len)
{
#ifdef CONFIG_LIBRANDOM
	if (len > 256) {
		errno = EIO;
		return -1;
	}
	return k_random_bytes(buf, len);
#else
	(void)buf;
	(void)len;
	return UNSUPPORTED(getentropy);
#endif
}

/* pipe() and pipe2(): lib/pipe over the descriptor table. */
int pipe2(int fds[2], int flags);

int pipe2(int fds[2], int flags)
{
#ifdef CONFIG_LIBPIPE
	int r = k_pipe(fds, flags);

	if (r < 0) {
		errno = -r;
		return -1;
	}
	return 0;
#else
	(void)fds;
	(void)flags;
	return UNSUPPORTED(pipe);
#endif
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

/* Memory comes from Keel's allocator (lib/alloc), never from a break. */
void *sbrk(ptrdiff_t incr)
{
	(void)incr;
	UNSUPPORTED(sbrk);
	return (void *)-1;
}
