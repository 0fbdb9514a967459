// SPDX-License-Identifier: BSD-3-Clause
/*
 * keel.efi: gathers what the kernel needs from the firmware (memory map, ACPI RSDP, GOP
 * framebuffer, command line, runtime services), copies the kernel to its link address,
 * leaves boot services and jumps to the kernel's entry with a struct efi_handoff.
 */
#include "loader.h"

#define MAP_SLACK	32	/* extra descriptors: allocations between sizing and reading */
#define EBS_TRIES	8

static EFI_GUID acpi20_guid = { 0x8868e871, 0xe4f1, 0x11d3,
				{ 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 } };
static EFI_GUID acpi10_guid = { 0xeb9d2d30, 0x2d88, 0x11d3,
				{ 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d } };
static EFI_GUID mat_guid = { 0xdcfa911d, 0x26eb, 0x469f,
			     { 0xa2, 0x20, 0x38, 0xb7, 0xdc, 0x46, 0x12, 0x20 } };
static EFI_GUID dtb_guid = { 0xb1b621d5, 0xf19c, 0x41a5,
			     { 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0 } };

void *loader_config_table(const EFI_GUID *guid)
{
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &ST->ConfigurationTable[i];

		if (!CompareMem(&t->VendorGuid, guid, sizeof(*guid)))
			return t->VendorTable;
	}
	return NULL;
}

static void find_framebuffer(struct efi_handoff_fb *fb)
{
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop;
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info;

	if (EFI_ERROR(uefi_call_wrapper(BS->LocateProtocol, 3, &GraphicsOutputProtocol, NULL,
					(void **)&gop)) || !gop->Mode || !gop->Mode->Info)
		return;
	info = gop->Mode->Info;
	if (info->PixelFormat == PixelRedGreenBlueReserved8BitPerColor)
		fb->format = EFI_HANDOFF_FB_RGBX;
	else if (info->PixelFormat == PixelBlueGreenRedReserved8BitPerColor)
		fb->format = EFI_HANDOFF_FB_BGRX;
	else
		return;		/* bit masks or blt-only: no linear framebuffer to draw in */
	fb->base = gop->Mode->FrameBufferBase;
	fb->size = gop->Mode->FrameBufferSize;
	fb->width = info->HorizontalResolution;
	fb->height = info->VerticalResolution;
	fb->stride = info->PixelsPerScanLine;
}

static void copy_vendor(char *out, UINTN size)
{
	UINTN i = 0;

	for (const CHAR16 *v = ST->FirmwareVendor; v && *v && i + 1 < size; v++)
		out[i++] = *v >= 0x20 && *v <= 0x7e ? (char)*v : '?';
	out[i] = 0;
}

static void gather(EFI_HANDLE image, struct efi_handoff *h)
{
	const CHAR16 *from;
	void *mat;

	h->magic = EFI_HANDOFF_MAGIC;
	h->version = EFI_HANDOFF_VERSION;
	h->size = sizeof(*h);
	h->system_table = (UINTN)ST;
	h->runtime_services = (UINTN)ST->RuntimeServices;
	h->acpi_rsdp = (UINTN)loader_config_table(&acpi20_guid);
	if (!h->acpi_rsdp)
		h->acpi_rsdp = (UINTN)loader_config_table(&acpi10_guid);
	h->device_tree = (UINTN)loader_config_table(&dtb_guid);
	mat = loader_config_table(&mat_guid);
	if (mat && loader_read_mat(mat, h))
		h->runtime_from_mat = 1;
	find_framebuffer(&h->fb);
	copy_vendor(h->firmware, sizeof(h->firmware));
	from = loader_cmdline(image, h->cmdline, sizeof(h->cmdline));
	Print(L"keel.efi: command line from %s: \"%a\"\n", from, h->cmdline);
}

/*
 * UEFI 2.10 §7.4.6: ExitBootServices fails with EFI_INVALID_PARAMETER when the map key
 * is stale (an event allocated memory since GetMemoryMap); the map is read again and the
 * call retried. Only GetMemoryMap and ExitBootServices may be called in between, so
 * nothing is printed here. With efi.stale_map_key=1 the first call gets an outdated key
 * on purpose (tests).
 */
