// SPDX-License-Identifier: BSD-3-Clause
/*
 * Interface addresses: a static IPv4 address or DHCP from the command line (param.c),
 * DNS servers, the bounded wait for DHCP before main, and the log lines:
 *	eth0: link up, 10.0.2.15/24 via DHCP, gateway 10.0.2.2, dns 10.0.2.3,
 *	      ipv6 fe80::5054:ff:fe12:3456
 * (one line), at boot and whenever an interface's IPv4 address changes later.
 */
#include <stdarg.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/sync.h>
#include <keel/time.h>
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/tcpip.h"
#include "priv.h"

#define ADDR_CHANGED	0x1		/* addr_event: some interface's IPv4 address */

static struct k_event addr_event = K_EVENT_INIT(addr_event);
static bool dns_given;

/* The DNS servers of netdev.dns=, which win over DHCP's; core lock held. */
static void dns_apply(void)
{
	for (u8_t i = 0; i < DNS_MAX_SERVERS; i++)
		if (!ip_addr_isany(k_lwip_dns_conf(i)))
			dns_setserver(i, k_lwip_dns_conf(i));
}

void k_lwip_if_configure(struct lwip_if *lif)
{
	const struct lwip_if_conf *c = lif->conf;
	err_t err;

	switch (c->mode) {
	case LWIP_IF_STATIC:
		netif_set_addr(&lif->netif, &c->addr, &c->netmask, &c->gw);
		break;
	case LWIP_IF_DHCP:
		err = dhcp_start(&lif->netif);
		if (err != ERR_OK)
			k_err("%s: cannot start DHCP (%s)\n", lif->nd->name, lwip_strerr(err));
		break;
	case LWIP_IF_OFF:
		break;
	}
}

static unsigned int prefix_len(const ip4_addr_t *mask)
{
	return (unsigned int)__builtin_popcount(ip4_addr_get_u32(mask));
}

struct line {
	char buf[320];
	size_t len;
};

static void add(struct line *l, const char *fmt, ...) __k_printf(2, 3);
static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->buf))
		return;
	va_start(ap, fmt);
	n = k_vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n;
}

static void report_ip4(struct line *l, struct lwip_if *lif)
{
	struct netif *netif = &lif->netif;
	char a[IP4ADDR_STRLEN_MAX], g[IP4ADDR_STRLEN_MAX];

	if (lif->conf->mode == LWIP_IF_OFF) {
		add(l, ", IPv4 off");
		return;
	}
	if (ip4_addr_isany_val(*netif_ip4_addr(netif))) {
		add(l, ", no IPv4 address yet (DHCP)");
		return;
	}
	add(l, ", %s/%u %s", ip4addr_ntoa_r(netif_ip4_addr(netif), a, sizeof(a)),
	    prefix_len(netif_ip4_netmask(netif)),
	    lif->conf->mode == LWIP_IF_DHCP ? "via DHCP" : "static");
	if (ip4_addr_isany_val(*netif_ip4_gw(netif)))
		add(l, ", no gateway");
	else
		add(l, ", gateway %s", ip4addr_ntoa_r(netif_ip4_gw(netif), g, sizeof(g)));
}

/* RFC 5952 §4.3: hexadecimal digits of IPv6 addresses in lower case. */
static char *lowercase(char *s)
{
	for (char *c = s; *c; c++)
		if (*c >= 'A' && *c <= 'F')
			*c = (char)(*c - 'A' + 'a');
	return s;
}

static void report_dns(struct line *l)
{
	char a[IPADDR_STRLEN_MAX];
	const char *sep = ", dns ";

	for (u8_t i = 0; i < DNS_MAX_SERVERS; i++) {
		const ip_addr_t *s = dns_getserver(i);

		if (!ip_addr_isany(s)) {
			ipaddr_ntoa_r(s, a, sizeof(a));
			add(l, "%s%s", sep, lowercase(a));
			sep = " ";
		}
	}
	if (*sep == ',')
		add(l, ", no dns");
}

