/* SPDX-License-Identifier: BSD-3-Clause */
/* The register frame traps.S builds on the stack (lowest address first). */
#ifndef X86_64_TRAPS_H
#define X86_64_TRAPS_H

#include <stdint.h>

struct x86_trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	/* pushed by the CPU (SDM 3A §6.14.2) */
	uint64_t rip, cs, rflags, rsp, ss;
};

#endif /* X86_64_TRAPS_H */
