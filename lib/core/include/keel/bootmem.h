/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Boot memory: the physical memory the platform reported, what is reserved in it (the
 * image, boot structures still referenced, page tables built at boot), and the free
 * ranges that remain for the page allocator. Used during boot, before lib/alloc takes
 * over the free ranges, and when a boot structure is released later.
 *
 * Functions that act return 0 or a negative errno.
 */
#ifndef KEEL_BOOTMEM_H
#define KEEL_BOOTMEM_H

#include <stdint.h>
#include <keel/plat.h>

/* [base, end) of physical memory. */
struct k_mem_range {
	uint64_t base;
	uint64_t end;
};

/*
 * Mark [base, end) as in use, so that it never becomes free memory. what names it in
 * debug output (a string literal). Reservations may overlap. -ENOSPC when the table
 * (K_BOOT_RESERVED_MAX) is full.
 */
int k_bootmem_reserve(struct k_bootinfo *bi, uint64_t base, uint64_t end, const char *what);

/* Give back [base, end) of earlier reservations (splitting them); -ENOSPC if a split
 * needs a table slot and none is left (nothing changes then). */
int k_bootmem_unreserve(struct k_bootinfo *bi, uint64_t base, uint64_t end);

/*
 * The whole pages that lifting the reservation of [base, end) would make free (those
 * no other reservation, non-usable region or page 0 keeps), into out[max]; returns how
 * many ranges. For boot structures released after boot (a consumed initrd): bi itself
 * is not changed. Not reentrant.
 */
unsigned int k_bootmem_unreserved_ranges(const struct k_bootinfo *bi, uint64_t base,
					 uint64_t end, struct k_mem_range *out, unsigned int max);

/*
 * Allocate and reserve size bytes (rounded up to pages) aligned to align (a power of
 * two, at least a page) from free memory inside [min, limit). Takes the lowest fitting
 * address: memory near the image is what the loader already touched, so the host has
 * it backed, where a first touch of fresh guest RAM can cost milliseconds. Returns the
 * physical address, 0 if none.
 */
uint64_t k_bootmem_alloc(struct k_bootinfo *bi, uint64_t size, uint64_t align,
			 uint64_t min, uint64_t limit, const char *what);

/*
 * The free memory: usable regions, trimmed inward to whole pages, minus every other
 * region type, every reservation (widened to whole pages) and page 0. Sorted by base and
 * non-overlapping. Writes at most max ranges and returns how many there are in all
 * (more than max means some were left out: the smallest ones are dropped first).
 */
unsigned int k_bootmem_free_ranges(const struct k_bootinfo *bi, struct k_mem_range *out,
				   unsigned int max);

#endif /* KEEL_BOOTMEM_H */
