/* SPDX-License-Identifier: BSD-3-Clause */
/* Scatter/gather buffers (POSIX.1-2017 XSH sys/uio.h), with Linux's layout. */
#ifndef KEEL_SYS_UIO_H
#define KEEL_SYS_UIO_H

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV	1024	/* buffers in one call at most */
#define IOV_MAX		1024	/* as newlib's <limits.h> says it */

/* On any descriptor: sockets gather in one send or receive, other files buffer by buffer. */
ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);

#ifdef __cplusplus
}
#endif

#endif /* KEEL_SYS_UIO_H */
