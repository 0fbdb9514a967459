// SPDX-License-Identifier: BSD-3-Clause
/*
 * UEFI runtime services after ExitBootServices, called in physical mode (no
 * SetVirtualAddressMap: Keel's map is the identity). Their regions are mapped as the
 * memory attributes table says (code read-only and executable, data writable and
 * never executable); without that table, runtime code stays writable, the one place
 * where W^X cannot hold, since the firmware's images keep their data beside their code.
 */
#include <string.h>
#include <keel/arch.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/print.h>
#include "efi.h"

/* UEFI 2.10 §4.5: EFI_RUNTIME_SERVICES, after its 24-byte table header. */
#define RT_SIGNATURE		0x56524553544e5552ull	/* "RUNTSERV" */
#define RT_RESET_SYSTEM		(24 + 10 * 8)
#define EFI_RESET_SHUTDOWN	2
#define EFI_ABORTED		(0x8000000000000000ull | 21)	/* §Appendix D */

/* UEFI 2.10 §2.3.4.2: x86_64 firmware uses the Microsoft calling convention. */
#ifdef CONFIG_ARCH_X86_64
#define EFIAPI	__attribute__((ms_abi))
#else
#define EFIAPI
#endif

typedef void (EFIAPI *efi_reset_system_fn)(int type, uint64_t status, uint64_t data_size,
					   void *data);

static bool efi_rt_mapped;

static int efi_runtime_map(void)
{
	unsigned int n = 0;

	for (uint32_t i = 0; i < efi_handoff.nruntime; i++) {
		const struct efi_handoff_region *r = &efi_handoff.runtime[i];
		unsigned int prot = K_PROT_READ;
		uint64_t base = r->base & ~(uint64_t)(K_ARCH_PAGE_SIZE - 1);
		uint64_t end = (r->base + r->size + K_ARCH_PAGE_SIZE - 1) &
			       ~(uint64_t)(K_ARCH_PAGE_SIZE - 1);
		int rc;

		if (r->prot & EFI_HANDOFF_PROT_WRITE)
			prot |= K_PROT_WRITE;
		if (r->prot & EFI_HANDOFF_PROT_EXEC)
			prot |= K_PROT_EXEC;
		if (r->prot & EFI_HANDOFF_PROT_DEVICE)
			prot |= K_MAP_DEVICE;
		rc = k_arch_map((uintptr_t)base, base, end - base, prot);
		if (rc) {
			k_warn("efi: cannot map runtime region 0x%lx-0x%lx (error %d): "
			       "power-off will not use the firmware\n", (unsigned long)base,
			       (unsigned long)end, rc);
			return 0;
		}
		n++;
	}
	efi_rt_mapped = true;
	k_info("efi: runtime services: %u regions mapped (%s)\n", n,
	       efi_handoff.runtime_from_mat ? "memory attributes table"
					    : "no attributes table: code writable");
	return 0;
}
K_INIT(efi_runtime_map, K_INIT_EARLY, 10);

/*
 * Before the final page tables, the boot map covers the low 4 GiB only (x86_64), or
 * 512 GiB (arm64: arch/arm64/entry.S; RAM there is mapped executable).
 */
#ifdef CONFIG_ARCH_X86_64
#define BOOT_MAP_END	(4ull << 30)
#else
#define BOOT_MAP_END	(512ull << 30)
#endif

static bool efi_runtime_callable(void)
{
	if (!efi_handoff.runtime_services)
		return false;
	if (efi_rt_mapped)
		return true;
	for (uint32_t i = 0; i < efi_handoff.nruntime; i++)
		if (efi_handoff.runtime[i].base + efi_handoff.runtime[i].size > BOOT_MAP_END)
			return false;
	return efi_handoff.runtime_services < BOOT_MAP_END;
}

void efi_reset_shutdown(int status)
{
	/* The reset data: a NUL-terminated UCS-2 string the firmware may log (§8.5.1). */
	static uint16_t data[32];
	const uint8_t *rt = (const void *)(uintptr_t)efi_handoff.runtime_services;
	efi_reset_system_fn reset;
	char text[32];
	uint64_t sig;
	size_t len;

	if (!efi_runtime_callable())
		return;
	memcpy(&sig, rt, sizeof(sig));
	if (sig != RT_SIGNATURE)
		return;
	memcpy(&reset, rt + RT_RESET_SYSTEM, sizeof(reset));
	if (!reset)
		return;
	len = (size_t)k_snprintf(text, sizeof(text), "Keel exit status %d", status);
	for (size_t i = 0; i <= len && i < K_ARRAY_SIZE(data) - 1; i++)
		data[i] = (uint8_t)text[i];
	k_info("efi: power-off through the firmware (ResetSystem)\n");
	efi_arch_before_firmware_call();
	reset(EFI_RESET_SHUTDOWN, status ? EFI_ABORTED : 0, (len + 1) * sizeof(data[0]), data);
}
