/* SPDX-License-Identifier: BSD-3-Clause */
/* 9p test app: reporting and helpers shared by its files. */
#ifndef P9T_CHECK_H
#define P9T_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Prints "9p: NAME: ok|FAIL detail"; failures make the exit status. */
void check(const char *name, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* One expected failure: call returned -1 with errno want. */
bool fails_with(int ret, int want);
/* CRC-32 (IEEE 802.3, zlib's crc32) of n bytes, continuing crc (0 to start). */
uint32_t crc32_add(uint32_t crc, const void *buf, size_t n);
/* A reproducible byte stream: fill buf with the bytes at [off, off + n) of it. */
void pattern_fill(uint8_t *buf, size_t n, uint64_t off, uint32_t seed);

void test_host(void);		/* host.c: files the host made and checks afterwards */
void test_big(void);		/* big.c: 64 MiB each way with a CRC */
void test_threads(const char *dir);	/* threads.c: one file shared by 4 threads */
void test_mounts(void);		/* mounts.c: a ramfs mounted on /tmp */
void test_fake(void);		/* fake.c: a host that answers nonsense */

#endif /* P9T_CHECK_H */
