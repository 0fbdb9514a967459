/* SPDX-License-Identifier: BSD-3-Clause */
/* tests/apps/lwip: checks shared by its files. */
#ifndef LWIPTEST_H
#define LWIPTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/alloc.h>

/* Print "lwip: NAME: ok|FAIL (detail)" and count a failure. */
void check(const char *name, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The bulk pattern: byte i of a stream. */
static inline uint8_t pattern(uint64_t i)
{
	return (uint8_t)(i * 131 + (i >> 11));
}

void test_ping(void);
void test_connect(unsigned int port);
void test_echo(unsigned int connections);
void test_self(void);
void test_mem(const struct k_alloc_stats *before);

#endif /* LWIPTEST_H */
