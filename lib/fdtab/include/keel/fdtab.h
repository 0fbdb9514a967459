/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The image's one file-descriptor table. Everything a descriptor can name is a
 * struct k_file: an operations table, the open flags, the position and a reference
 * count. Files, the console, and later sockets and pipes differ only in their ops.
 *
 * Functions return 0 (or a count, a descriptor, an offset) or a negative errno with
 * newlib's values (-EBADF, -EMFILE...). Threads only: they may block on a mutex.
 */
#ifndef KEEL_FDTAB_H
#define KEEL_FDTAB_H

#include <stddef.h>
#include <stdint.h>
#include <keel/sync.h>

/* Open flags: the values are newlib's (sys/_default_fcntl.h), checked in its glue. */
#define K_O_RDONLY	0x0
#define K_O_WRONLY	0x1
#define K_O_RDWR	0x2
#define K_O_ACCMODE	0x3
#define K_O_APPEND	0x0008
#define K_O_CREAT	0x0200
#define K_O_TRUNC	0x0400
#define K_O_EXCL	0x0800
#define K_O_SYNC	0x2000
#define K_O_NONBLOCK	0x4000
#define K_O_NOCTTY	0x8000
#define K_O_CLOEXEC	0x40000
#define K_O_NOFOLLOW	0x100000
#define K_O_DIRECTORY	0x200000

/* File types and permission bits of k_stat.mode: the POSIX values. */
#define K_S_IFMT	0170000
#define K_S_IFDIR	0040000
#define K_S_IFCHR	0020000
#define K_S_IFREG	0100000
#define K_S_IFLNK	0120000
#define K_S_IFIFO	0010000
#define K_S_IFSOCK	0140000

#define K_SEEK_SET	0
#define K_SEEK_CUR	1
#define K_SEEK_END	2

struct k_stat {
	uint64_t dev, ino;
	uint32_t mode, nlink;
	int64_t size;		/* bytes; a symlink: the target's length */
	uint64_t blocks;	/* 512-byte units held */
	uint32_t blksize;
	int64_t atime_ns, mtime_ns, ctime_ns;	/* wall clock */
};

struct k_file;

/*
 * What a kind of open file implements. A NULL read or write gives -EBADF, other NULL
 * entries the error said with each. pos is the file's position (read, write) or the
 * caller's offset (pread, pwrite); the op advances it.
 */
struct k_file_ops {
	/* Transfer up to len bytes at *pos: the count, 0 at end of file, or -errno. */
	int64_t (*read)(struct k_file *f, void *buf, size_t len, int64_t *pos);
	int64_t (*write)(struct k_file *f, const void *buf, size_t len, int64_t *pos);
	/* The new position for whence/off; NULL: not seekable (-ESPIPE). */
	int64_t (*lseek)(struct k_file *f, int64_t off, int whence);
	int (*fstat)(struct k_file *f, struct k_stat *st);
	int (*ftruncate)(struct k_file *f, int64_t size);	/* NULL: -EINVAL */
	int (*fsync)(struct k_file *f);				/* NULL: 0 */
	/* A directory's next entry into *ent (vfs.h); NULL: -ENOTDIR. */
	int (*readdir)(struct k_file *f, void *ent);
	/*
	 * Readiness now, never blocking: the K_POLL* bits of events that hold, plus
	 * K_POLLERR/K_POLLHUP whether asked or not. NULL: always readable and writable
	 * (regular files, the console). A file whose readiness can change calls
	 * k_fdtab_poll_wake() after every change (data, room, hang-up, error).
	 */
	unsigned int (*poll)(struct k_file *f, unsigned int events);
	int (*ioctl)(struct k_file *f, unsigned long req, void *arg);	/* NULL: -ENOTTY */
	/* The last reference went: free what priv holds (the k_file itself is freed). */
	void (*release)(struct k_file *f);
	int isatty;		/* 1 for the console */
};

struct k_file {
	const struct k_file_ops *ops;
	unsigned int flags;	/* K_O_*: access mode, append, nonblock */
	unsigned int refs;	/* descriptors and calls in progress holding it */
	int64_t pos;
	struct k_mutex lock;	/* serialises pos: read, write and lseek */
	void *priv;		/* the implementation's */
};

/* A new file holding one reference; NULL when memory ran out. */
struct k_file *k_file_new(const struct k_file_ops *ops, unsigned int flags, void *priv);
void k_file_get(struct k_file *f);
void k_file_put(struct k_file *f);

/* Install f (taking over one reference) at the lowest free fd >= min; fd or -EMFILE. */
int k_fd_install(struct k_file *f, int min);
/* The file at fd with a reference the caller puts, or NULL (EBADF). */
struct k_file *k_fd_get(int fd);
int k_fd_close(int fd);
int k_fd_dup(int fd, int min);
int k_fd_dup2(int fd, int newfd);
/* FD_CLOEXEC is kept and reported, and means nothing: there is no exec. */
int k_fd_getfd(int fd);
int k_fd_setfd(int fd, int fdflags);
int k_fd_max(void);

/* The calls behind read(), write()...: fd or a file, the position handled. */
int64_t k_fd_read(int fd, void *buf, size_t len);
int64_t k_fd_write(int fd, const void *buf, size_t len);
int64_t k_fd_pread(int fd, void *buf, size_t len, int64_t off);
int64_t k_fd_pwrite(int fd, const void *buf, size_t len, int64_t off);
int64_t k_fd_lseek(int fd, int64_t off, int whence);
int k_fd_fstat(int fd, struct k_stat *st);
int k_fd_ftruncate(int fd, int64_t size);
int k_fd_fsync(int fd);
int k_fd_isatty(int fd);
int k_fd_getfl(int fd);
int k_fd_setfl(int fd, int flags);

/*
 * poll(): the event bits are Linux's values, which <poll.h> gives applications.
 */
#define K_POLLIN	0x001	/* readable: data, a connection to accept, or end of file */
#define K_POLLPRI	0x002	/* urgent data (never set by Keel's files) */
#define K_POLLOUT	0x004	/* writable without blocking */
#define K_POLLERR	0x008	/* an error is pending (output only) */
#define K_POLLHUP	0x010	/* hung up: the other side is gone (output only) */
#define K_POLLNVAL	0x020	/* the descriptor is not open (output only) */
#define K_POLLRDNORM	0x040
#define K_POLLRDBAND	0x080
#define K_POLLWRNORM	0x100
#define K_POLLWRBAND	0x200

struct k_pollfd {
	int fd;			/* negative: ignored, revents 0 */
	short events;
	short revents;
};

/*
 * Wait until one of the n descriptors is ready or timeout_ns passed (negative: no
 * limit, 0: look once). The count of entries with revents set, 0 on timeout, or
 * -EINVAL (n larger than the table). Never returns before the timeout has passed
 * unless something is ready.
 */
int k_fd_poll(struct k_pollfd *fds, size_t n, int64_t timeout_ns);
/*
 * Something may have become ready: every k_fd_poll waiting scans again. Any
 * context, interrupt handlers and the network stack's callbacks included; costs a
 * spinlock when nobody waits.
 */
void k_fdtab_poll_wake(void);

/* The console as an open file (fds 0, 1 and 2 at boot). */
struct k_file *k_console_file(void);

#endif /* KEEL_FDTAB_H */
