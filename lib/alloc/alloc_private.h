/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/alloc internals shared between the heap, page and stack front ends. */
#ifndef ALLOC_PRIVATE_H
#define ALLOC_PRIVATE_H

#include <stddef.h>
#include <keel/alloc.h>

extern struct k_alloc_stats alloc_stats;

/* Count a failed allocation and log one line: what was asked, what is free. */
void alloc_report_failure(const char *call, size_t n, size_t size);

#endif /* ALLOC_PRIVATE_H */
