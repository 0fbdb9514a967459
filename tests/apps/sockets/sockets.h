/* SPDX-License-Identifier: BSD-3-Clause */
/* sockets test app: what its files share (the host's ports, helpers; report.h). */
#ifndef SOCKETS_TEST_H
#define SOCKETS_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include "report.h"

/* The host's side, from the command line (tests/suites/71-sockets.sh). */
struct host_cfg {
	int udp_echo;		/* UDP echo server */
	int tcp_sum;		/* TCP: reads until EOF, answers its FNV-1a and a pattern */
	int tcp_reset;		/* TCP: accepts and resets at once */
	int tcp_closed;		/* TCP: nothing listens */
	int listen;		/* the port this app serves (reached through hostfwd) */
	int serve;		/* connections the host makes to it */
	const char *dns_name;	/* a name and the host's addresses for it, or NULL */
	const char *dns_addrs;	/* comma-separated */
};
extern struct host_cfg host;

/* 10.0.2.2 (QEMU's gateway: the host's loopback) at port. */
struct sockaddr_in host_addr(int port);
/* FNV-1a 64 over len bytes, continuing from h (start with FNV_START). */
#define FNV_START	0xcbf29ce484222325ull
uint64_t fnv1a(uint64_t h, const void *p, size_t len);
/* The test pattern's byte at offset i (the host helper makes the same). */
static inline uint8_t pattern_byte(size_t i)
{
	return (uint8_t)(i * 7 + (i >> 8) + 1);
}

void test_inet(void);
void test_names(void);
void test_dns(void);
void test_udp(void);
void test_tcp(void);
void test_server(void);
void test_poll(void);
void test_errors(void);
void test_limits(void);
void test_loopback(void);

#endif /* SOCKETS_TEST_H */
