// SPDX-License-Identifier: BSD-3-Clause
/*
 * The kernel's command line: the image's load options (UCS-2, from a boot entry or the
 * UEFI shell), else the file \EFI\BOOT\keel.cmdline on the volume the loader came from,
 * which support/mkimage-efi writes. ASCII only: anything else is not a command line.
 */
#include "loader.h"

#define CMDLINE_FILE	L"\\EFI\\BOOT\\keel.cmdline"

static BOOLEAN is_efi_path(const char *w, UINTN len)
{
	return len > 4 && w[len - 4] == '.' && (w[len - 3] | 0x20) == 'e' &&
	       (w[len - 2] | 0x20) == 'f' && (w[len - 1] | 0x20) == 'i';
}

/*
 * UCS-2 to ASCII. Boot entries made by firmware carry binary data here, not text:
 * a character outside printable ASCII means there is no command line.
 */
static BOOLEAN from_ucs2(const CHAR16 *src, UINTN chars, char *out, UINTN size)
{
	UINTN n = 0;

	for (UINTN i = 0; i < chars && src[i]; i++) {
		CHAR16 c = src[i];

		if (c == '\t' || c == '\r' || c == '\n')
			c = ' ';
		if (c < 0x20 || c > 0x7e || n + 1 >= size)
			return FALSE;
		out[n++] = (char)c;
	}
	out[n] = 0;
	return TRUE;
}

/* The UEFI shell passes the program's own path first: drop a first word ending in .efi. */
static void drop_program_path(char *s)
{
	UINTN start = 0, len = 0, i = 0;

	while (s[start] == ' ')
		start++;
	while (s[start + len] && s[start + len] != ' ')
		len++;
	if (!is_efi_path(s + start, len))
		return;
	for (const char *p = s + start + len; *p; p++)
		s[i++] = *p;
	s[i] = 0;
}

static BOOLEAN is_blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == 0;
}

static BOOLEAN read_cmdline_file(EFI_HANDLE image, char *out, UINTN size)
{
	EFI_FILE_HANDLE f;
	UINTN len = size - 1;
	EFI_STATUS st;

	if (EFI_ERROR(loader_open_file(image, CMDLINE_FILE, &f)))
		return FALSE;
	st = uefi_call_wrapper(f->Read, 3, f, &len, out);
	uefi_call_wrapper(f->Close, 1, f);
	if (EFI_ERROR(st))
		return FALSE;
	out[len] = 0;
	for (UINTN i = 0; i < len; i++) {
		if (out[i] == '\n' || out[i] == '\r' || out[i] == '\t')
			out[i] = ' ';
		else if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] > 0x7e) {
			Print(L"keel.efi: warning: %s is not ASCII text, ignored\n", CMDLINE_FILE);
			out[0] = 0;
			return FALSE;
		}
	}
	return TRUE;
}

const CHAR16 *loader_cmdline(EFI_HANDLE image, char *out, UINTN size)
{
	EFI_LOADED_IMAGE *li;

	out[0] = 0;
	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol,
					(void **)&li)))
		return L"none (no loaded image protocol)";
	if (li->LoadOptions && li->LoadOptionsSize >= 2 &&
	    from_ucs2(li->LoadOptions, li->LoadOptionsSize / 2, out, size)) {
		drop_program_path(out);
		if (!is_blank(out))
			return L"load options";
	}
	out[0] = 0;
	if (read_cmdline_file(image, out, size) && !is_blank(out))
		return CMDLINE_FILE;
	out[0] = 0;
	return L"none";
}

BOOLEAN loader_has_word(const char *s, const char *word)
{
	while (*s) {
		const char *w = word;
		UINTN len = 0;

		while (*s == ' ')
			s++;
		while (s[len] && s[len] != ' ')
			len++;
		if (len == 2 && s[0] == '-' && s[1] == '-')
			return FALSE;
		for (UINTN i = 0; i < len && *w && s[i] == *w; i++)
			w++;
		if (*w == 0 && strlena((CHAR8 *)word) == len)
			return TRUE;
		s += len;
	}
	return FALSE;
}
