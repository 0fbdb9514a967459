// SPDX-License-Identifier: BSD-3-Clause
/* Frame-pointer stack walk (the kernel is built with -fno-omit-frame-pointer). */
#include <keel/arch.h>

/* Frames live in the identity-mapped first 4 GiB, never in page 0. */
static int frame_is_plausible(uintptr_t fp)
{
	return fp >= K_ARCH_PAGE_SIZE && fp < (4ull << 30) - 16 && (fp & 7) == 0;
}

int k_arch_backtrace(const void *fp, uintptr_t *pcs, int max)
{
	uintptr_t frame = (uintptr_t)fp;
	int n = 0;

	/* x86_64 frame: [rbp] = caller's rbp, [rbp + 8] = return address. */
	while (n < max && frame_is_plausible(frame)) {
		const uintptr_t *f = (const uintptr_t *)frame;
		uintptr_t next = f[0], pc = f[1];

		if (!pc)
			break;
		pcs[n++] = pc;
		/* The stack grows down: callers' frames are strictly higher. */
		if (next <= frame)
			break;
		frame = next;
	}
	return n;
}
