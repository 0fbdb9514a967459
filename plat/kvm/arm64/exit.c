// SPDX-License-Identifier: BSD-3-Clause
/*
 * The semihosting exit, for plat/kvm and plat/efi on arm64 (exit.h; PSCI is psci.c).
 *
 * Whether a semihosting host is there cannot be asked. Without one, HLT #0xF000 is an
 * undefined instruction, which arch/arm64 skips (semihost.c); but with an external
 * debugger attached and halting debug enabled it stops the CPU until the debugger
 * resumes it. So the platform's option (CONFIG_KVM_ARM64_SEMIHOSTING,
 * CONFIG_EFI_ARM64_SEMIHOSTING; default y) makes the attempt, and semihosting=0 on the
 * command line turns it off for such a machine.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <keel/arm64/semihost.h>
#include <keel/param.h>
#include "exit.h"

#if defined(CONFIG_KVM_ARM64_SEMIHOSTING) || defined(CONFIG_EFI_ARM64_SEMIHOSTING)
static bool use_semihosting = true;
#else
static bool use_semihosting;
#endif

static int semihosting_set(const char *value)
{
	if (!value || (strcmp(value, "0") && strcmp(value, "1")))
		return -EINVAL;
	use_semihosting = value[0] == '1';
	return 0;
}
K_PARAM("semihosting", semihosting_set, "0 or 1: exit status through semihosting (QEMU)");

void arm64_exit_semihosting(int status)
{
	/*
	 * The host's status is 2 * status + 3, as with x86's isa-debug-exit, so that
	 * QEMU's own failures (1) never read as a program status (support/qemu-run).
	 */
	uint64_t block[2] = { ARM64_SEMIHOST_APP_EXIT, (uint64_t)status * 2 + 3 };

	if (use_semihosting)
		arm64_semihost_call(ARM64_SEMIHOST_SYS_EXIT_EXTENDED, block);
}
