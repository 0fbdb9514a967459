/* SPDX-License-Identifier: BSD-3-Clause */
/* The historical name of <poll.h>. */
#ifndef KEEL_SYS_POLL_H
#define KEEL_SYS_POLL_H

#include <poll.h>

#endif /* KEEL_SYS_POLL_H */
