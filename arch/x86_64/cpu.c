// SPDX-License-Identifier: BSD-3-Clause
/* x86_64 descriptor tables (GDT with a TSS for the IST stacks, IDT) and per-CPU base. */
#include <stdint.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/cpu.h>
#include <keel/guard.h>

#define SEL_CODE64	0x08
#define SEL_DATA	0x10
#define SEL_TSS		0x18
#define IDT_INTR_GATE	0x8e	/* present, DPL 0, 64-bit interrupt gate (SDM 3A §6.14.1) */
#define IST_DOUBLE_FAULT 1
#define IST_NMI_MCE	2
#define IST_STACK_SIZE	4096
#define MSR_GS_BASE	0xc0000101	/* SDM 4 §2.1: base of %gs, the per-CPU pointer */

/* SDM 3A §7.7: 64-bit TSS; only the IST pointers matter in ring 0 only kernels. */
struct x86_tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __k_packed;

struct x86_idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __k_packed;

struct x86_desc_ptr {
	uint16_t limit;
	uint64_t base;
} __k_packed;

extern const uintptr_t x86_trap_stubs[256];
extern uint64_t x86_pt0[512];
extern char x86_boot_stack_guard[];
void x86_tls_boot_init(void);

static struct x86_tss tss;
static uint8_t ist_stacks[2][IST_STACK_SIZE] __k_aligned(16);
static uint64_t gdt[5] = {
	0,
	0x00af9b000000ffff,	/* 64-bit code, DPL 0, accessed */
	0x00cf93000000ffff,	/* data, DPL 0, accessed */
	0, 0,			/* TSS: 16-byte system descriptor, filled at init */
};
static struct x86_idt_gate idt[256];

static void gdt_set_tss(void)
{
	uint64_t base = (uintptr_t)&tss, limit = sizeof(tss) - 1;

	/* SDM 3A §7.2.3: type 9 = available 64-bit TSS, present. */
	gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[4] = base >> 32;
	tss.ist[IST_DOUBLE_FAULT - 1] = (uintptr_t)ist_stacks[0] + IST_STACK_SIZE;
	tss.ist[IST_NMI_MCE - 1] = (uintptr_t)ist_stacks[1] + IST_STACK_SIZE;
	tss.iomap_base = sizeof(tss);
}

static void gdt_load(void)
{
	struct x86_desc_ptr p = { sizeof(gdt) - 1, (uintptr_t)gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %2, %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 "ltr %w3"
			 : : "m"(p), "i"(SEL_CODE64), "i"(SEL_DATA), "r"(SEL_TSS)
			 : "rax", "memory");
}

static void idt_set(unsigned int vec, uintptr_t handler, uint8_t ist)
{
	idt[vec] = (struct x86_idt_gate){
		.offset_lo = handler & 0xffff,
		.selector = SEL_CODE64,
		.ist = ist,
		.type = IDT_INTR_GATE,
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_hi = handler >> 32,
	};
}

static void idt_load(void)
{
	struct x86_desc_ptr p = { sizeof(idt) - 1, (uintptr_t)idt };

	for (unsigned int v = 0; v < K_ARRAY_SIZE(idt); v++)
		idt_set(v, x86_trap_stubs[v], 0);
	idt_set(8, x86_trap_stubs[8], IST_DOUBLE_FAULT);	/* #DF: the stack may be gone */
	idt_set(2, x86_trap_stubs[2], IST_NMI_MCE);		/* NMI */
	idt_set(18, x86_trap_stubs[18], IST_NMI_MCE);		/* #MC */
	__asm__ volatile("lidt %0" : : "m"(p));
}

/*
 * Unmap the page under the boot stack so that an overflow faults instead of
 * overwriting the page tables. The first 2 MiB are mapped with 4 KiB pages
 * (entry32.S); an image loaded above that keeps its guard page mapped.
 */
static void boot_stack_guard_unmap(void)
{
	static struct k_guard boot_guard = { .owner = "main (boot stack)" };
	uintptr_t guard = (uintptr_t)x86_boot_stack_guard;

	/* Named from the start, so that even an early overflow is reported as one. */
	boot_guard.page = guard;
	k_guard_add(&boot_guard);
	if (guard >= (512u << 12))
		return;
	x86_pt0[guard >> 12] = 0;
	__asm__ volatile("invlpg (%0)" : : "r"(guard) : "memory");
}

void k_arch_init(void)
{
	/* First: spinlocks (even k_guard_add's) read the per-CPU struct through %gs. */
	x86_wrmsr(MSR_GS_BASE, (uintptr_t)&k_cpus[0]);
	x86_tls_boot_init();
	gdt_set_tss();
	gdt_load();
	idt_load();
	boot_stack_guard_unmap();
}
