// SPDX-License-Identifier: BSD-3-Clause
/* Frame-record stack walk (the kernel is built with -fno-omit-frame-pointer). */
#include <keel/arch.h>

/* Frames live in identity-mapped RAM, never in page 0 or above the 48-bit VA space. */
static int frame_is_plausible(uintptr_t fp)
{
	return fp >= K_ARCH_PAGE_SIZE && fp < (1ull << 48) - 16 && (fp & 7) == 0;
}

int k_arch_backtrace(const void *fp, uintptr_t *pcs, int max)
{
	uintptr_t frame = (uintptr_t)fp;
	int n = 0;

	/* AAPCS64 §6.2.3 frame record: [x29] = caller's x29, [x29 + 8] = return address. */
	while (n < max && frame_is_plausible(frame)) {
		const uintptr_t *f = (const uintptr_t *)frame;
		uintptr_t next = f[0], pc = f[1];

		if (!pc)
			break;
		/* The return address follows the call; panic.c looks up pc - 1. */
		pcs[n++] = pc;
		if (next <= frame)
			break;
		frame = next;
	}
	return n;
}
