// SPDX-License-Identifier: BSD-3-Clause
/*
 * The initrd: the first module the loader passed (QEMU -initrd), unpacked into the
 * root file system at boot when it is a cpio "newc" archive. Entries are created with
 * the ordinary VFS calls, so whatever file system is the root receives them. A
 * malformed archive stops unpacking at the bad entry; what came before stays.
 */
#include <keel/arch.h>
#include <keel/boot.h>
#include <keel/fdtab.h>
#include <keel/init.h>
#include <keel/plat.h>
#include <keel/print.h>
#include <keel/vfs.h>
#include <string.h>
#include "cpio.h"

struct initrd_stats {
	unsigned int dirs, files, links, skipped;
	uint64_t bytes;
};

/* K_INIT runs once, before any thread of the application: static buffers are fine. */
static char initrd_path[K_VFS_PATH_MAX];
static char initrd_target[K_VFS_PATH_MAX];

/*
 * The archive name as an absolute path: "./", "//" and "." dropped, ".." taking one
 * component off. -EINVAL when ".." would leave the root, -ENAMETOOLONG, and 0 with
 * an empty path for the root itself.
 */
static int initrd_make_path(const char *name, size_t len, char *out, size_t size)
{
	size_t n = 0, i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && name[j] != '/')
			j++;
		if (j - i == 2 && name[i] == '.' && name[i + 1] == '.') {
			if (!n)
				return -EINVAL;
			while (out[--n] != '/')
				;
		} else if (j > i && !(j - i == 1 && name[i] == '.')) {
			if (n + 1 + (j - i) + 1 > size)
				return -ENAMETOOLONG;
			out[n++] = '/';
			memcpy(out + n, name + i, j - i);
			n += j - i;
		}
		i = j + 1;
	}
	out[n] = 0;
	return 0;
}

static int initrd_write_file(const char *path, const struct cpio_entry *e)
{
	int64_t done = 0, w;
	int fd = k_vfs_open(path, K_O_WRONLY | K_O_CREAT | K_O_TRUNC, e->mode & 07777);

	if (fd < 0)
		return fd;
	while (done < e->size) {
		w = k_fd_write(fd, e->data + done, e->size - done);
		if (w <= 0) {
			k_fd_close(fd);
			return w < 0 ? (int)w : -ENOSPC;
		}
		done += w;
	}
	return k_fd_close(fd);
}

static int initrd_mkdir(const char *path, uint32_t mode)
{
	struct k_stat st;
	int rc = k_vfs_mkdir(path, mode & 07777);

	/* An existing directory (listed twice, or made by an earlier entry) is fine. */
	if (rc == -EEXIST && !k_vfs_stat(path, &st, 1) && (st.mode & K_S_IFMT) == K_S_IFDIR)
		return 0;
	return rc;
}

static int initrd_symlink(const char *path, const struct cpio_entry *e)
{
	if (!e->size || e->size >= sizeof(initrd_target))
		return -ENAMETOOLONG;
	memcpy(initrd_target, e->data, e->size);
	initrd_target[e->size] = 0;
	if (strlen(initrd_target) != e->size)
		return -EINVAL;
	return k_vfs_symlink(initrd_target, path);
}

/* One entry into the VFS; VFS errors are reported and skipped, not fatal. */
static void initrd_create(const struct cpio_entry *e, size_t off, struct initrd_stats *st)
{
	const char *path = initrd_path;
	int rc;

	switch (e->mode & K_S_IFMT) {
	case K_S_IFDIR:
		rc = *path ? initrd_mkdir(path, e->mode) : 0;
		st->dirs += !rc;
		break;
	case K_S_IFREG:
		rc = initrd_write_file(path, e);
		st->files += !rc;
		st->bytes += rc ? 0 : e->size;
		break;
	case K_S_IFLNK:
		rc = initrd_symlink(path, e);
		st->links += !rc;
		break;
	default:
		k_warn("initrd: entry \"%s\" at offset %lu: file type 0%o is not supported, "
		       "skipped\n", e->name, (unsigned long)off, e->mode & K_S_IFMT);
		st->skipped++;
		return;
	}
	if (rc) {
		k_warn("initrd: entry \"%s\" at offset %lu: cannot create it (error %d), "
		       "skipped\n", e->name, (unsigned long)off, rc);
		st->skipped++;
	}
}

