/* SPDX-License-Identifier: BSD-3-Clause */
/* lwIP's hooks (LWIP_HOOK_FILENAME in lwipopts.h), implemented in lib/lwip/hooks.c. */
#ifndef KEEL_LWIP_HOOKS_H
#define KEEL_LWIP_HOOKS_H

#include "lwip/ip_addr.h"
#include "keel_lwip.h"

/* LWIP_HOOK_TCP_ISN: initial sequence numbers as RFC 6528 describes. */
u32_t k_lwip_tcp_isn(const ip_addr_t *local_ip, u16_t local_port, const ip_addr_t *remote_ip,
		     u16_t remote_port);

#endif /* KEEL_LWIP_HOOKS_H */
