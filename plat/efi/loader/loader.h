/* SPDX-License-Identifier: BSD-3-Clause */
/* The EFI loader's internals: a GNU-EFI application that starts the Keel kernel it carries. */
#ifndef PLAT_EFI_LOADER_H
#define PLAT_EFI_LOADER_H

#include <efi.h>
#include <efilib.h>
#include "../handoff.h"

/* The kernel ELF image, linked in by blob.S. */
extern const UINT8 keel_kernel_start[], keel_kernel_end[];

struct kernel_image {
	UINT64 start;		/* page-aligned physical range the PT_LOAD segments occupy */
	UINT64 end;
	UINT64 entry;
};

/* Check the kernel ELF, reserve its physical range and copy its segments there. */
EFI_STATUS loader_load_kernel(struct kernel_image *k);

/* The command line: load options, else \EFI\BOOT\keel.cmdline; says where it came from. */
const CHAR16 *loader_cmdline(EFI_HANDLE image, char *out, UINTN size);

/* Open a file on the volume the loader was read from, for reading. */
EFI_STATUS loader_open_file(EFI_HANDLE image, const CHAR16 *path, EFI_FILE_HANDLE *f);

/* Read the initrd (efi.initrd=PATH, else \EFI\BOOT\keel.initrd if present) into h. */
EFI_STATUS loader_load_initrd(EFI_HANDLE image, struct efi_handoff *h);

/* True when the command line holds this exact word before "--". */
BOOLEAN loader_has_word(const char *cmdline, const char *word);

/* Copy the runtime regions the memory attributes table describes; returns how many. */
UINT32 loader_read_mat(const void *mat, struct efi_handoff *h);

/* After ExitBootServices: the firmware's map as sorted, merged Keel regions in h->mem. */
void loader_convert_map(void *map, UINTN map_size, UINTN desc_size, struct efi_handoff *h);

/* Find a configuration table by GUID; NULL when the firmware has none. */
void *loader_config_table(const EFI_GUID *guid);

#if defined(__aarch64__)
/* arm64_enter.S: MMU and caches off, cache maintenance, jump with x0 = handoff. */
__attribute__((noreturn)) void loader_arm64_enter(UINT64 entry, void *handoff, UINT64 start,
						  UINT64 end, UINT64 handoff_size);
#endif

static inline UINT64 loader_counter(void)
{
#if defined(__x86_64__)
	UINT32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (UINT64)hi << 32 | lo;
#elif defined(__aarch64__)
	UINT64 v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
#endif
}

#endif /* PLAT_EFI_LOADER_H */
