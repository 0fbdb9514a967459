// SPDX-License-Identifier: BSD-3-Clause
/*
 * The ChaCha20 block function, written from RFC 8439 §2.1-2.3: a 4x4 matrix of
 * 32-bit words (4 constants, 8 key words, a block counter, 3 nonce words), 20 rounds
 * of quarter rounds alternating columns and diagonals, the input added back, the
 * words serialised little-endian. Checked at boot against the §2.3.2 test vector.
 */
#include <string.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/random.h>

static inline uint32_t rotl(uint32_t v, int n)
{
	return (v << n) | (v >> (32 - n));
}

/* RFC 8439 §2.1. */
#define QR(a, b, c, d)						\
	do {							\
		a += b; d ^= a; d = rotl(d, 16);		\
		c += d; b ^= c; b = rotl(b, 12);		\
		a += b; d ^= a; d = rotl(d, 8);			\
		c += d; b ^= c; b = rotl(b, 7);			\
	} while (0)

void k_chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		      uint8_t out[64])
{
	/* "expand 32-byte k" as four little-endian words (§2.3). */
	uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t x[16];

	memcpy(&in[4], key, 32);
	in[12] = counter;
	memcpy(&in[13], nonce, 12);
	memcpy(x, in, sizeof(x));
	for (int i = 0; i < 10; i++) {		/* 20 rounds: column then diagonal */
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++) {
		uint32_t v = x[i] + in[i];

		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
	}
	memset(x, 0, sizeof(x));
	__asm__ volatile("" : : "r"(x) : "memory");	/* keep the wipe */
}

/* RFC 8439 §2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, counter 1. */
static int chacha20_selftest(void)
{
	static const uint8_t want[16] = { 0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
					  0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4 };
	uint8_t kb[32], out[64];
	uint32_t key[8], nonce[3] = { 0x09000000, 0x4a000000, 0 };

	for (int i = 0; i < 32; i++)
		kb[i] = (uint8_t)i;
	memcpy(key, kb, sizeof(key));
	k_chacha20_block(key, 1, nonce, out);
	if (memcmp(out, want, sizeof(want))) {
		k_err("random: ChaCha20 fails the RFC 8439 test vector\n");
		return -1;
	}
	return 0;
}
K_INIT(chacha20_selftest, K_INIT_LIB, 04);
