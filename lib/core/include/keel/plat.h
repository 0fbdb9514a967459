/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The boot/platform interface: what a platform (plat/<name>) hands to the common
 * boot path and what it implements for the rest of Keel. Versioned: a change here is
 * deliberate and bumps K_PLAT_API_VERSION.
 */
#ifndef KEEL_PLAT_H
#define KEEL_PLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <keel/compiler.h>

#define K_PLAT_API_VERSION	3	/* 3: boot modules */

/* Memory region types; the values follow the ACPI/E820 address range types. */
#define K_MEM_USABLE		1
#define K_MEM_RESERVED		2
#define K_MEM_ACPI		3
#define K_MEM_NVS		4
#define K_MEM_UNUSABLE		5

#define K_BOOT_MEM_MAX		32
#define K_BOOT_RESERVED_MAX	16
#define K_BOOT_MODULES_MAX	4
#define K_BOOT_MODULE_NAME_MAX	64

struct k_mem_region {
	uint64_t base;
	uint64_t size;
	uint32_t type;
};

/* Memory in use at boot that is not free for allocators (keel/bootmem.h). */
struct k_mem_reserved {
	uint64_t base;
	uint64_t end;
	const char *what;
};

/*
 * A file the loader placed in memory next to the image (multiboot modules, the PVH
 * modlist; QEMU's -initrd). The platform reserves [base, base + size) in boot memory,
 * so the allocators never hand it out; lib/initrd unpacks the first one.
 */
struct k_boot_module {
	uint64_t base;			/* physical (= virtual: identity-mapped) address */
	uint64_t size;			/* bytes */
	char name[K_BOOT_MODULE_NAME_MAX];	/* the loader's command line for it, cut */
};

struct k_bootinfo {
	unsigned int version;		/* K_PLAT_API_VERSION */
	const char *protocol;		/* how we were started: "pvh", "multiboot", ... */
	char *cmdline;			/* writable copy; Keel params, then "--", app args */
	struct k_mem_region mem[K_BOOT_MEM_MAX];
	unsigned int nmem;
	/*
	 * Boot structures the platform still references in place (loader modules, tables
	 * it reads later). The image need not be listed: lib/boot reserves it.
	 */
	struct k_mem_reserved reserved[K_BOOT_RESERVED_MAX];
	unsigned int nreserved;
	struct k_boot_module modules[K_BOOT_MODULES_MAX];	/* in the loader's order */
	unsigned int nmodules;
	uintptr_t image_start;		/* physical extent of the loaded image */
	uintptr_t image_end;
	uint64_t acpi_rsdp;		/* physical address of the ACPI RSDP, 0 if none */
	uint64_t entry_counter;		/* k_arch_counter() at the first instruction */
};

/* Implemented by the platform. */
void plat_console_write(const char *buf, size_t len);
__k_noreturn void plat_poweroff(int status);
/* Frequency of k_arch_counter() in Hz, 0 when it cannot be determined. */
uint64_t plat_counter_hz(void);

/* Implemented by lib/boot; the platform calls it once its console works. */
__k_noreturn void k_boot_main(struct k_bootinfo *bi);

/* The boot information, for libraries that need it after boot (NULL before). */
const struct k_bootinfo *k_bootinfo(void);

#endif /* KEEL_PLAT_H */
