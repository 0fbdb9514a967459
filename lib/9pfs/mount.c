// SPDX-License-Identifier: BSD-3-Clause
/*
 * The file system type "9p": the source is a mount tag, the options "msize=BYTES".
 * Mounting attaches to the export's root over the tag's session (one Tversion per
 * transport, shared by its mounts).
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/print.h>
#include "p9.h"

#define P9_MSIZE_MAX	(16u * 1024 * 1024)

static uint64_t p9_next_dev = 0x9000;

/* "msize=N" (decimal, optional K or M), comma-separated; 0 or -EINVAL with why. */
static int p9_parse_options(const char *opts, uint32_t *msize, char *why, size_t why_len)
{
	*msize = CONFIG_P9FS_MSIZE;
	while (opts && *opts) {
		size_t len = strcspn(opts, ",");
		uint64_t v = 0;
		const char *p = opts + 6;

		if (len < 7 || strncmp(opts, "msize=", 6)) {
			k_snprintf(why, why_len, "unknown option '%.*s' (9p takes msize=BYTES)",
				   (int)len, opts);
			return -EINVAL;
		}
		for (; p < opts + len && *p >= '0' && *p <= '9' && v <= P9_MSIZE_MAX; p++)
			v = v * 10 + (uint64_t)(*p - '0');
		if (p < opts + len && (*p == 'K' || *p == 'k' || *p == 'M' || *p == 'm'))
			v <<= (*p++ | 0x20) == 'k' ? 10 : 20;
		if (p != opts + len || v < P9_MSIZE_MIN || v > P9_MSIZE_MAX) {
			k_snprintf(why, why_len, "bad option '%.*s' (msize is %u..%u bytes)",
				   (int)len, opts, P9_MSIZE_MIN, P9_MSIZE_MAX);
			return -EINVAL;
		}
		*msize = (uint32_t)v;
		opts += len + (opts[len] == ',');
	}
	return 0;
}

static int p9_check_options(const char *opts, char *why, size_t why_len)
{
	uint32_t msize;

	return p9_parse_options(opts, &msize, why, why_len);
}

static int p9_mount_root(struct p9_mount *pm, char *why, size_t why_len)
{
	struct p9_client *c = pm->c;
	struct p9_node *root;
	struct p9_qid qid;
	uint32_t fid;
	int rc = p9_fid_alloc(c, &fid);

	if (!rc)
		rc = p9_attach(c, fid, &qid);
	if (!rc && !(qid.type & P9_QTDIR))
		rc = -ENOTDIR;
	if (rc) {
		k_snprintf(why, why_len, "Tattach to the export's root failed (error %d)", rc);
		return rc;
	}
	rc = p9_node_get(pm, fid, &qid, &root);
	if (!rc)
		pm->m->root = &root->vn;
	return rc;
}

static int p9_mount(struct k_mount *m, const char *source)
{
	struct p9_mount *pm;
	struct p9_statfs sf;
	uint32_t msize;
	int rc;

	rc = p9_parse_options(m->options, &msize, m->why, m->why_len);
	if (rc)
		return rc;
	if (!source || !*source) {
		k_snprintf(m->why, m->why_len, "a 9p mount needs a mount tag as its source");
		return -EINVAL;
	}
	pm = k_calloc(1, sizeof(*pm));
	if (pm)
		pm->hash = k_calloc(64, sizeof(*pm->hash));
	if (!pm || !pm->hash) {
		k_free(pm);
		return -ENOMEM;
	}
	pm->nbuckets = 64;
	pm->m = m;
	m->priv = pm;
	rc = p9_client_get(source, msize, &pm->c, m->why, m->why_len);
	if (!rc)
		rc = p9_mount_root(pm, m->why, m->why_len);
	if (rc) {
		k_free(pm->hash);
		k_free(pm);
		return rc;
	}
	pm->dev = __atomic_fetch_add(&p9_next_dev, 1, __ATOMIC_RELAXED);
	if (!p9_statfs(pm->c, p9_node(m->root)->fid, &sf))
		k_debug("9pfs: %s: blocks of %u bytes, %llu of %llu free\n", source, sf.bsize,
			(unsigned long long)sf.bavail, (unsigned long long)sf.blocks);
	k_info("9pfs: %s: " P9_VERSION ", msize %u\n", source, pm->c->msize);
	return 0;
}

const struct k_vnode_ops p9_vnode_ops = {
	.lookup = p9_lookup,
	.create = p9_create,
	.mkdir = p9_mkdir_op,
	.symlink = p9_symlink_op,
	.link = p9_link_op,
	.unlink = p9_unlink,
	.rmdir = p9_rmdir,
	.rename = p9_rename,
	.readlink = p9_readlink_op,
	.open = p9_open,
	.read = p9_read_op,
	.write = p9_write_op,
	.truncate = p9_truncate_op,
	.getattr = p9_getattr_op,
	.readdir = p9_readdir_op,
	.fsync = p9_fsync_op,
	.release = p9_release,
};

static struct k_fs_type p9_type = {
	.name = "9p",
	.mount = p9_mount,
	.check_options = p9_check_options,
	.flags = K_FS_IO_UNLOCKED | K_FS_OPTIONS,
};

static int p9_register(void)
{
	return k_vfs_register(&p9_type);
}
K_INIT(p9_register, K_INIT_FS, 05);
