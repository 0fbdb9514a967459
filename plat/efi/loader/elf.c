// SPDX-License-Identifier: BSD-3-Clause
/*
 * Loading the carried kernel: an ELF64 executable linked to run at fixed physical
 * addresses (identity-mapped, not position-independent). Its whole range is reserved
 * with AllocatePages(AllocateAddress) so that no firmware data sits under it.
 */
#include "loader.h"

/* ELF-64 Object File Format 1.5, figures 2 and 6: the fields we read. */
struct elf64_ehdr {
	UINT8 ident[16];
	UINT16 type;
	UINT16 machine;
	UINT32 version;
	UINT64 entry;
	UINT64 phoff;
	UINT64 shoff;
	UINT32 flags;
	UINT16 ehsize;
	UINT16 phentsize;
	UINT16 phnum;
	UINT16 shentsize;
	UINT16 shnum;
	UINT16 shstrndx;
};

struct elf64_phdr {
	UINT32 type;
	UINT32 flags;
	UINT64 offset;
	UINT64 vaddr;
	UINT64 paddr;
	UINT64 filesz;
	UINT64 memsz;
	UINT64 align;
};

#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define PT_LOAD		1
#define EM_X86_64	62
#define EM_AARCH64	183
#if defined(__x86_64__)
#define EM_HERE		EM_X86_64
#define LOAD_ADDR_OPTION L"CONFIG_X86_64_LOAD_ADDR"
#else
#define EM_HERE		EM_AARCH64
#define LOAD_ADDR_OPTION L"CONFIG_ARM64_LOAD_ADDR"
#endif
#define PAGE		4096ull

static const struct elf64_phdr *elf_phdr(const struct elf64_ehdr *eh, UINTN i)
{
	return (const void *)((const UINT8 *)eh + eh->phoff + i * eh->phentsize);
}

static EFI_STATUS elf_check(const struct elf64_ehdr *eh, UINTN size)
{
	if (size < sizeof(*eh) || eh->ident[0] != 0x7f || eh->ident[1] != 'E' ||
	    eh->ident[2] != 'L' || eh->ident[3] != 'F' || eh->ident[4] != ELFCLASS64 ||
	    eh->ident[5] != ELFDATA2LSB || eh->type != ET_EXEC || eh->machine != EM_HERE) {
		Print(L"keel.efi: error: the carried kernel is not a 64-bit ELF executable "
		      L"for this CPU\n");
		return EFI_LOAD_ERROR;
	}
	if (eh->phentsize < sizeof(struct elf64_phdr) || eh->phoff > size ||
	    (UINT64)eh->phnum * eh->phentsize > size - eh->phoff) {
		Print(L"keel.efi: error: the kernel's program headers lie outside it\n");
		return EFI_LOAD_ERROR;
	}
	return EFI_SUCCESS;
}

/* The page-aligned range of all PT_LOAD segments; each must lie inside the file. */
static EFI_STATUS elf_range(const struct elf64_ehdr *eh, UINTN size, struct kernel_image *k)
{
	k->start = ~0ull;
	k->end = 0;
	for (UINTN i = 0; i < eh->phnum; i++) {
		const struct elf64_phdr *ph = elf_phdr(eh, i);

		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		if (ph->filesz > ph->memsz || ph->offset > size || ph->filesz > size - ph->offset ||
		    ph->paddr + ph->memsz < ph->paddr) {
			Print(L"keel.efi: error: kernel segment %d is malformed\n", (int)i);
			return EFI_LOAD_ERROR;
		}
		if (ph->paddr < k->start)
			k->start = ph->paddr & ~(PAGE - 1);
		if (ph->paddr + ph->memsz > k->end)
			k->end = (ph->paddr + ph->memsz + PAGE - 1) & ~(PAGE - 1);
	}
	if (k->start >= k->end || eh->entry < k->start || eh->entry >= k->end) {
		Print(L"keel.efi: error: the kernel has no loadable segment holding its entry\n");
		return EFI_LOAD_ERROR;
	}
	k->entry = eh->entry;
	return EFI_SUCCESS;
}

EFI_STATUS loader_load_kernel(struct kernel_image *k)
{
	const struct elf64_ehdr *eh = (const void *)keel_kernel_start;
	UINTN size = (UINTN)(keel_kernel_end - keel_kernel_start);
	EFI_PHYSICAL_ADDRESS at;
	EFI_STATUS st;

	if ((st = elf_check(eh, size)) || (st = elf_range(eh, size, k)))
		return st;
	/* Loader code memory: firmwares that map loader data non-executable still run it. */
	at = k->start;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress, EfiLoaderCode,
			       (k->end - k->start) / PAGE, &at);
	if (EFI_ERROR(st)) {
		Print(L"keel.efi: error: the kernel's range 0x%lx-0x%lx is in use by the firmware "
		      L"(%r); rebuild with another load address (%s)\n",
		      k->start, k->end, st, LOAD_ADDR_OPTION);
		return st;
	}
	SetMem((void *)(UINTN)k->start, k->end - k->start, 0);
	for (UINTN i = 0; i < eh->phnum; i++) {
		const struct elf64_phdr *ph = elf_phdr(eh, i);

		if (ph->type == PT_LOAD && ph->filesz)
			CopyMem((void *)(UINTN)ph->paddr, (const UINT8 *)eh + ph->offset, ph->filesz);
	}
	return EFI_SUCCESS;
}
