// SPDX-License-Identifier: BSD-3-Clause
/*
 * plat/efi x86_64 boot: copy the handoff, leave the firmware's page tables (they live
 * in boot-services memory, which Keel reuses) for the same 4 GiB identity map the
 * 32-bit entry builds, then the console, the CPU tables and the common boot path.
 */
#include <keel/arch.h>
#include "../efi.h"
#include "../../kvm/x86_64/kvm.h"

/* arch/x86_64/entry32.S: the boot page tables, laid out together. */
extern uint64_t x86_pml4[512], x86_pdpt[512], x86_pd[4 * 512], x86_pt0[512];

#define PTE_PW		0x003ull	/* present, writable */
#define PTE_PW_2M	0x083ull	/* present, writable, 2 MiB page */
#define MSR_EFER	0xc0000080
#define EFER_NXE	(1ull << 11)
#define CR0_WP		(1ull << 16)

static struct k_bootinfo efi_bootinfo;

/* The same map as entry32.S: 0..4 GiB, the first 2 MiB in 4 KiB pages without page 0. */
static void efi_x86_boot_map(void)
{
	uint64_t cr0;

	x86_pml4[0] = (uintptr_t)x86_pdpt | PTE_PW;
	for (unsigned int i = 0; i < 4; i++)
		x86_pdpt[i] = (uintptr_t)&x86_pd[i * 512] | PTE_PW;
	for (uint64_t i = 0; i < 4 * 512; i++)
		x86_pd[i] = i << 21 | PTE_PW_2M;
	x86_pd[0] = (uintptr_t)x86_pt0 | PTE_PW;
	for (uint64_t i = 1; i < 512; i++)
		x86_pt0[i] = i << 12 | PTE_PW;
	/* SDM 2A, CPUID 80000001h EDX bit 20: the final tables set NX when the CPU has it. */
	if (x86_cpuid(0x80000000, 0).eax >= 0x80000001 &&
	    (x86_cpuid(0x80000001, 0).edx & (1u << 20)))
		x86_wrmsr(MSR_EFER, x86_rdmsr(MSR_EFER) | EFER_NXE);
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0 | CR0_WP));
	__asm__ volatile("mov %0, %%cr3" : : "r"(x86_pml4) : "memory");
}

void efi_x86_boot(const struct efi_handoff *h);

void efi_x86_boot(const struct efi_handoff *h)
{
	/* First, while the firmware's map still covers wherever the loader put it. */
	bool ok = efi_handoff_copy(h);

	efi_x86_boot_map();
	kvm_serial_init();
	k_arch_init();
	efi_boot(&efi_bootinfo, ok);
}

void efi_arch_bootinfo(struct k_bootinfo *bi)
{
	(void)bi;
	efi_fb_console_init();	/* the boot map covers it: the final tables keep it (efi.c) */
}

/* UEFI 2.10 §2.3.4.2: firmware may use SSE; lazy FPU switching may have set CR0.TS. */
void efi_arch_before_firmware_call(void)
{
	uint64_t cr4;

	__asm__ volatile("clts");
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | (1ull << 9) | (1ull << 10)));	/* OSFXSR, OSXMMEXCPT */
}
