/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/initrd internals: reading cpio "newc" entries with every bound checked. */
#ifndef LIB_INITRD_CPIO_H
#define LIB_INITRD_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name;		/* NUL-terminated inside the archive */
	size_t name_len;		/* without the NUL */
	uint32_t mode;			/* K_S_IF* type and permission bits */
	const uint8_t *data;		/* size bytes inside the archive */
	uint32_t size;
	uint32_t check;			/* the 070702 checksum */
	bool has_check;
};

/* True when buf starts with a newc magic (070701 or 070702). */
bool cpio_is_newc(const uint8_t *buf, size_t len);

/*
 * The entry at *off of the archive [buf, buf + len): 1 and *off moved past it, 0 at
 * "TRAILER!!!", or -1 with *why saying what is wrong (*off unchanged: the entry's
 * offset; e->name is the entry's name when it was read, else NULL). Never reads
 * outside the archive.
 */
int cpio_next(const uint8_t *buf, size_t len, size_t *off, struct cpio_entry *e,
	      const char **why);

#endif /* LIB_INITRD_CPIO_H */
