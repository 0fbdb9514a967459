/* SPDX-License-Identifier: BSD-3-Clause */
/* arm64 page-table hooks for the platform. */
#ifndef KEEL_ARM64_MMU_H
#define KEEL_ARM64_MMU_H

#include <stdint.h>

/*
 * A device range the platform uses from entry on (its console UART): the boot map
 * covers it, and k_arch_mmu_init() maps it as device memory in the final tables, so
 * the console keeps working across the switch. 0 or -ENOSPC.
 */
int arm64_mmu_boot_device(uint64_t base, uint64_t size);

#endif /* KEEL_ARM64_MMU_H */
