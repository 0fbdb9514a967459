/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/kvm x86_64 internals shared between its files. */
#ifndef PLAT_KVM_X86_64_H
#define PLAT_KVM_X86_64_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/plat.h>

#define MULTIBOOT_LOADER_MAGIC	0x2badb002	/* multiboot 0.6.96 §3.2: eax at entry */
#define PVH_START_MAGIC		0x336ec578	/* hvm_start_info.magic */

void kvm_serial_init(void);
void kvm_multiboot_parse(uintptr_t info, struct k_bootinfo *bi);
void kvm_pvh_parse(uintptr_t info, struct k_bootinfo *bi);

/* Copy a NUL-terminated loader string into the boot command-line buffer. */
void kvm_cmdline_copy(struct k_bootinfo *bi, const char *src);
/* Append a region, merging nothing; warns once when the table is full. */
void kvm_mem_add(struct k_bootinfo *bi, uint64_t base, uint64_t size, uint32_t type);

/* Record a loader module and reserve its memory; warns and skips a bad or extra one. */
void kvm_module_add(struct k_bootinfo *bi, uint64_t base, uint64_t size, const char *name);

/* ACPI S5; returns only when no usable ACPI power-off was found. */
void kvm_acpi_poweroff(uint64_t rsdp);

#endif /* PLAT_KVM_X86_64_H */
