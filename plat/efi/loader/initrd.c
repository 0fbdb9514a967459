// SPDX-License-Identifier: BSD-3-Clause
/*
 * Files on the volume the loader came from: the initrd, handed to the kernel as its
 * first boot module. It is \EFI\BOOT\keel.initrd when that file exists (support/mkimage-efi
 * puts an application's rootfs archive there), or the file efi.initrd=PATH names on the
 * command line (a path on the same volume, '/' or '\' separated); a named file that
 * cannot be read stops the boot with a message, a missing default file means no initrd.
 */
#include "loader.h"

#define INITRD_FILE	L"\\EFI\\BOOT\\keel.initrd"
#define INITRD_WORD	"efi.initrd="
#define PATH_MAX_CHARS	256
#define PAGE		4096ull

EFI_STATUS loader_open_file(EFI_HANDLE image, const CHAR16 *path, EFI_FILE_HANDLE *f)
{
	EFI_LOADED_IMAGE *li;
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_FILE_HANDLE root;
	EFI_STATUS st;

	st = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st))
		return st;
	st = uefi_call_wrapper(BS->HandleProtocol, 3, li->DeviceHandle, &FileSystemProtocol,
			       (void **)&fs);
	if (EFI_ERROR(st))
		return st;
	st = uefi_call_wrapper(fs->OpenVolume, 2, fs, &root);
	if (EFI_ERROR(st))
		return st;
	st = uefi_call_wrapper(root->Open, 5, root, f, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	uefi_call_wrapper(root->Close, 1, root);
	return st;
}

/* The value of efi.initrd= before "--", as a UEFI path; FALSE when there is none. */
static BOOLEAN initrd_path_from_cmdline(const char *s, CHAR16 *out, UINTN size)
{
	const UINTN wlen = sizeof(INITRD_WORD) - 1;

	while (*s) {
		UINTN len = 0, n = 0;

		while (*s == ' ')
			s++;
		while (s[len] && s[len] != ' ')
			len++;
		if (len == 2 && s[0] == '-' && s[1] == '-')
			return FALSE;
		if (len > wlen && !CompareMem(s, INITRD_WORD, wlen)) {
			for (UINTN i = wlen; i < len && n + 1 < size; i++)
				out[n++] = s[i] == '/' ? L'\\' : (CHAR16)s[i];
			out[n] = 0;
			return TRUE;
		}
		s += len;
	}
	return FALSE;
}

static EFI_STATUS file_size(EFI_FILE_HANDLE f, UINT64 *size)
{
	EFI_FILE_INFO *info = LibFileInfo(f);

	if (!info)
		return EFI_DEVICE_ERROR;
	*size = info->FileSize;
	FreePool(info);
	return EFI_SUCCESS;
}

/*
 * Loader data below 4 GiB on x86_64, where the kernel's boot map ends; anywhere on arm64
 * (the kernel reserves the range: the memory type alone would make it free memory).
 */
static EFI_STATUS read_whole(EFI_FILE_HANDLE f, UINT64 size, EFI_PHYSICAL_ADDRESS *at)
{
	UINTN pages = (size + PAGE - 1) / PAGE, len = size;
	EFI_STATUS st;

#if defined(__x86_64__)
	*at = 0xffffffffull;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress, EfiLoaderData, pages, at);
#else
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages, EfiLoaderData, pages, at);
#endif
	if (EFI_ERROR(st))
		return st;
	st = uefi_call_wrapper(f->Read, 3, f, &len, (void *)(UINTN)*at);
	if (!EFI_ERROR(st) && len != size)
		st = EFI_END_OF_FILE;
	if (EFI_ERROR(st))
		uefi_call_wrapper(BS->FreePages, 2, *at, pages);
	return st;
}

EFI_STATUS loader_load_initrd(EFI_HANDLE image, struct efi_handoff *h)
{
	CHAR16 path[PATH_MAX_CHARS];
	BOOLEAN named = initrd_path_from_cmdline(h->cmdline, path, PATH_MAX_CHARS);
	EFI_FILE_HANDLE f;
	EFI_PHYSICAL_ADDRESS at;
	UINT64 size;
	EFI_STATUS st;

	if (!named)
		StrCpy(path, INITRD_FILE);
	st = loader_open_file(image, path, &f);
	if (EFI_ERROR(st)) {
		if (!named)
			return EFI_SUCCESS;
		Print(L"keel.efi: error: cannot open the initrd %s (%r)\n", path, st);
		return st;
	}
	st = file_size(f, &size);
	if (!EFI_ERROR(st) && !size)
		st = EFI_END_OF_FILE;
	if (!EFI_ERROR(st))
		st = read_whole(f, size, &at);
	uefi_call_wrapper(f->Close, 1, f);
	if (EFI_ERROR(st)) {
		Print(L"keel.efi: error: cannot read the initrd %s (%r)\n", path, st);
		return st;
	}
	h->initrd_base = at;
	h->initrd_size = size;
	Print(L"keel.efi: initrd %s, %ld bytes at 0x%lx\n", path, size, at);
	return EFI_SUCCESS;
}
