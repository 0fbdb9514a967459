/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/kvm arm64 internals shared between its files. */
#ifndef PLAT_KVM_ARM64_H
#define PLAT_KVM_ARM64_H

#include <keel/plat.h>

/* Find the console UART in the device tree and start it; silent when there is none. */
void kvm_pl011_init(const void *fdt);
/* Memory, reservations, command line and initrd from the device tree. */
void kvm_fdt_parse(const void *fdt, struct k_bootinfo *bi);

#endif /* PLAT_KVM_ARM64_H */
