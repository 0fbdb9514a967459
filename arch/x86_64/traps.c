// SPDX-License-Identifier: BSD-3-Clause
/* CPU exception reports: what happened, where, the registers and a backtrace. */
#include <stdbool.h>
#include <keel/arch.h>
#include <keel/guard.h>
#include <keel/ksyms.h>
#include <keel/panic.h>
#include <keel/plat.h>
#include <keel/print.h>
#include "traps.h"

extern char __image_start[], __rodata_start[], __data_start[];

static const char *const trap_names[32] = {
	[0] = "#DE divide error",		[1] = "#DB debug",
	[2] = "NMI",				[3] = "#BP breakpoint",
	[4] = "#OF overflow",			[5] = "#BR bound range",
	[6] = "#UD invalid opcode",		[7] = "#NM device not available",
	[8] = "#DF double fault",		[9] = "coprocessor segment overrun",
	[10] = "#TS invalid TSS",		[11] = "#NP segment not present",
	[12] = "#SS stack fault",		[13] = "#GP general protection",
	[14] = "#PF page fault",		[16] = "#MF x87 error",
	[17] = "#AC alignment check",		[18] = "#MC machine check",
	[19] = "#XM SIMD exception",		[20] = "#VE virtualization",
	[21] = "#CP control protection",	[28] = "#HV hypervisor injection",
	[29] = "#VC VMM communication",		[30] = "#SX security",
};

/* The owner of the guard page holding addr, NULL if addr is in none. */
static const char *trap_stack_guard_owner(uint64_t addr)
{
	const struct k_guard *g = k_guard_find(addr);

	return g ? g->owner : NULL;
}

static const char *trap_image_part(uint64_t addr)
{
	if (addr >= (uintptr_t)__image_start && addr < (uintptr_t)__rodata_start)
		return " in kernel text";
	if (addr >= (uintptr_t)__rodata_start && addr < (uintptr_t)__data_start)
		return " in read-only data";
	return "";
}

/* SDM 3A §4.7: page-fault error code bits P (0), W/R (1), RSVD (3), I/D (4). */
static void trap_explain_page_fault(const struct x86_trap_frame *f, uint64_t cr2)
{
	/* A #DF carries no page-fault error code: the access kind is unknown. */
	const char *what = f->vector != 14 ? "access" : f->error & 0x10 ? "instruction fetch" :
			   f->error & 0x2 ? "write" : "read";
	const char *owner = trap_stack_guard_owner(cr2);
	bool present = f->vector == 14 && (f->error & 0x1);

	if (owner)
		k_crit("stack overflow in %s: %s at 0x%lx in the guard page under its stack\n",
		       owner, what, (unsigned long)cr2);
	else if (cr2 < K_ARCH_PAGE_SIZE)
		k_crit("NULL pointer dereference: %s at address 0x%lx\n", what,
		       (unsigned long)cr2);
	else if (present && (f->error & 0x10) && !(f->error & 0x8))
		k_crit("W^X violation: instruction fetch at 0x%lx%s, which is not executable\n",
		       (unsigned long)cr2, trap_image_part(cr2));
	else if (present && (f->error & 0x2) && !(f->error & 0x8))
		k_crit("W^X violation: write at 0x%lx%s, which is read-only\n",
		       (unsigned long)cr2, trap_image_part(cr2));
	else
		k_crit("%s at 0x%lx: %s%s\n", what, (unsigned long)cr2,
		       present ? "protection violation" : "page not present",
		       f->error & 0x8 ? ", reserved bit set" : "");
}

static void trap_print_registers(const struct x86_trap_frame *f, uint64_t cr2)
{
	char sym[96];

	k_crit("RIP=%016lx %s\n", f->rip, k_ksym_format(f->rip, sym, sizeof(sym)));
	k_crit("RSP=%016lx RFLAGS=%016lx CS=%04lx SS=%04lx\n", f->rsp, f->rflags, f->cs, f->ss);
	k_crit("CR2=%016lx CR3=%016lx CR0=%016lx CR4=%016lx\n", cr2, x86_read_cr3(),
	       x86_read_cr0(), x86_read_cr4());
	k_crit("RAX=%016lx RBX=%016lx RCX=%016lx RDX=%016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
	k_crit("RSI=%016lx RDI=%016lx RBP=%016lx R8 =%016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
	k_crit("R9 =%016lx R10=%016lx R11=%016lx R12=%016lx\n", f->r9, f->r10, f->r11, f->r12);
	k_crit("R13=%016lx R14=%016lx R15=%016lx\n", f->r13, f->r14, f->r15);
}

/*
 * A fault on a function's first instruction comes before it pushed its frame: its
 * return address is still at RSP and the frame chain starts at its caller's caller.
 */
static void trap_print_entry_caller(const struct x86_trap_frame *f)
{
	uintptr_t off, ret;
	char sym[96];

	if (!k_ksym_lookup(f->rip, &off) || off != 0 || f->rsp < K_ARCH_PAGE_SIZE ||
	    (f->rsp & 7))
		return;
	ret = *(const uintptr_t *)f->rsp;
	if (k_ksym_lookup(ret - 1, &off))
		k_crit("Called from 0x%016lx %s (fault at function entry)\n", (unsigned long)ret,
		       k_ksym_format(ret - 1, sym, sizeof(sym)));
}

void x86_trap(struct x86_trap_frame *f);
bool x86_fpu_trap(void);

void x86_trap(struct x86_trap_frame *f)
{
	static int depth;
	uint64_t cr2 = x86_read_cr2();
	const char *name = f->vector < 32 && trap_names[f->vector] ? trap_names[f->vector]
								     : "reserved";

#ifdef CONFIG_FPU
	/* #NM: the lazy FPU switch (fpu.c), not a fault. */
	if (f->vector == 7 && x86_fpu_trap())
		return;
#endif
	if (depth++) {
		k_console_write("\nfault while reporting a fault, powering off\n", 45);
		plat_poweroff(K_EXIT_PANIC);
	}
	k_log_level = K_LOG_DEBUG;
	k_crit("\nCPU exception %s (vector %lu, error code 0x%lx)\n", name,
	       (unsigned long)f->vector, (unsigned long)f->error);
	if (f->vector == 14 || (f->vector == 8 && trap_stack_guard_owner(cr2)))
		trap_explain_page_fault(f, cr2);
	trap_print_registers(f, cr2);
	trap_print_entry_caller(f);
	k_backtrace_print((const void *)f->rbp);
	k_console_flush();
	plat_poweroff(K_EXIT_PANIC);
}
