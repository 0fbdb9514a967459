// SPDX-License-Identifier: BSD-3-Clause
/* ICMP echo (RFC 792) to the gateway through a raw netconn. */
#include <string.h>
#include "lwip/api.h"
#include "lwip/inet_chksum.h"
#include "lwip/prot/icmp.h"
#include "lwip/prot/ip.h"
#include "lwip/prot/ip4.h"
#include "lwiptest.h"

#define PING_DATA	56
#define PING_ID		0x4b45
#define PING_SEQ	7

/* Is this IPv4 packet our echo's reply? */
static bool is_reply(const uint8_t *pkt, unsigned int len)
{
	unsigned int hlen;
	const struct icmp_echo_hdr *icmp;

	if (len < IP_HLEN)
		return false;
	hlen = (pkt[0] & 0xf) * 4u;
	if (len != hlen + sizeof(*icmp) + PING_DATA)
		return false;
	icmp = (const struct icmp_echo_hdr *)(pkt + hlen);
	if (icmp->type != ICMP_ER || icmp->id != lwip_htons(PING_ID) ||
	    icmp->seqno != lwip_htons(PING_SEQ))
		return false;
	for (unsigned int i = 0; i < PING_DATA; i++)
		if (pkt[hlen + sizeof(*icmp) + i] != (uint8_t)i)
			return false;
	return true;
}

void test_ping(void)
{
	struct netconn *c = netconn_new_with_proto_and_callback(NETCONN_RAW, IP_PROTO_ICMP, NULL);
	struct netbuf *out = netbuf_new(), *in = NULL;
	struct icmp_echo_hdr *icmp;
	uint8_t pkt[IP_HLEN_MAX + sizeof(*icmp) + PING_DATA];
	ip_addr_t gw;
	bool ok = false;
	err_t err = ERR_MEM;

	IP_ADDR4(&gw, 10, 0, 2, 2);
	if (!c || !out || !(icmp = netbuf_alloc(out, sizeof(*icmp) + PING_DATA)))
		goto done;
	memset(icmp, 0, sizeof(*icmp));
	ICMPH_TYPE_SET(icmp, ICMP_ECHO);
	icmp->id = lwip_htons(PING_ID);
	icmp->seqno = lwip_htons(PING_SEQ);
	for (unsigned int i = 0; i < PING_DATA; i++)
		((uint8_t *)(icmp + 1))[i] = (uint8_t)i;
	icmp->chksum = inet_chksum(icmp, sizeof(*icmp) + PING_DATA);
	netconn_set_recvtimeout(c, 3000);
	err = netconn_sendto(c, out, &gw, 0);
	while (err == ERR_OK && !ok && (err = netconn_recv(c, &in)) == ERR_OK) {
		u16_t len = netbuf_copy(in, pkt, sizeof(pkt));

		ok = is_reply(pkt, len);
		netbuf_delete(in);
	}
done:
	check("ping", ok, "%u bytes of data to 10.0.2.2, %s, err %d", PING_DATA,
	      ok ? "reply came" : "no reply", err);
	netbuf_delete(out);
	if (c)
		netconn_delete(c);
}
