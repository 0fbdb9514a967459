/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * BSD sockets (POSIX.1-2017 XSH sys/socket.h) with the Linux ABI's layouts and
 * values, so code written for Linux builds unchanged: a 16-bit sa_family_t and no
 * sa_len, Linux's SOL_SOCKET, SO_* and MSG_* numbers. The calls are in lib/socket
 * (docs/networking.md says which options and flags work).
 */
#ifndef KEEL_SYS_SOCKET_H
#define KEEL_SYS_SOCKET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef _SOCKLEN_T_DECLARED
typedef uint32_t socklen_t;
#define _SOCKLEN_T_DECLARED
#endif
typedef unsigned short sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

/* Large and aligned enough for every address family. */
struct sockaddr_storage {
	sa_family_t ss_family;
	char __ss_padding[128 - sizeof(sa_family_t) - sizeof(unsigned long)];
	unsigned long __ss_align;
};

struct msghdr {
	void *msg_name;		/* the address (datagrams), or NULL */
	socklen_t msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;	/* ancillary data: none is ever returned */
	size_t msg_controllen;
	int msg_flags;		/* recvmsg: MSG_TRUNC... */
};

struct cmsghdr {
	size_t cmsg_len;	/* with the header */
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len)	(((len) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define CMSG_DATA(c)	((unsigned char *)((struct cmsghdr *)(c) + 1))
#define CMSG_SPACE(len)	(CMSG_ALIGN(len) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_LEN(len)	(CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define CMSG_FIRSTHDR(m) ((m)->msg_controllen >= sizeof(struct cmsghdr) ? \
			  (struct cmsghdr *)(m)->msg_control : (struct cmsghdr *)0)

static inline struct cmsghdr *__keel_cmsg_next(struct msghdr *m, struct cmsghdr *c)
{
	unsigned char *end = (unsigned char *)m->msg_control + m->msg_controllen;
	unsigned char *next;

	if (c->cmsg_len < sizeof(struct cmsghdr))
		return (struct cmsghdr *)0;
	next = (unsigned char *)c + CMSG_ALIGN(c->cmsg_len);
	if (next + sizeof(struct cmsghdr) > end ||
	    next + CMSG_ALIGN(((struct cmsghdr *)next)->cmsg_len) > end)
		return (struct cmsghdr *)0;
	return (struct cmsghdr *)next;
}
#define CMSG_NXTHDR(m, c)	__keel_cmsg_next((m), (c))

struct linger {
	int l_onoff;		/* non-zero: close waits for unsent data */
	int l_linger;		/* seconds */
};

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_NONBLOCK	04000		/* socket(), accept4(): start non-blocking */
#define SOCK_CLOEXEC	02000000	/* socket(), accept4(): FD_CLOEXEC */

#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_LOCAL	AF_UNIX
#define AF_INET		2
#define AF_INET6	10
#define AF_PACKET	17
#define PF_UNSPEC	AF_UNSPEC
#define PF_UNIX		AF_UNIX
#define PF_LOCAL	AF_LOCAL
#define PF_INET		AF_INET
#define PF_INET6	AF_INET6
#define PF_PACKET	AF_PACKET

#define SOL_SOCKET	1

#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_NO_CHECK	11
#define SO_PRIORITY	12
#define SO_LINGER	13
#define SO_REUSEPORT	15
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO	20
#define SO_SNDTIMEO	21
#define SO_BINDTODEVICE	25
#define SO_ACCEPTCONN	30
#define SO_PROTOCOL	38
#define SO_DOMAIN	39

#define SOMAXCONN	128

#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_DONTROUTE	0x4
#define MSG_CTRUNC	0x8
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_MORE	0x8000

#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

/* Each returns 0 (or a descriptor, a count) or -1 with errno. */
int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int sv[2]);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int shutdown(int fd, int how);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);

#ifdef __cplusplus
}
#endif

#endif /* KEEL_SYS_SOCKET_H */
