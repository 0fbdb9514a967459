// SPDX-License-Identifier: BSD-3-Clause
/*
 * Mounts from the command line: vfs.mount=SOURCE:PATH[:FSTYPE[:OPTIONS]], once per
 * mount (the parameter may be repeated), FSTYPE 9p when left out (SOURCE is then a
 * mount tag). vfs.mount_errors=continue|stop (default: CONFIG_VFS_MOUNT_ERRORS_STOP)
 * says what a mount that fails does to the boot. A value that cannot mean anything (no
 * source, a relative path, an unknown type or bad options) is a bad parameter value
 * and stops the boot whatever the policy, like any other bad Keel parameter.
 *
 * Parameters are applied before the allocators start, so only the words are recorded
 * here (they stay in the command-line buffer); they are mounted at K_INIT_FS 30, after
 * the root (10), /dev and the initrd (20), in command-line order.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/fmt.h>
#include <keel/init.h>
#include <keel/panic.h>
#include <keel/param.h>
#include <keel/print.h>
#include "vfs_impl.h"

#define MOUNTS_MAX	8
#define MOUNT_HELP	"SOURCE:PATH[:FSTYPE[:OPTIONS]] with an absolute PATH, e.g. host0:/mnt or none:/tmp:ramfs"
#define MOUNT_TYPE_MAX	31
#define MOUNT_SOURCE_MAX	255

static const char *mount_words[MOUNTS_MAX];
static unsigned int mount_count;
#ifdef CONFIG_VFS_MOUNT_ERRORS_STOP
static bool mount_stop = true;
#else
static bool mount_stop;
#endif

/* One word, split. The strings live in mount_spec's own buffers. */
struct mount_spec {
	char source[MOUNT_SOURCE_MAX + 1];
	char type[MOUNT_TYPE_MAX + 1];
	char path[K_VFS_PATH_MAX];
	const char *options;		/* in the word; NULL when none */
};

/* Parameters and init functions run one at a time on one CPU: one spec serves both. */
static struct mount_spec mount_sp;

/* Copy the field at *s up to ':' (or the end) into buf; false when it does not fit. */
static bool mount_field(const char **s, char *buf, size_t size)
{
	size_t len = strcspn(*s, ":");

	if (len >= size)
		return false;
	memcpy(buf, *s, len);
	buf[len] = '\0';
	*s += len + ((*s)[len] == ':');
	return true;
}

/* NULL, or what is wrong with the word. */
static const char *mount_split(const char *word, struct mount_spec *sp)
{
	const char *s = word;

	if (!mount_field(&s, sp->source, sizeof(sp->source)))
		return "the source is too long";
	if (!sp->source[0])
		return "no source before the first ':' (use none for file systems without one)";
	if (s[-1] != ':' || !mount_field(&s, sp->path, sizeof(sp->path)))
		return "no :PATH after the source, or a path too long";
	if (sp->path[0] != '/')
		return "the mount point must be an absolute path";
	strcpy(sp->type, "9p");
	sp->options = NULL;
	if (s[-1] == ':') {
		if (!mount_field(&s, sp->type, sizeof(sp->type)) || !sp->type[0])
			return "an empty or too long file system type";
		if (s[-1] == ':')
			sp->options = s;
	}
	return NULL;
}

static int mount_param_set(const char *value)
{
	const char *why;

	if (!value)
		return -EINVAL;
	why = mount_split(value, &mount_sp);
	if (!why && mount_count == MOUNTS_MAX)
		why = "more than 8 mounts";
	if (why) {
		k_err("vfs.mount=%s: %s\n", value, why);
		return -EINVAL;
	}
	mount_words[mount_count++] = value;
	return 0;
}
K_PARAM("vfs.mount", mount_param_set, MOUNT_HELP);

static int mount_errors_set(const char *value)
{
	if (!value || (strcmp(value, "continue") && strcmp(value, "stop")))
		return -EINVAL;
	mount_stop = !strcmp(value, "stop");
	return 0;
}
K_PARAM("vfs.mount_errors", mount_errors_set, "continue or stop");

/* A type that is not there, or options it refuses, make the word a bad value. */
static void mount_check(const char *word, const struct mount_spec *sp)
{
	const struct k_fs_type *t = k_vfs_fs_type(sp->type);
	char why[128];

	why[0] = '\0';
	if (!t)
		k_snprintf(why, sizeof(why), "unknown file system type %s", sp->type);
	else if (sp->options && *sp->options && !(t->flags & K_FS_OPTIONS))
		k_snprintf(why, sizeof(why), "%s takes no options", sp->type);
	else if (sp->options && t->check_options)
		t->check_options(sp->options, why, sizeof(why));
	if (!why[0])
		return;
	k_err("vfs.mount=%s: %s\n", word, why);
	k_fatal("bad value '%s' for Keel parameter vfs.mount (expected %s)", word, MOUNT_HELP);
}

/* mkdir -p: every missing directory of path; 0 or the first error but EEXIST. */
static int mount_point_make(char *path)
{
	for (char *p = path + 1;; p++) {
		if (*p == '/' || !*p) {
			char c = *p;
			int r;

			*p = '\0';
			r = path[1] ? k_vfs_mkdir(path, 0755) : 0;
			*p = c;
			if (r && r != -EEXIST)
				return r;
			if (!c)
				return 0;
		}
	}
}

static void mount_one(const char *word, struct mount_spec *sp)
{
	char why[160];
	int r = mount_point_make(sp->path);

	if (r)
		k_snprintf(why, sizeof(why), "cannot create the mount point %s (error %d)",
			   sp->path, r);
	else
		r = k_vfs_mount_opts(sp->type, sp->source, sp->path, sp->options, why,
				     sizeof(why));
	if (!r) {
		k_info("vfs: %s mounted on %s (%s)\n", sp->source, sp->path, sp->type);
		return;
	}
	if (mount_stop)
		k_fatal("vfs.mount=%s: %s (vfs.mount_errors=stop)", word, why);
	k_err("vfs.mount=%s: %s\n", word, why);
}

static int mount_cmdline(void)
{
	for (unsigned int i = 0; i < mount_count; i++) {
		mount_split(mount_words[i], &mount_sp);
		mount_check(mount_words[i], &mount_sp);
	}
	for (unsigned int i = 0; i < mount_count; i++) {
		mount_split(mount_words[i], &mount_sp);
		mount_one(mount_words[i], &mount_sp);
	}
	return 0;
}
K_INIT(mount_cmdline, K_INIT_FS, 30);
