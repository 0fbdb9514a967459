/* SPDX-License-Identifier: BSD-3-Clause */
/* ioctl() and the requests Keel's descriptors answer (Linux's numbers). */
#ifndef KEEL_SYS_IOCTL_H
#define KEEL_SYS_IOCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define FIONREAD	0x541B	/* int *: bytes that can be read now */
#define FIONBIO		0x5421	/* const int *: non-zero sets O_NONBLOCK, 0 clears it */

/* 0 (or a request's result), or -1 with errno: EBADF, ENOTTY (not this file's request). */
int ioctl(int fd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif /* KEEL_SYS_IOCTL_H */
