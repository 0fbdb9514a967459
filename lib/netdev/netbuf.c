// SPDX-License-Identifier: BSD-3-Clause
/* Packet buffers (keel/netdev.h): one k_malloc block, header then storage. */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/netdev.h>

struct k_netbuf *k_netbuf_alloc(uint32_t size)
{
	struct k_netbuf *nb;

	if (size > UINT32_MAX - K_NETBUF_HEADROOM - sizeof(*nb))
		return NULL;
	nb = k_malloc(sizeof(*nb) + K_NETBUF_HEADROOM + size);
	if (!nb)
		return NULL;
	nb->next = NULL;
	nb->data = nb->storage + K_NETBUF_HEADROOM;
	nb->len = 0;
	nb->size = K_NETBUF_HEADROOM + size;
	nb->flags = 0;
	nb->csum_start = 0;
	nb->csum_offset = 0;
	return nb;
}

void k_netbuf_free(struct k_netbuf *nb)
{
	k_free(nb);
}

/* RFC 1071: sum 16-bit big-endian words, an odd last byte padded with zero, fold. */
uint16_t k_netbuf_csum_add(uint32_t sum, const void *buf, uint32_t len)
{
	const uint8_t *p = buf;
	uint64_t acc = sum;

	for (; len >= 2; p += 2, len -= 2)
		acc += (uint32_t)p[0] << 8 | p[1];
	if (len)
		acc += (uint32_t)p[0] << 8;
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)acc;
}

int k_netbuf_csum_complete(struct k_netbuf *nb)
{
	uint32_t start = nb->csum_start, field = start + nb->csum_offset;
	uint16_t csum;

	if (start >= nb->len || field + 2 > nb->len)
		return -EINVAL;
	/* The field holds the pseudo-header sum and is summed with the rest (RFC 1071). */
	csum = (uint16_t)~k_netbuf_csum_add(0, nb->data + start, nb->len - start);
	/*
	 * RFC 768: a computed UDP checksum of 0 is sent as all ones (0 means "none"). The
	 * checksum field at offset 6 from csum_start is UDP's; TCP's is at 16.
	 */
	if (csum == 0 && nb->csum_offset == 6)
		csum = 0xffff;
	nb->data[field] = (uint8_t)(csum >> 8);
	nb->data[field + 1] = (uint8_t)csum;
	nb->flags &= ~K_NETBUF_CSUM_PARTIAL;
	return 0;
}
