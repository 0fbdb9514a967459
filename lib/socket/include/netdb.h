/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Names and addresses (POSIX.1-2017 XSH netdb.h, RFC 3493 §6), with the Linux ABI's
 * struct addrinfo and flag and error values. Host names are resolved by DNS through
 * the servers DHCP or netdev.dns= gave; services are numbers or a few well-known
 * names (docs/networking.md).
 */
#ifndef KEEL_NETDB_H
#define KEEL_NETDB_H

#include <netinet/in.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

struct hostent {
	char *h_name;
	char **h_aliases;
	int h_addrtype;
	int h_length;
	char **h_addr_list;
};
#define h_addr	h_addr_list[0]

/* ai_flags */
#define AI_PASSIVE	0x0001	/* no host: the wildcard address, for bind() */
#define AI_CANONNAME	0x0002
#define AI_NUMERICHOST	0x0004	/* host must be a numeric address: no DNS */
#define AI_V4MAPPED	0x0008
#define AI_ALL		0x0010
#define AI_ADDRCONFIG	0x0020
#define AI_NUMERICSERV	0x0400	/* service must be a port number */

/* getaddrinfo() and getnameinfo() results */
#define EAI_BADFLAGS	-1
#define EAI_NONAME	-2
#define EAI_AGAIN	-3
#define EAI_FAIL	-4
#define EAI_NODATA	-5
#define EAI_FAMILY	-6
#define EAI_SOCKTYPE	-7
#define EAI_SERVICE	-8
#define EAI_ADDRFAMILY	-9
#define EAI_MEMORY	-10
#define EAI_SYSTEM	-11
#define EAI_OVERFLOW	-12

/* getnameinfo() flags */
#define NI_NUMERICHOST	1
#define NI_NUMERICSERV	2
#define NI_NOFQDN	4
#define NI_NAMEREQD	8
#define NI_DGRAM	16
#define NI_MAXHOST	1025
#define NI_MAXSERV	32

/* h_errno values */
#define HOST_NOT_FOUND	1
#define TRY_AGAIN	2
#define NO_RECOVERY	3
#define NO_DATA		4
#define NO_ADDRESS	NO_DATA

/* The last gethostbyname() error (one for the image: not per thread). */
extern int h_errno;

/* 0 and *res (freed with freeaddrinfo), or an EAI_* value. */
int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res);
void freeaddrinfo(struct addrinfo *res);
const char *gai_strerror(int err);
/* 0, or an EAI_* value; hosts are given as numbers (there is no reverse DNS). */
int getnameinfo(const struct sockaddr *addr, socklen_t addrlen, char *host,
		socklen_t hostlen, char *serv, socklen_t servlen, int flags);
/* IPv4 only; one static result rewritten by the next call (not thread-safe). */
struct hostent *gethostbyname(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* KEEL_NETDB_H */
