/* SPDX-License-Identifier: BSD-3-Clause */
/* netsock: what its groups share (main.c). */
#ifndef NETSOCK_H
#define NETSOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Settings from the command line (key=value). */
struct netsock_cfg {
	const char *peer;	/* the host's link-local address, with %zone */
	int peer_port;		/* its TCP and UDP echo port */
	int listen;		/* our TCP port for the host's client */
};

extern struct netsock_cfg cfg;

/* Print "netsock: NAME: ok|FAIL detail" and count a failure. */
void check(const char *name, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool fails_with(long ret, int want);
uint64_t now_ms(void);

void test_link_local(void);
void test_close_last_ack(void);
void test_close_time_wait_read(void);
void test_close_time_wait_unread(void);

#endif /* NETSOCK_H */