static void report_ip6(struct line *l, struct lwip_if *lif)
{
#if LWIP_IPV6
	char a[IP6ADDR_STRLEN_MAX];
	const char *sep = ", ipv6 ";

	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++) {
		if (ip6_addr_isinvalid(netif_ip6_addr_state(&lif->netif, i)))
			continue;
		ip6addr_ntoa_r(netif_ip6_addr(&lif->netif, i), a, sizeof(a));
		add(l, "%s%s", sep, lowercase(a));
		sep = " ";
	}
#else
	(void)l;
	(void)lif;
#endif
}

/* Core lock held. */
void k_lwip_if_report(struct lwip_if *lif)
{
	struct line l = { .len = 0 };

	add(&l, "%s: link %s", lif->nd->name, netif_is_link_up(&lif->netif) ? "up" : "down");
	report_ip4(&l, lif);
	report_dns(&l);
	report_ip6(&l, lif);
	k_info("%s\n", l.buf);
}

/* lwIP's interface events (tcpip thread or a receive thread, core lock held). */
static void lwip_if_event(struct netif *netif, netif_nsc_reason_t reason,
			  const netif_ext_callback_args_t *args)
{
	struct lwip_if *lif;

	(void)args;
	if (netif->linkoutput != k_lwip_linkoutput)
		return;			/* lwIP's loopback */
	lif = lwip_if_of(netif);
	if (!(reason & (LWIP_NSC_IPV4_ADDRESS_CHANGED | LWIP_NSC_IPV4_SETTINGS_CHANGED)))
		return;
	if (dns_given)
		dns_apply();
	if (lif->reported)
		k_lwip_if_report(lif);
	k_event_set(&addr_event, ADDR_CHANGED);
}

static int lwip_config_init(void)
{
	static netif_ext_callback_t cb;

	dns_given = !ip_addr_isany(k_lwip_dns_conf(0));
	LOCK_TCPIP_CORE();
	netif_add_ext_callback(&cb, lwip_if_event);
	if (dns_given)
		dns_apply();
	UNLOCK_TCPIP_CORE();
	return 0;
}
/* Before the interfaces (20), whose static addresses are events too. */
K_INIT(lwip_config_init, K_INIT_NET, 15);

static bool lwip_if_waiting(struct lwip_if *lif)
{
	return lif->conf->mode == LWIP_IF_DHCP && !dhcp_supplied_address(&lif->netif);
}

/* Wait until every DHCP interface has its address, or until the deadline. */
static void lwip_dhcp_wait(uint64_t deadline)
{
	for (;;) {
		bool waiting = false;

		LOCK_TCPIP_CORE();
		for (unsigned int n = 0; n < k_lwip_if_count(); n++)
			waiting |= lwip_if_waiting(k_lwip_if_get(n));
		UNLOCK_TCPIP_CORE();
		if (!waiting ||
		    k_event_wait(&addr_event, ADDR_CHANGED, K_EVENT_CLEAR, deadline) < 0)
			return;
	}
}

static int lwip_boot_report(void)
{
	unsigned int wait = k_lwip_dhcp_wait_ms();

	if (wait)
		lwip_dhcp_wait(k_time_ns() + wait * K_NSEC_PER_MSEC);
	LOCK_TCPIP_CORE();
	for (unsigned int n = 0; n < k_lwip_if_count(); n++) {
		struct lwip_if *lif = k_lwip_if_get(n);

		if (wait && lwip_if_waiting(lif))
			k_warn("%s: no answer from DHCP in %u ms; going on without an IPv4 "
			       "address (DHCP keeps trying)\n", lif->nd->name, wait);
		k_lwip_if_report(lif);
		lif->reported = true;
	}
	UNLOCK_TCPIP_CORE();
	return 0;
}
K_INIT(lwip_boot_report, K_INIT_NET, 90);
