// SPDX-License-Identifier: BSD-3-Clause
/* A semihosting call without a semihosting host: skip the HLT, report ABSENT. */
#include <stdbool.h>
#include <keel/arm64/semihost.h>
#include "traps.h"

extern const char arm64_semihost_insn[];
bool arm64_semihost_trap(struct arm64_trap_frame *f);

/* Called for undefined-instruction exceptions: true when it was the semihosting HLT. */
bool arm64_semihost_trap(struct arm64_trap_frame *f)
{
	if (f->elr != (uintptr_t)arm64_semihost_insn)
		return false;
	f->x[0] = (uint64_t)ARM64_SEMIHOST_ABSENT;
	f->elr += 4;
	return true;
}