static EFI_STATUS leave_boot_services(EFI_HANDLE image, struct efi_handoff *h, void *map,
				      UINTN map_cap, BOOLEAN stale_first, UINTN *map_size,
				      UINTN *desc_size)
{
	EFI_STATUS st = EFI_INVALID_PARAMETER;
	UINTN key;
	UINT32 ver;

	for (h->ebs_tries = 1; h->ebs_tries <= EBS_TRIES; h->ebs_tries++) {
		*map_size = map_cap;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, map_size, map, &key, desc_size, &ver);
		if (EFI_ERROR(st))
			return st;
		if (stale_first && h->ebs_tries == 1) {
			EFI_PHYSICAL_ADDRESS page;

			/* Changes the map, so the key just read is outdated. */
			uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages, EfiLoaderData, 1,
					  &page);
		}
		st = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		if (st != EFI_INVALID_PARAMETER)
			return st;
	}
	return st;
}

static EFI_STATUS alloc_map(void **map, UINTN *cap)
{
	UINTN size = 0, key, desc_size;
	UINT32 ver;
	EFI_STATUS st;

	st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, NULL, &key, &desc_size, &ver);
	if (st != EFI_BUFFER_TOO_SMALL)
		return EFI_ERROR(st) ? st : EFI_LOAD_ERROR;
	*cap = size + MAP_SLACK * desc_size;
	return uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData, *cap, map);
}

static __attribute__((noreturn)) void jump_to_kernel(const struct kernel_image *k,
						      struct efi_handoff *h)
{
#if defined(__x86_64__)
	__asm__ volatile("cli\n\tjmp *%1" : : "D"(h), "r"(k->entry) : "memory");
#elif defined(__aarch64__)
	loader_arm64_enter(k->entry, h, k->start, k->end, sizeof(*h));
#endif
	__builtin_unreachable();
}

static EFI_STATUS fail(EFI_STATUS st)
{
	Print(L"keel.efi: cannot start Keel (%r)\n", st);
	uefi_call_wrapper(BS->Stall, 1, 5 * 1000 * 1000);	/* let a person read it */
	return st;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	UINT64 entry_counter = loader_counter();
	struct kernel_image k;
	struct efi_handoff *h;
	UINTN map_cap, map_size, desc_size;
	void *map;
	EFI_STATUS st;

	InitializeLib(image, systab);
	st = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData, sizeof(*h), (void **)&h);
	if (EFI_ERROR(st))
		return fail(st);
	SetMem(h, sizeof(*h), 0);
	h->entry_counter = entry_counter;
	gather(image, h);
#if defined(__aarch64__)
	/* Keel on arm64 finds every device in the tree: say so while the firmware can. */
	if (!h->device_tree) {
		Print(L"keel.efi: error: the firmware publishes no device tree%s; Keel on arm64 "
		      L"needs one (QEMU: -M virt,acpi=off)\n",
		      h->acpi_rsdp ? L" (only ACPI tables)" : L"");
		return fail(EFI_UNSUPPORTED);
	}
#endif
	if ((st = loader_load_kernel(&k)) || (st = loader_load_initrd(image, h)))
		return fail(st);
	Print(L"keel.efi: kernel at 0x%lx-0x%lx, entry 0x%lx; leaving boot services\n",
	      k.start, k.end, k.entry);
	if ((st = alloc_map(&map, &map_cap)))
		return fail(st);
	st = leave_boot_services(image, h, map, map_cap,
				 loader_has_word(h->cmdline, "efi.stale_map_key=1"), &map_size,
				 &desc_size);
	if (EFI_ERROR(st))
		return fail(st);	/* boot services are still there when it failed */
	loader_convert_map(map, map_size, desc_size, h);
	h->jump_counter = loader_counter();
	jump_to_kernel(&k, h);
}
