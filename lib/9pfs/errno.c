// SPDX-License-Identifier: BSD-3-Clause
/*
 * Rlerror carries a Linux errno (the host's). Keel's errno values are newlib's, which
 * agree with Linux up to ERANGE (34) and differ above it; this table maps the ones a
 * file server can return. Values that klibc does not name are newlib's numbers.
 */
#include <errno.h>
#include <keel/print.h>
#include "p9.h"

#define P9_ENOLCK	46	/* newlib's ENOLCK, EDQUOT, ESTALE, EILSEQ, ENODATA */
#define P9_EDQUOT	132
#define P9_ESTALE	133
#define P9_EILSEQ	138
#define P9_ENODATA	61

static const struct {
	uint16_t linux_errno;
	uint16_t ours;
} p9_errnos[] = {
	{ 35, EDEADLK },	{ 36, ENAMETOOLONG },	{ 37, P9_ENOLCK },
	{ 38, ENOSYS },		{ 39, ENOTEMPTY },	{ 40, ELOOP },
	{ 61, P9_ENODATA },	{ 75, EOVERFLOW },	{ 84, P9_EILSEQ },
	{ 95, EOPNOTSUPP },	{ 110, ETIMEDOUT },	{ 116, P9_ESTALE },
	{ 122, P9_EDQUOT },	{ 524, EOPNOTSUPP },	/* Linux's internal ENOTSUPP */
};

int p9_errno(struct p9_client *c, uint32_t ecode)
{
	if (ecode >= 1 && ecode <= 34)
		return -(int)ecode;
	for (size_t i = 0; i < K_ARRAY_SIZE(p9_errnos); i++)
		if (p9_errnos[i].linux_errno == ecode)
			return -(int)p9_errnos[i].ours;
	if (!c->warned_errno) {
		c->warned_errno = true;
		k_warn("9pfs: %s: the server returned error %u, which has no equivalent here; "
		       "reported as EIO (logged once)\n", c->t->tag, ecode);
	}
	return -EIO;
}
