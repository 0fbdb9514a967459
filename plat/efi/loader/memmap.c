// SPDX-License-Identifier: BSD-3-Clause
/*
 * The firmware's memory map in Keel's terms (UEFI 2.10 §7.2, EFI_MEMORY_TYPE), and the
 * runtime-services regions the kernel must keep mapped to call ResetSystem later.
 */
#include <keel/plat.h>
#include "loader.h"

#define EFI_MEMORY_RO_ATTR	0x20000ull	/* UEFI 2.10 §7.2: read-only (MAT) */
#define EFI_MEMORY_XP_ATTR	0x4000ull	/* execute-protected */
#define DESC_MAX		128		/* descriptor bytes we can swap in place */

/* UEFI 2.10 §4.6.4: EFI_MEMORY_ATTRIBUTES_TABLE. */
struct efi_mat {
	UINT32 version;
	UINT32 entries;
	UINT32 desc_size;
	UINT32 reserved;
	/* followed by entries descriptors of desc_size bytes */
};

static UINT32 efi_to_keel_type(UINT32 efi_type)
{
	switch (efi_type) {
	case EfiLoaderCode:
	case EfiLoaderData:		/* this loader and the handoff: the kernel copies it */
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiConventionalMemory:
		return K_MEM_USABLE;
	case EfiACPIReclaimMemory:
		return K_MEM_ACPI;
	case EfiACPIMemoryNVS:
		return K_MEM_NVS;
	case EfiUnusableMemory:
		return K_MEM_UNUSABLE;
	default:			/* runtime services, MMIO, reserved, persistent, ... */
		return K_MEM_RESERVED;
	}
}

static EFI_MEMORY_DESCRIPTOR *desc_at(void *map, UINTN i, UINTN desc_size)
{
	return (EFI_MEMORY_DESCRIPTOR *)((UINT8 *)map + i * desc_size);
}

/* Insertion sort by address: UEFI does not promise an ordered map. */
static void sort_map(void *map, UINTN n, UINTN desc_size)
{
	UINT8 tmp[DESC_MAX];

	for (UINTN i = 1; i < n; i++) {
		UINTN j = i;

		CopyMem(tmp, desc_at(map, i, desc_size), desc_size);
		while (j > 0 && desc_at(map, j - 1, desc_size)->PhysicalStart >
				((EFI_MEMORY_DESCRIPTOR *)tmp)->PhysicalStart) {
			CopyMem(desc_at(map, j, desc_size), desc_at(map, j - 1, desc_size), desc_size);
			j--;
		}
		CopyMem(desc_at(map, j, desc_size), tmp, desc_size);
	}
}

static void add_runtime(struct efi_handoff *h, UINT64 base, UINT64 size, UINT32 prot)
{
	if (h->nruntime < EFI_HANDOFF_RT_MAX)
		h->runtime[h->nruntime++] = (struct efi_handoff_region){ base, size, 0, prot };
}

UINT32 loader_read_mat(const void *mat, struct efi_handoff *h)
{
	const struct efi_mat *t = mat;
	const UINT8 *d = (const UINT8 *)(t + 1);

	if (!t || t->desc_size < sizeof(EFI_MEMORY_DESCRIPTOR))
		return 0;
	for (UINT32 i = 0; i < t->entries; i++, d += t->desc_size) {
		const EFI_MEMORY_DESCRIPTOR *e = (const void *)d;
		UINT32 prot = 0;

		if (!(e->Attribute & EFI_MEMORY_RO_ATTR))
			prot |= EFI_HANDOFF_PROT_WRITE;
		if (!(e->Attribute & EFI_MEMORY_XP_ATTR))
			prot |= EFI_HANDOFF_PROT_EXEC;
		add_runtime(h, e->PhysicalStart, e->NumberOfPages << EFI_PAGE_SHIFT, prot);
	}
	return t->entries;
}

/* Without a memory attributes table, runtime code stays writable: its images hold data. */
static void add_runtime_from_map(struct efi_handoff *h, const EFI_MEMORY_DESCRIPTOR *d)
{
	UINT64 size = d->NumberOfPages << EFI_PAGE_SHIFT;

	if (!(d->Attribute & EFI_MEMORY_RUNTIME))
		return;
	if (d->Type == EfiRuntimeServicesCode || d->Type == EfiRuntimeServicesData) {
		if (!h->runtime_from_mat)
			add_runtime(h, d->PhysicalStart, size, EFI_HANDOFF_PROT_WRITE |
				    (d->Type == EfiRuntimeServicesCode ? EFI_HANDOFF_PROT_EXEC : 0));
	} else if (d->Type == EfiMemoryMappedIO || d->Type == EfiMemoryMappedIOPortSpace) {
		add_runtime(h, d->PhysicalStart, size,
			    EFI_HANDOFF_PROT_WRITE | EFI_HANDOFF_PROT_DEVICE);
	} else {
		add_runtime(h, d->PhysicalStart, size, EFI_HANDOFF_PROT_WRITE);
	}
}

void loader_convert_map(void *map, UINTN map_size, UINTN desc_size, struct efi_handoff *h)
{
	UINTN n = map_size / desc_size;

	h->map_entries = (UINT32)n;
	if (desc_size > DESC_MAX)
		return;		/* cannot happen with UEFI 2.x descriptors; the kernel says so */
	sort_map(map, n, desc_size);
	for (UINTN i = 0; i < n; i++) {
		const EFI_MEMORY_DESCRIPTOR *d = desc_at(map, i, desc_size);
		UINT64 base = d->PhysicalStart, size = d->NumberOfPages << EFI_PAGE_SHIFT;
		UINT32 type = efi_to_keel_type(d->Type);
		struct efi_handoff_region *last = h->nmem ? &h->mem[h->nmem - 1] : NULL;

		add_runtime_from_map(h, d);
		if (!size)
			continue;
		if (last && last->type == type && last->base + last->size == base) {
			last->size += size;
		} else if (h->nmem < EFI_HANDOFF_MEM_MAX) {
			h->mem[h->nmem++] = (struct efi_handoff_region){ base, size, type, 0 };
		} else {
			h->map_dropped++;
		}
	}
}
