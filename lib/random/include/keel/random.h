/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Random bytes from a ChaCha20 generator (RFC 8439), seeded at boot from the CPU's
 * random instructions when it has them, otherwise from cycle-counter jitter and the
 * wall clock. The key is replaced after every request (fast key erasure), so the
 * state never reveals what was handed out before. Safe from any thread and from
 * interrupt handlers (a spinlock held for two ChaCha20 blocks).
 */
#ifndef KEEL_RANDOM_H
#define KEEL_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/* Fill buf with len random bytes: 0 (it cannot fail once seeded; seeding is at boot). */
int k_random_bytes(void *buf, size_t len);

/* ChaCha20 block function (RFC 8439 §2.3): 64 bytes of key stream into out. */
void k_chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		      uint8_t out[64]);

#endif /* KEEL_RANDOM_H */
