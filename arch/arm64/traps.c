// SPDX-License-Identifier: BSD-3-Clause
/* CPU exception reports: what happened (ESR decoded), where, the registers, a backtrace. */
#include <stdbool.h>
#include <keel/arch.h>
#include <keel/guard.h>
#include <keel/ksyms.h>
#include <keel/panic.h>
#include <keel/plat.h>
#include <keel/print.h>
#include "traps.h"

/* ESR_ELx (ARM ARM D17.2.37): exception class and the abort syndrome fields. */
#define ESR_EC(esr)		(((esr) >> 26) & 0x3f)
#define ESR_ISS(esr)		((esr) & 0x1ffffff)
#define EC_UNKNOWN		0x00
#define EC_FP_ACCESS		0x07
#define EC_INSN_ABORT		0x21
#define EC_DATA_ABORT		0x25
#define ABORT_FNV		(1u << 10)	/* FAR not valid */
#define ABORT_WNR		(1u << 6)	/* data abort: the access was a write */
#define ABORT_FSC(iss)		((iss) & 0x3f)	/* fault status code */

extern char __image_start[], __rodata_start[], __data_start[];

bool arm64_fpu_trap(void);
bool arm64_semihost_trap(struct arm64_trap_frame *f);
void arm64_trap(struct arm64_trap_frame *f, unsigned long vector, unsigned long group);

static const char *const ec_names[64] = {
	[0x00] = "undefined instruction",	[0x01] = "WFI/WFE trap",
	[0x07] = "FP/SIMD access trap",		[0x0e] = "illegal execution state",
	[0x15] = "SVC",				[0x16] = "HVC",
	[0x17] = "SMC",				[0x18] = "system register access trap",
	[0x19] = "SVE access trap",		[0x20] = "instruction abort from EL0",
	[0x21] = "instruction abort",		[0x22] = "PC alignment fault",
	[0x24] = "data abort from EL0",		[0x25] = "data abort",
	[0x26] = "SP alignment fault",		[0x2c] = "FP exception",
	[0x2f] = "SError",			[0x30] = "breakpoint from EL0",
	[0x31] = "breakpoint",			[0x32] = "software step from EL0",
	[0x33] = "software step",		[0x34] = "watchpoint from EL0",
	[0x35] = "watchpoint",			[0x3c] = "BRK instruction",
};

static const char *const vector_names[4] = { "synchronous exception", "IRQ", "FIQ",
					     "SError" };
static const char *const group_names[4] = { "EL1 (SP_EL0)", "EL1 (SP_EL1)",
					    "EL0 (AArch64)", "EL0 (AArch32)" };

/* ARM ARM D17.2.37, DFSC/IFSC: what kind of abort, from bits 5:2. */
static const char *abort_kind(unsigned int fsc)
{
	switch (fsc >> 2) {
	case 0x0: return "address size fault";
	case 0x1: return "page not present";		/* translation fault */
	case 0x2: return "access flag fault";
	case 0x3: return "protection violation";	/* permission fault */
	case 0x4: return fsc == 0x10 ? "synchronous external abort" : "external abort on walk";
	case 0x8: return fsc == 0x21 ? "alignment fault" : "fault";
	default: return "fault";
	}
}

static const char *trap_image_part(uint64_t addr)
{
	if (addr >= (uintptr_t)__image_start && addr < (uintptr_t)__rodata_start)
		return " in kernel text";
	if (addr >= (uintptr_t)__rodata_start && addr < (uintptr_t)__data_start)
		return " in read-only data";
	return "";
}

