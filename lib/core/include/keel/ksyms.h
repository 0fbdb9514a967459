/* SPDX-License-Identifier: BSD-3-Clause */
/* The code symbol table embedded at link time (support/build/gen-ksyms.sh). */
#ifndef KEEL_KSYMS_H
#define KEEL_KSYMS_H

#include <stdint.h>
#include <stddef.h>

/*
 * The table's layout, as the generator emits it under the name k_ksym_table: count
 * offsets from base in increasing order, then count NUL-terminated names in the same
 * order, at byte offset names from the table's start. Entry i covers [base + offsets[i],
 * base + offsets[i + 1]); the last one runs on up to base + 4 GiB. An empty name marks a
 * gap (the padding after a sized symbol): nothing is there.
 */
struct k_ksym_table {
	uint64_t base;
	uint32_t count;
	uint32_t names;
	uint32_t offsets[];
};

/* Name of the symbol containing addr, or NULL. *offset receives addr - symbol start. */
const char *k_ksym_lookup(uintptr_t addr, uintptr_t *offset);

/* Format "name+0xoff" (or "?") into buf; returns buf. */
char *k_ksym_format(uintptr_t addr, char *buf, size_t len);

#endif /* KEEL_KSYMS_H */
