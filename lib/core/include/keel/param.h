/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Command-line parameters declared by the library that owns them:
 *	K_PARAM("log.level", log_level_set, "crit|err|warn|info|debug");
 * Names are "library.key". A name ending in '.' ("env.") is a family: it takes every
 * word that starts with it, and its set() gets the rest of the word ("KEY=VALUE").
 * lib/boot applies the ones given before "--" on the
 * command line and refuses unknown names and bad values with a clear message.
 */
#ifndef KEEL_PARAM_H
#define KEEL_PARAM_H

#include <keel/compiler.h>

struct k_param {
	const char *name;
	/* value is NULL for a bare "name"; returns 0 or -EINVAL for a bad value */
	int (*set)(const char *value);
	const char *help;	/* what values are accepted, shown on errors */
	unsigned int flags;
};

/*
 * Taken wherever it appears, after "--" too, and never passed to the application: for
 * words a VMM appends to the command line (QEMU microvm's and Firecracker's
 * virtio_mmio.device=).
 */
#define K_PARAM_ANYWHERE	0x1

#define K_PARAM_FLAGS(pname, setfn, helptext, fl)			\
	static const struct k_param __k_param_##setfn __k_used		\
	__k_aligned(8) __k_section(".k_param") = { pname, setfn, helptext, fl }
#define K_PARAM(pname, setfn, helptext)	K_PARAM_FLAGS(pname, setfn, helptext, 0)

extern const struct k_param __k_param_start[], __k_param_end[];

#endif /* KEEL_PARAM_H */