/* One line saying what the abort means: the same words as on x86_64. */
static void trap_explain_abort(const struct arm64_trap_frame *f)
{
	unsigned int iss = ESR_ISS(f->esr), fsc = ABORT_FSC(iss);
	bool fetch = ESR_EC(f->esr) == EC_INSN_ABORT;
	const char *what = fetch ? "instruction fetch" : iss & ABORT_WNR ? "write" : "read";
	const struct k_guard *g;
	uint64_t a = f->far;

	if (iss & ABORT_FNV) {
		k_crit("%s at an unknown address: %s\n", what, abort_kind(fsc));
		return;
	}
	g = k_guard_find(a);
	if (g)
		k_crit("stack overflow in %s: %s at 0x%lx in the guard page under its stack\n",
		       g->owner, what, (unsigned long)a);
	else if (a < K_ARCH_PAGE_SIZE)
		k_crit("NULL pointer dereference: %s at address 0x%lx\n", what,
		       (unsigned long)a);
	else if ((fsc >> 2) == 0x3 && fetch)
		k_crit("W^X violation: instruction fetch at 0x%lx%s, which is not executable\n",
		       (unsigned long)a, trap_image_part(a));
	else if ((fsc >> 2) == 0x3 && (iss & ABORT_WNR))
		k_crit("W^X violation: write at 0x%lx%s, which is read-only\n",
		       (unsigned long)a, trap_image_part(a));
	else
		k_crit("%s at 0x%lx: %s\n", what, (unsigned long)a, abort_kind(fsc));
}

static void trap_print_registers(const struct arm64_trap_frame *f)
{
	char sym[96];

	k_crit("ELR=%016lx %s\n", f->elr, k_ksym_format(f->elr, sym, sizeof(sym)));
	k_crit("LR =%016lx %s\n", f->x[30], k_ksym_format(f->x[30] - 4, sym, sizeof(sym)));
	k_crit("SP =%016lx SPSR=%016lx ESR=%016lx FAR=%016lx\n", f->sp, f->spsr, f->esr,
	       f->far);
	for (int i = 0; i < 30; i += 4) {
		if (i + 2 < 30)
			k_crit("X%-2d=%016lx X%-2d=%016lx X%-2d=%016lx X%-2d=%016lx\n", i,
			       f->x[i], i + 1, f->x[i + 1], i + 2, f->x[i + 2], i + 3,
			       f->x[i + 3]);
		else
			k_crit("X%-2d=%016lx X%-2d=%016lx\n", i, f->x[i], i + 1, f->x[i + 1]);
	}
}

static void trap_report(const struct arm64_trap_frame *f, unsigned long vector,
			unsigned long group)
{
	unsigned int ec = ESR_EC(f->esr);

	if (vector == ARM64_VEC_SYNC)
		k_crit("\nCPU exception: %s (EC 0x%02x) from %s\n",
		       ec_names[ec] ? ec_names[ec] : "reserved exception class", ec,
		       group_names[group & 3]);
	else
		k_crit("\nCPU exception: unexpected %s from %s\n", vector_names[vector & 3],
		       group_names[group & 3]);
	if (vector == ARM64_VEC_SYNC && (ec == EC_DATA_ABORT || ec == EC_INSN_ABORT))
		trap_explain_abort(f);
	else if (vector == ARM64_VEC_SYNC && ec == EC_FP_ACCESS)
		k_crit("FP/SIMD register use in code built without it (CONFIG_FPU, fpu-libs-y)\n");
	trap_print_registers(f);
	/* The faulting function's own frame may not exist yet: LR names its caller. */
	k_backtrace_print((const void *)f->x[29]);
}

void arm64_trap(struct arm64_trap_frame *f, unsigned long vector, unsigned long group)
{
	static int depth;

#ifdef CONFIG_FPU
	if (vector == ARM64_VEC_SYNC && group == 0 && ESR_EC(f->esr) == EC_FP_ACCESS &&
	    arm64_fpu_trap())
		return;
#endif
	/* Power-off probes semihosting, also from inside a fault report (group 1). */
	if (vector == ARM64_VEC_SYNC && group < 2 && ESR_EC(f->esr) == EC_UNKNOWN &&
	    arm64_semihost_trap(f))
		return;
	if (depth++) {
		k_console_write("\nfault while reporting a fault, powering off\n", 45);
		plat_poweroff(K_EXIT_PANIC);
	}
	k_log_level = K_LOG_DEBUG;
	trap_report(f, vector, group);
	k_console_flush();
	plat_poweroff(K_EXIT_PANIC);
}
