// SPDX-License-Identifier: BSD-3-Clause
/* Without lib/fdtab there are no descriptors to change: fcntl fails with ENOSYS. */
#include "unsupported.h"

int fcntl(int fd, int cmd, ...)
{
	(void)fd;
	(void)cmd;
	return UNSUPPORTED(fcntl);
}