static bool initrd_check_sum(const struct cpio_entry *e)
{
	uint32_t sum = 0;

	for (uint32_t i = 0; i < e->size; i++)
		sum += e->data[i];
	return sum == e->check;
}

/* Checks an entry cpio_next accepted; NULL or what is wrong with it. */
static const char *initrd_check_entry(const struct cpio_entry *e)
{
	int rc = initrd_make_path(e->name, e->name_len, initrd_path, sizeof(initrd_path));

	if (rc == -EINVAL)
		return "its path leaves the root (\"..\")";
	if (rc)
		return "its path is too long";
	if (e->has_check && (e->mode & K_S_IFMT) == K_S_IFREG && !initrd_check_sum(e))
		return "the data does not match its 070702 checksum";
	return NULL;
}

/* Unpack [buf, buf + len); 0 when the whole archive went in, -EINVAL when cut short. */
static int initrd_unpack(const uint8_t *buf, size_t len, struct initrd_stats *st)
{
	struct cpio_entry e;
	const char *why = NULL;
	size_t off = 0, at;
	int rc;

	for (unsigned int n = 0;; n++) {
		at = off;
		if (off == len) {
			k_err("initrd: malformed archive: entry %u at offset %lu: the archive "
			      "ends without a TRAILER!!! entry (truncated?)\n", n,
			      (unsigned long)at);
			return -EINVAL;
		}
		rc = cpio_next(buf, len, &off, &e, &why);
		if (!rc)
			return 0;
		if (rc < 0 && !e.name) {
			k_err("initrd: malformed archive: entry %u at offset %lu: %s; unpacking "
			      "stopped, the rest of the archive is ignored\n", n,
			      (unsigned long)at, why);
			return -EINVAL;
		}
		if (rc > 0)
			why = initrd_check_entry(&e);
		if (why) {
			k_err("initrd: malformed archive: entry %u \"%.*s\" at offset %lu: %s; "
			      "unpacking stopped, the rest of the archive is ignored\n", n,
			      (int)(e.name_len > 200 ? 200 : e.name_len), e.name,
			      (unsigned long)at, why);
			return -EINVAL;
		}
		initrd_create(&e, at, st);
	}
}

/* The archive is only read here; its pages go back to the page allocator after. */
static void initrd_release(void)
{
	size_t pages = k_boot_module_release(0);

	k_info("initrd: %lu KiB returned to the page allocator\n",
	       (unsigned long)(pages * K_ARCH_PAGE_SIZE >> 10));
}

static int initrd_init(void)
{
	const struct k_bootinfo *bi = k_bootinfo();
	const struct k_boot_module *m;
	struct initrd_stats st = { 0 };
	uint32_t umask;
	int rc;

	if (!bi || !bi->nmodules)
		return 0;
	m = &bi->modules[0];
	if (m->size >= 2 && ((const uint8_t *)(uintptr_t)m->base)[0] == 0x1f &&
	    ((const uint8_t *)(uintptr_t)m->base)[1] == 0x8b) {
		k_err("initrd: the module is gzip-compressed; only an uncompressed cpio "
		      "\"newc\" archive is unpacked (not unpacked)\n");
		initrd_release();
		return 0;
	}
	if (!cpio_is_newc((const uint8_t *)(uintptr_t)m->base, m->size)) {
		k_err("initrd: the module (%lu bytes) is not a cpio \"newc\" archive: bad "
		      "magic at offset 0 (not 070701 or 070702); not unpacked\n",
		      (unsigned long)m->size);
		initrd_release();
		return 0;
	}
	/* The archive's permission bits are kept as they are. */
	umask = k_vfs_umask(0);
	rc = initrd_unpack((const uint8_t *)(uintptr_t)m->base, m->size, &st);
	k_vfs_umask(umask);
	k_info("initrd: %s: %u directories, %u files (%lu bytes), %u symbolic links%s; "
	       "%u entries skipped\n", rc ? "partly unpacked" : "unpacked", st.dirs,
	       st.files, (unsigned long)st.bytes, st.links,
	       rc ? " before the error" : "", st.skipped);
	initrd_release();
	return 0;
}
K_INIT(initrd_init, K_INIT_FS, 20);
