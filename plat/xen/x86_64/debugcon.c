// SPDX-License-Identifier: BSD-3-Clause
/*
 * The last-resort console on x86_64: Xen's debug port 0xE9, which needs no set-up and
 * which Xen prints in its own log as "(dN) text" lines (guest_loglvl permitting).
 */
#include <keel/arch.h>
#include "../xenplat.h"

#define DEBUGCON_PORT	0xe9

void xen_debug_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		outb(DEBUGCON_PORT, (uint8_t)buf[i]);
}
