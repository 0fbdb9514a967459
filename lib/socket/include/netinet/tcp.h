/* SPDX-License-Identifier: BSD-3-Clause */
/* TCP socket options (level IPPROTO_TCP), Linux's numbers. */
#ifndef KEEL_NETINET_TCP_H
#define KEEL_NETINET_TCP_H

#define TCP_NODELAY	1	/* int: send at once, no Nagle coalescing */
#define TCP_MAXSEG	2
#define TCP_CORK	3
#define TCP_KEEPIDLE	4	/* int: idle seconds before the first keep-alive probe */
#define TCP_KEEPINTVL	5	/* int: seconds between probes */
#define TCP_KEEPCNT	6	/* int: unanswered probes before the connection is dropped */
#define TCP_SYNCNT	7
#define TCP_LINGER2	8
#define TCP_DEFER_ACCEPT 9
#define TCP_WINDOW_CLAMP 10
#define TCP_INFO	11
#define TCP_QUICKACK	12

#endif /* KEEL_NETINET_TCP_H */
