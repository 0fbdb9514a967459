// SPDX-License-Identifier: BSD-3-Clause
/* TCP through netconn: a connection to a host listener, and an echo server. */
#include <stdio.h>
#include <string.h>
#include "lwip/api.h"
#include "lwip/netif.h"
#include "lwiptest.h"

#define GREETING	"hello from keel over lwip\n"
#define HOST_BYTES	(64 * 1024)	/* what the host's listener sends back */
#define ECHO_PORT	7
#define SELF_PORT	9
#define TIMEOUT_MS	20000

/* Check a received piece against the pattern from offset *at; false at a mismatch. */
static bool pattern_ok(const uint8_t *p, unsigned int len, uint64_t *at)
{
	for (unsigned int i = 0; i < len; i++, (*at)++)
		if (p[i] != pattern(*at))
			return false;
	return true;
}

void test_connect(unsigned int port)
{
	struct netconn *c = netconn_new(NETCONN_TCP);
	struct pbuf *p;
	ip_addr_t host;
	uint64_t got = 0;
	bool same = true;
	err_t err = ERR_MEM;

	IP_ADDR4(&host, 10, 0, 2, 2);
	if (!c)
		goto done;
	netconn_set_recvtimeout(c, TIMEOUT_MS);
	err = netconn_connect(c, &host, (u16_t)port);
	if (err == ERR_OK)
		err = netconn_write(c, GREETING, strlen(GREETING), NETCONN_COPY);
	while (err == ERR_OK && (err = netconn_recv_tcp_pbuf(c, &p)) == ERR_OK) {
		for (struct pbuf *q = p; q; q = q->next)
			same &= pattern_ok(q->payload, q->len, &got);
		pbuf_free(p);
	}
	/* The host closes first: ERR_CLSD is the end of its data, and we do not linger. */
	if (err == ERR_CLSD)
		err = ERR_OK;
done:
	check("connect", err == ERR_OK && same && got == HOST_BYTES,
	      "10.0.2.2:%u, greeting sent, %llu bytes back%s, err %d", port,
	      (unsigned long long)got, same ? "" : " NOT the pattern", err);
	if (c) {
		netconn_close(c);
		netconn_delete(c);
	}
}

/* Echo everything until the peer closes; checks the pattern when it starts with it. */
static void echo_one(struct netconn *c, unsigned int n)
{
	uint64_t total = 0, at = 0;
	bool checked = false, same = true;
	char name[32];
	struct pbuf *p;
	err_t err;

	netconn_set_recvtimeout(c, TIMEOUT_MS);
	while ((err = netconn_recv_tcp_pbuf(c, &p)) == ERR_OK) {
		for (struct pbuf *q = p; q && err == ERR_OK; q = q->next) {
			if (total == 0)
				checked = ((uint8_t *)q->payload)[0] == pattern(0);
			if (checked)
				same &= pattern_ok(q->payload, q->len, &at);
			total += q->len;
			err = netconn_write(c, q->payload, q->len, NETCONN_COPY);
		}
		pbuf_free(p);
		if (err != ERR_OK)
			break;
	}
	if (err == ERR_CLSD)
		err = ERR_OK;
	snprintf(name, sizeof(name), "echo %u", n);
	check(name, err == ERR_OK && same && total, "%llu bytes echoed%s, err %d",
	      (unsigned long long)total,
	      checked ? (same ? ", pattern checked" : ", NOT the pattern") : "", err);
}

void test_echo(unsigned int connections)
{
	struct netconn *l = netconn_new(NETCONN_TCP), *c;
	err_t err = ERR_MEM;

	if (l) {
		err = netconn_bind(l, IP4_ADDR_ANY, ECHO_PORT);
		if (err == ERR_OK)
			err = netconn_listen(l);
	}
	check("listen", err == ERR_OK, "port %u, err %d", ECHO_PORT, err);
	if (err != ERR_OK)
		goto out;
	printf("lwip: echo: listening on port %u\n", ECHO_PORT);
	netconn_set_recvtimeout(l, TIMEOUT_MS);
	for (unsigned int n = 1; n <= connections; n++) {
		err = netconn_accept(l, &c);
		if (err != ERR_OK) {
			check("accept", false, "connection %u: err %d", n, err);
			break;
		}
		echo_one(c, n);
		netconn_close(c);
		netconn_delete(c);
	}
out:
	if (l)
		netconn_delete(l);
}

/*
 * A connection to our own address on eth0: lwIP loops it back without the device, so
 * with checksum offload its segments carry no checksum and must still be taken.
 */
void test_self(void)
{
	struct netconn *l = netconn_new(NETCONN_TCP), *c = netconn_new(NETCONN_TCP), *s = NULL;
	struct netif *eth = netif_default;		/* eth0 */
	struct pbuf *p = NULL;
	ip_addr_t self;
	err_t err = ERR_MEM;

	if (!l || !c || !eth)
		goto done;
	ip_addr_copy_from_ip4(self, *netif_ip4_addr(eth));
	netconn_set_recvtimeout(l, 5000);
	netconn_set_recvtimeout(c, 5000);
	err = netconn_bind(l, IP4_ADDR_ANY, SELF_PORT);
	if (err == ERR_OK)
		err = netconn_listen(l);
	if (err == ERR_OK)
		err = netconn_connect(c, &self, SELF_PORT);
	if (err == ERR_OK)
		err = netconn_accept(l, &s);
	if (err == ERR_OK)
		err = netconn_write(c, GREETING, strlen(GREETING), NETCONN_COPY);
	if (err == ERR_OK) {
		netconn_set_recvtimeout(s, 5000);
		err = netconn_recv_tcp_pbuf(s, &p);
	}
done:
	check("self", err == ERR_OK && p && p->tot_len == strlen(GREETING),
	      "to our own address on port %u, %u bytes, err %d", SELF_PORT, p ? p->tot_len : 0,
	      err);
	if (p)
		pbuf_free(p);
	if (s) {
		netconn_close(s);
		netconn_delete(s);
	}
	if (c) {
		netconn_close(c);
		netconn_delete(c);
	}
	if (l)
		netconn_delete(l);
}
