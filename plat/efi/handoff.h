/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the EFI loader (plat/efi/loader, a GNU-EFI application) hands to the Keel kernel
 * it carries, after ExitBootServices. Shared by both sides, so it uses fixed-size types
 * only. The loader jumps to the kernel's ELF entry with a pointer to this structure in
 * the first argument register (rdi on x86_64, x0 on arm64); the structure sits in
 * loader memory, which the kernel treats as free, so the kernel copies it first.
 */
#ifndef PLAT_EFI_HANDOFF_H
#define PLAT_EFI_HANDOFF_H

#include <stdint.h>

#define EFI_HANDOFF_MAGIC	0x3149464c45454b00ull	/* "\0KEELFI1" little-endian */
#define EFI_HANDOFF_VERSION	2	/* 2: initrd */
#define EFI_HANDOFF_MEM_MAX	128
#define EFI_HANDOFF_RT_MAX	64
#define EFI_HANDOFF_CMDLINE_MAX	2048

/* Memory types are Keel's (K_MEM_* in keel/plat.h, the ACPI/E820 numbering). */
struct efi_handoff_region {
	uint64_t base;
	uint64_t size;
	uint32_t type;
	uint32_t prot;		/* runtime regions: EFI_HANDOFF_PROT_* */
};

/* Runtime-services regions: how the kernel must map them to call the firmware. */
#define EFI_HANDOFF_PROT_WRITE	(1u << 0)
#define EFI_HANDOFF_PROT_EXEC	(1u << 1)
#define EFI_HANDOFF_PROT_DEVICE	(1u << 2)	/* memory-mapped I/O: uncached */

/* GOP pixel layouts the kernel draws in (UEFI 2.10 §12.9, EFI_GRAPHICS_PIXEL_FORMAT). */
#define EFI_HANDOFF_FB_NONE	0
#define EFI_HANDOFF_FB_RGBX	1	/* PixelRedGreenBlueReserved8BitPerColor */
#define EFI_HANDOFF_FB_BGRX	2	/* PixelBlueGreenRedReserved8BitPerColor */

struct efi_handoff_fb {
	uint64_t base;		/* physical address of the linear framebuffer */
	uint64_t size;		/* bytes */
	uint32_t width;		/* visible pixels */
	uint32_t height;
	uint32_t stride;	/* pixels per scan line (>= width) */
	uint32_t format;	/* EFI_HANDOFF_FB_* */
};

struct efi_handoff {
	uint64_t magic;			/* EFI_HANDOFF_MAGIC */
	uint32_t version;		/* EFI_HANDOFF_VERSION */
	uint32_t size;			/* sizeof(struct efi_handoff) as the loader built it */
	uint64_t entry_counter;		/* cycle counter at the loader's first instruction */
	uint64_t jump_counter;		/* and just before it jumped to the kernel */
	uint64_t acpi_rsdp;		/* physical address of the RSDP (ACPI 2.0+ first), 0 if none */
	uint64_t system_table;		/* EFI_SYSTEM_TABLE, physical */
	uint64_t runtime_services;	/* EFI_RUNTIME_SERVICES, physical (no virtual map set) */
	uint64_t device_tree;		/* arm64: the DTB from the configuration table, 0 if none */
	uint64_t initrd_base;		/* the initrd the loader read (loader data), 0 if none */
	uint64_t initrd_size;		/* bytes */
	uint32_t ebs_tries;		/* ExitBootServices calls it took (1 unless the key was stale) */
	uint32_t map_entries;		/* descriptors in the firmware's final memory map */
	uint32_t map_dropped;		/* regions that did not fit in mem[] */
	uint32_t runtime_from_mat;	/* 1: runtime[] comes from the memory attributes table */
	uint32_t nmem;
	uint32_t nruntime;
	struct efi_handoff_region mem[EFI_HANDOFF_MEM_MAX];	/* sorted, merged, Keel types */
	struct efi_handoff_region runtime[EFI_HANDOFF_RT_MAX];
	struct efi_handoff_fb fb;
	char firmware[64];		/* the firmware vendor string, ASCII */
	char cmdline[EFI_HANDOFF_CMDLINE_MAX];	/* ASCII, NUL-terminated */
};

#endif /* PLAT_EFI_HANDOFF_H */
