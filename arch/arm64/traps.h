/* SPDX-License-Identifier: BSD-3-Clause */
/* The register frame vectors.S builds on the stack (lowest address first). */
#ifndef ARM64_TRAPS_H
#define ARM64_TRAPS_H

#include <stdint.h>

struct arm64_trap_frame {
	uint64_t x[31];		/* x0..x30 (x29 = frame pointer, x30 = link register) */
	uint64_t sp;		/* the interrupted code's stack pointer */
	uint64_t elr;		/* where it was (ELR_EL1) */
	uint64_t spsr;		/* its PSTATE (SPSR_EL1) */
	uint64_t esr;		/* syndrome (ESR_EL1); 0 for interrupts */
	uint64_t far;		/* fault address (FAR_EL1) */
};

/* Which vector the exception came through (ARM ARM D1.10.2, table D1-7). */
enum arm64_vector {
	ARM64_VEC_SYNC, ARM64_VEC_IRQ, ARM64_VEC_FIQ, ARM64_VEC_SERROR,
};

#endif /* ARM64_TRAPS_H */
