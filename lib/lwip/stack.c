// SPDX-License-Identifier: BSD-3-Clause
/*
 * Boot: lwIP and its tcpip thread start first in K_INIT_NET, then the interfaces
 * (netif.c); before main, boot waits a bounded time for DHCP and reports every
 * interface (config.c).
 */
#include <keel/init.h>
#include <keel/print.h>
#include <keel/sync.h>
#include "lwip/tcpip.h"
#include "priv.h"

static void tcpip_ready(void *arg)
{
	k_sem_post(arg);
}

static int lwip_start(void)
{
	struct k_sem ready = K_SEM_INIT(ready, 0);

	tcpip_init(tcpip_ready, &ready);
	k_sem_wait(&ready);
	return 0;
}
K_INIT(lwip_start, K_INIT_NET, 10);
