/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guard pages: unmapped pages under stacks, registered with the name of their owner so
 * that a fault in one is reported as "stack overflow in <owner>".
 */
#ifndef KEEL_GUARD_H
#define KEEL_GUARD_H

#include <stdint.h>

struct k_guard {
	uintptr_t page;			/* address of the unmapped page */
	const char *owner;		/* "main (boot stack)", a thread's name, ... */
	struct k_guard *next;
};

/* Register (the caller keeps g alive until k_guard_remove) and unregister a guard page. */
void k_guard_add(struct k_guard *g);
void k_guard_remove(struct k_guard *g);

/* The guard page holding addr, NULL if none. Safe to call from a fault handler. */
const struct k_guard *k_guard_find(uintptr_t addr);

#endif /* KEEL_GUARD_H */
