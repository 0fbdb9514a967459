/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/lwip's insides: the interface record, command-line configuration, helpers. */
#ifndef KEEL_LWIP_PRIV_H
#define KEEL_LWIP_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/netdev.h>
#include <keel/sync.h>
#include "lwip/ip_addr.h"
#include "lwip/netif.h"

/* Timeouts of lwIP waits (sys_arch.c): deadline of timeout ms from start (0: none). */
uint64_t k_lwip_deadline(uint64_t start, u32_t timeout);
/* Milliseconds since start, as the waits report them. */
u32_t k_lwip_elapsed(uint64_t start);

/* How an interface gets its IPv4 address (netdev.ip=, param.c). */
enum lwip_if_mode {
	LWIP_IF_DHCP,			/* the default */
	LWIP_IF_STATIC,
	LWIP_IF_OFF,			/* no IPv4 address (IPv6 still) */
};

struct lwip_if_conf {
	enum lwip_if_mode mode;
	ip4_addr_t addr, netmask, gw;	/* LWIP_IF_STATIC; gw 0.0.0.0 when none */
	unsigned int prefix;
};

#define LWIP_IF_CONF_MAX	8	/* entries netdev.ip= takes */

/* The configuration of the n-th interface (eth<n>): DHCP unless netdev.ip= said. */
const struct lwip_if_conf *k_lwip_if_conf(unsigned int n);
/* How many entries netdev.ip= had. */
unsigned int k_lwip_if_conf_count(void);
/* netdev.dhcp_wait= (CONFIG_LWIP_DHCP_TIMEOUT_MS by default). */
unsigned int k_lwip_dhcp_wait_ms(void);
/* netdev.dns= servers (IPADDR_ANY when not given), DNS_MAX_SERVERS of them. */
const ip_addr_t *k_lwip_dns_conf(unsigned int n);

/* One per netdev. */
struct lwip_if {
	struct netif netif;
	struct k_netdev *nd;
	const struct lwip_if_conf *conf;
	struct k_sem rx_wake;		/* posted by the netdev's rx_ready hook */
	u16_t rest_csum;		/* netif checksum flags between input bursts */
	bool tx_offload;		/* TCP checksums left to the device */
	bool rx_logged, tx_logged;	/* one message per kind of trouble */
	bool reported;			/* the boot line was printed */
};

static inline struct lwip_if *lwip_if_of(struct netif *netif)
{
	return netif->state;
}

/* netif.c: the interfaces, in netdev order; how many. */
struct lwip_if *k_lwip_if_get(unsigned int n);
unsigned int k_lwip_if_count(void);
/* The interface's one-line report: link, IPv4 and how it came, DNS, IPv6. */
void k_lwip_if_report(struct lwip_if *lif);

/* rx.c: start the interface's receive thread. 0 or a negative errno. */
int k_lwip_rx_start(struct lwip_if *lif);
/* tx.c: netif->linkoutput. */
err_t k_lwip_linkoutput(struct netif *netif, struct pbuf *p);
/* tx.c: the interface's checksum flags for frames from its device. */
u16_t k_lwip_csum_flags(const struct lwip_if *lif);

/* config.c: apply lif->conf (static address or DHCP); core lock held. */
void k_lwip_if_configure(struct lwip_if *lif);

#endif /* KEEL_LWIP_PRIV_H */
