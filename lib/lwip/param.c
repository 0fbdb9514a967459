// SPDX-License-Identifier: BSD-3-Clause
/*
 * The command line's network configuration:
 *	netdev.ip=ENTRY[,ENTRY...]	one entry per interface, eth0 first; an entry is
 *					ADDR/PREFIX[:GATEWAY], dhcp or off
 *	netdev.dns=ADDR[,ADDR]		DNS servers (IPv4 or IPv6), before DHCP's
 *	netdev.dhcp_wait=MS		how long boot waits for DHCP
 * Interfaces without an entry use DHCP. Only parsing happens here, before any init.
 */
#include <errno.h>
#include <string.h>
#include <keel/param.h>
#include "lwip/dns.h"
#include "lwip/ip6_addr.h"
#include "priv.h"

static struct lwip_if_conf if_conf[LWIP_IF_CONF_MAX];
static unsigned int if_conf_count;
static ip_addr_t dns_conf[DNS_MAX_SERVERS];

static unsigned int dhcp_wait_ms = CONFIG_LWIP_DHCP_TIMEOUT_MS;

static const struct lwip_if_conf dhcp_conf = { .mode = LWIP_IF_DHCP };

const struct lwip_if_conf *k_lwip_if_conf(unsigned int n)
{
	return n < if_conf_count ? &if_conf[n] : &dhcp_conf;
}

unsigned int k_lwip_if_conf_count(void)
{
	return if_conf_count;
}

const ip_addr_t *k_lwip_dns_conf(unsigned int n)
{
	return &dns_conf[n];
}

unsigned int k_lwip_dhcp_wait_ms(void)
{
	return dhcp_wait_ms;
}

/* A decimal number 0..max of at most 3 digits at *s; advances *s. -1 when none. */
static int parse_num(const char **s, int max)
{
	int v = 0, digits = 0;

	while (**s >= '0' && **s <= '9' && digits < 4) {
		v = v * 10 + (**s - '0');
		(*s)++;
		digits++;
	}
	if (digits == 0 || digits > 3 || v > max)
		return -1;
	return v;
}

/* Dotted-quad IPv4 (four decimal parts, nothing else) at *s; advances *s. */
static int parse_ip4(const char **s, ip4_addr_t *out)
{
	int part[4];

	for (int i = 0; i < 4; i++) {
		if (i && *(*s)++ != '.')
			return -EINVAL;
		part[i] = parse_num(s, 255);
		if (part[i] < 0)
			return -EINVAL;
	}
	IP4_ADDR(out, part[0], part[1], part[2], part[3]);
	return 0;
}

/* One netdev.ip entry: the text from s to end. */
static int parse_if_entry(const char *s, const char *end, void *item)
{
	struct lwip_if_conf *c = item;
	size_t len = (size_t)(end - s);
	int prefix;

	memset(c, 0, sizeof(*c));
	if (len == 4 && !strncmp(s, "dhcp", 4)) {
		c->mode = LWIP_IF_DHCP;
		return 0;
	}
	if (len == 3 && !strncmp(s, "off", 3)) {
		c->mode = LWIP_IF_OFF;
		return 0;
	}
	c->mode = LWIP_IF_STATIC;
	if (parse_ip4(&s, &c->addr) || *s++ != '/')
		return -EINVAL;
	prefix = parse_num(&s, 32);
	if (prefix < 0)
		return -EINVAL;
	c->prefix = (unsigned int)prefix;
	ip4_addr_set_u32(&c->netmask, prefix ? lwip_htonl(~0u << (32 - prefix)) : 0);
	if (s < end && (*s++ != ':' || parse_ip4(&s, &c->gw)))
		return -EINVAL;
	if (s != end || ip4_addr_isany_val(c->addr) || ip4_addr_ismulticast(&c->addr))
		return -EINVAL;
	return 0;
}

/*
 * Parse value's comma-separated items with parse(item, end, &items[i]), each item
 * size bytes, max at most. Returns how many, or -EINVAL.
 */
static int parse_list(const char *value, void *items, size_t size, unsigned int max,
		      int (*parse)(const char *s, const char *end, void *item))
{
	unsigned int n = 0;
	const char *s = value, *end;

	if (!value || !*value)
		return -EINVAL;
	for (;; s = end + 1) {
		end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		if (n == max || parse(s, end, (char *)items + n * size))
			return -EINVAL;
		n++;
		if (!*end)
			return (int)n;
	}
}

static int netdev_ip_set(const char *value)
{
	struct lwip_if_conf conf[LWIP_IF_CONF_MAX];
	int n = parse_list(value, conf, sizeof(conf[0]), LWIP_IF_CONF_MAX, parse_if_entry);

	if (n < 0)
		return n;
	memcpy(if_conf, conf, sizeof(conf));
	if_conf_count = (unsigned int)n;
	return 0;
}
K_PARAM("netdev.ip", netdev_ip_set,
	"a comma-separated list, eth0 first, of ADDR/PREFIX[:GATEWAY], dhcp or off; "
	"e.g. 10.0.2.15/24:10.0.2.2,dhcp");

static int parse_dns(const char *s, const char *end, void *item)
{
	ip_addr_t *out = item;
	size_t len = (size_t)(end - s);

	if (memchr(s, ':', len)) {
#if LWIP_IPV6
		char buf[IP6ADDR_STRLEN_MAX];

		if (len >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, s, len);
		buf[len] = '\0';
		IP_SET_TYPE_VAL(*out, IPADDR_TYPE_V6);
		return ip6addr_aton(buf, ip_2_ip6(out)) ? 0 : -EINVAL;
#else
		return -EINVAL;
#endif
	}
	IP_SET_TYPE_VAL(*out, IPADDR_TYPE_V4);
	if (parse_ip4(&s, ip_2_ip4(out)) || s != end || ip4_addr_isany(ip_2_ip4(out)))
		return -EINVAL;
	return 0;
}

static int netdev_dns_set(const char *value)
{
	ip_addr_t dns[DNS_MAX_SERVERS];
	int n;

	memset(dns, 0, sizeof(dns));
	n = parse_list(value, dns, sizeof(dns[0]), DNS_MAX_SERVERS, parse_dns);
	if (n < 0)
		return n;
	memcpy(dns_conf, dns, sizeof(dns));
	return 0;
}
K_PARAM("netdev.dns", netdev_dns_set, "one or two DNS server addresses, comma-separated");

static int netdev_dhcp_wait_set(const char *value)
{
	const char *s = value;
	unsigned int v = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 600000 / 10)
			return -EINVAL;
		v = v * 10 + (unsigned int)(*s - '0');
	}
	if (v > 600000)
		return -EINVAL;
	dhcp_wait_ms = v;
	return 0;
}
K_PARAM("netdev.dhcp_wait", netdev_dhcp_wait_set,
	"milliseconds boot waits for DHCP, 0..600000 (0: no wait)");
