/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's compiler and platform glue for Keel (lwip/arch.h includes it): newlib's
 * headers for types, errno and struct timeval; assertions stop Keel naming the file
 * and line; diagnostics go to the log at debug level; random numbers come from
 * lib/random.
 */
#ifndef KEEL_LWIP_ARCH_CC_H
#define KEEL_LWIP_ARCH_CC_H

/*
 * lwIP's sockets.h stops the build when newlib's fd_set (from <sys/types.h>) has room
 * for fewer descriptors than lwIP has sockets. Only lwip_select() would use it, and
 * it is off (LWIP_SOCKET_SELECT 0): the bound is raised to what lwIP checks, as the
 * size itself when newlib's headers come later, and only as the macro lwIP compares
 * in code that included them first.
 */
#ifndef FD_SETSIZE
#define FD_SETSIZE	CONFIG_LWIP_SOCKETS
#elif FD_SETSIZE < CONFIG_LWIP_SOCKETS
#undef FD_SETSIZE
#define FD_SETSIZE	CONFIG_LWIP_SOCKETS
#endif

#include <limits.h>
#include <sys/time.h>
#include <keel/alloc.h>
#include <keel/panic.h>
#include <keel/print.h>

/*
 * newlib's ssize_t (long) is the type lwIP's socket calls return; lwIP takes it from
 * <unistd.h> only when SSIZE_MAX says it is there.
 */
#ifndef SSIZE_MAX
#define SSIZE_MAX	LONG_MAX
#endif

/* errno and its names are newlib's (the values lwIP's sockets report). */
#define LWIP_ERRNO_STDINCLUDE	1

#define LWIP_PLATFORM_DIAG(x)	do { k_debug x; } while (0)
#define LWIP_PLATFORM_ASSERT(x)	\
	k_panic("lwip: assertion \"%s\" failed at %s:%d", (x), __FILE__, __LINE__)

unsigned int k_lwip_rand(void);
#define LWIP_RAND()		((u32_t)k_lwip_rand())

#endif /* KEEL_LWIP_ARCH_CC_H */
