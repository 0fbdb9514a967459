/* SPDX-License-Identifier: BSD-3-Clause */
/* netsock: what its groups share (main.c; reporting: ../sockets/report.h). */
#ifndef NETSOCK_H
#define NETSOCK_H

#include <stdint.h>
#include "../sockets/report.h"

/* Settings from the command line (key=value). */
struct netsock_cfg {
	const char *peer;	/* the host's link-local address, with %zone */
	int peer_port;		/* its TCP and UDP echo port */
	int listen;		/* our TCP port for the host's client */
};

extern struct netsock_cfg cfg;

/* Milliseconds of the monotonic clock. */
static inline uint64_t now_ms(void)
{
	return now_ns() / 1000000;
}

void test_link_local(void);
void test_close_last_ack(void);
void test_close_time_wait_read(void);
void test_close_time_wait_unread(void);

#endif /* NETSOCK_H */
