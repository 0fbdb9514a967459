/* SPDX-License-Identifier: BSD-3-Clause */
/* Stand-in for the generated keel/config.h: the options the host-tested sources read. */
#ifndef KEEL_CONFIG_H
#define KEEL_CONFIG_H

#define CONFIG_LIBCORE 1
#define CONFIG_LIBBOOT 1
#define CONFIG_LIBKLIBC 1
#define CONFIG_CORE_LOG_LEVEL 3
#define CONFIG_BOOT_MAX_ARGS 64

#endif /* KEEL_CONFIG_H */
