// SPDX-License-Identifier: BSD-3-Clause
/* lwIP's hooks (port/keel_lwip_hooks.h): socket events and TCP initial sequence numbers. */
#include <string.h>
#include <keel/compiler.h>
#include <keel/random.h>
#include <keel/time.h>
#include "lwip/tcpip.h"
#include "keel_lwip_hooks.h"

/* lib/socket defines the real one when it is linked in. */
__k_weak void k_lwip_socket_event(int s)
{
	(void)s;
}

static uint32_t isn_secret[8];
static bool isn_keyed;

/* The connection's four values, in a fixed layout for hashing. */
static void isn_tuple(uint32_t t[9], const ip_addr_t *lip, u16_t lport, const ip_addr_t *rip,
		      u16_t rport)
{
	memset(t, 0, 9 * sizeof(uint32_t));
#if LWIP_IPV6
	if (IP_IS_V6(lip)) {
		memcpy(t, ip_2_ip6(lip)->addr, 16);
		memcpy(t + 4, ip_2_ip6(rip)->addr, 16);
	} else
#endif
	{
		t[0] = ip4_addr_get_u32(ip_2_ip4(lip));
		t[4] = ip4_addr_get_u32(ip_2_ip4(rip));
	}
	t[8] = (uint32_t)lport << 16 | rport;
}

/*
 * RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), M a
 * 4-microsecond timer, F a keyed pseudo-random function: here the first word of the
 * ChaCha20 block whose key is the secret mixed with the addresses and whose nonce
 * holds the ports. An observer of one connection's numbers learns nothing of
 * another's, and a new connection on the same four values starts past the old one.
 */
u32_t k_lwip_tcp_isn(const ip_addr_t *local_ip, u16_t local_port, const ip_addr_t *remote_ip,
		     u16_t remote_port)
{
	uint32_t t[9], key[8], nonce[3] = { 0 };
	uint8_t block[64];
	uint32_t f;

	LWIP_ASSERT_CORE_LOCKED();
	if (!isn_keyed) {
		k_random_bytes(isn_secret, sizeof(isn_secret));
		isn_keyed = true;
	}
	isn_tuple(t, local_ip, local_port, remote_ip, remote_port);
	for (int i = 0; i < 8; i++)
		key[i] = isn_secret[i] ^ t[i];
	nonce[0] = t[8];
	k_chacha20_block(key, 0, nonce, block);
	memcpy(&f, block, sizeof(f));
	return (u32_t)(k_time_ns() / (4 * K_NSEC_PER_USEC)) + f;
}
