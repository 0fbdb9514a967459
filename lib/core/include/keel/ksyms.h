/* SPDX-License-Identifier: BSD-3-Clause */
/* The code symbol table embedded at link time (support/build/gen-ksyms.sh). */
#ifndef KEEL_KSYMS_H
#define KEEL_KSYMS_H

#include <stdint.h>
#include <stddef.h>

struct k_ksym {
	uint64_t addr;
	uint32_t size;		/* 0 when the symbol carries no size (assembly labels) */
	uint32_t name;		/* offset into k_ksyms_names */
};

/*
 * Name of the symbol containing addr, or NULL. *offset receives addr - symbol start.
 * Symbols without a size extend to the next symbol.
 */
const char *k_ksym_lookup(uintptr_t addr, uintptr_t *offset);

/* Format "name+0xoff" (or "?") into buf; returns buf. */
char *k_ksym_format(uintptr_t addr, char *buf, size_t len);

#endif /* KEEL_KSYMS_H */
