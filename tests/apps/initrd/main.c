// SPDX-License-Identifier: BSD-3-Clause
/*
 * initrd: after boot, the files of tests/apps/initrd/rootfs (built into initrd.cpio by
 * make and passed with -initrd) are in the root with their content, sizes and modes.
 * Every check prints "initrd: NAME: ok|FAIL detail"; the exit status is the number of
 * failures (tests/suites/66-initrd.sh).
 *   initrd            all checks (an initrd was given)
 *   initrd -- none    no initrd: the root holds none of its files
 *   initrd -- list    report what exists and exit 0 (a corrupt archive was given)
 * Each run also prints the memory the page allocator manages: once the archive is
 * unpacked its pages are given back, so the figure matches a boot without an initrd.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <keel/alloc.h>

#define BIG_LINES	3300
#define BIG_LINE_LEN	31

static int failures;

static void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[200];
	va_list ap;

	if (ok) {
		printf("initrd: %s: ok\n", name);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("initrd: %s: FAIL %s\n", name, detail);
	failures++;
}

/* The file's whole content into buf (NUL-terminated); its length or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = 0;
	return (long)n;
}

static void check_file(const char *name, const char *path, const char *want,
		       unsigned int mode)
{
	char buf[256];
	struct stat st;
	long n = slurp(path, buf, sizeof(buf));

	if (stat(path, &st)) {
		check(name, false, "stat %s: errno %d", path, errno);
		return;
	}
	check(name, n == (long)strlen(want) && !strcmp(buf, want) && S_ISREG(st.st_mode) &&
	      st.st_size == (off_t)strlen(want) && (st.st_mode & 07777) == mode,
	      "%s: %ld bytes '%s', size %ld, mode 0%o (want 0%o)", path, n, buf,
	      (long)st.st_size, (unsigned int)st.st_mode, mode);
}

static void check_dir(const char *name, const char *path)
{
	struct stat st;
	int rc = stat(path, &st);

	check(name, !rc && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0755,
	      "%s: rc %d, mode 0%o", path, rc, rc ? 0 : (unsigned int)st.st_mode);
}

static void check_symlink(void)
{
	char target[64], buf[64];
	struct stat st;
	ssize_t n = readlink("/etc/hello-link", target, sizeof(target) - 1);

	target[n > 0 ? n : 0] = 0;
	check("symlink", n == 12 && !strcmp(target, "../hello.txt") &&
	      !lstat("/etc/hello-link", &st) && S_ISLNK(st.st_mode) &&
	      slurp("/etc/hello-link", buf, sizeof(buf)) == 22 &&
	      !strcmp(buf, "hello from the initrd\n"),
	      "readlink gave %ld '%s'", (long)n, target);
}

static void check_big(void)
{
	static char want[BIG_LINE_LEN + 1], line[BIG_LINE_LEN + 8];
	FILE *f = fopen("/data/big.txt", "r");
	struct stat st;
	int i = 0, bad = -1;

	if (!f || stat("/data/big.txt", &st)) {
		check("big-file", false, "cannot open /data/big.txt: errno %d", errno);
		if (f)
			fclose(f);
		return;
	}
	for (; fgets(line, sizeof(line), f); i++) {
		snprintf(want, sizeof(want), "big file line %016d\n", i);
		if (bad < 0 && strcmp(line, want))
			bad = i;
	}
	fclose(f);
	check("big-file", bad < 0 && i == BIG_LINES &&
	      st.st_size == BIG_LINES * BIG_LINE_LEN && (st.st_mode & 07777) == 0644,
	      "%d lines, first bad %d, size %ld, mode 0%o", i, bad, (long)st.st_size,
	      (unsigned int)st.st_mode);
}

static void list_paths(void)
{
	static const char *const paths[] = { "/hello.txt", "/bin", "/bin/tool.sh", "/data",
		"/data/big.txt", "/etc", "/etc/conf.d", "/etc/conf.d/nested.conf",
		"/etc/hello-link" };
	struct stat st;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (lstat(paths[i], &st))
			printf("initrd: list: %s missing\n", paths[i]);
		else
			printf("initrd: list: %s mode 0%o size %ld\n", paths[i],
			       (unsigned int)st.st_mode, (long)st.st_size);
	}
}

int main(int argc, char **argv)
{
	struct k_alloc_stats as;
	struct stat st;

	k_alloc_stats(&as);
	printf("initrd: pages-total %lu KiB\n", (unsigned long)(as.pages_total >> 10));
	if (argc > 1 && !strcmp(argv[1], "list")) {
		list_paths();
		printf("initrd: listed\n");
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "none")) {
		check("no-initrd", stat("/hello.txt", &st) && errno == ENOENT &&
		      stat("/etc", &st), "/hello.txt or /etc exists");
		printf("initrd: %d failures\n", failures);
		return failures;
	}
	check_file("file", "/hello.txt", "hello from the initrd\n", 0644);
	check_file("nested-file", "/etc/conf.d/nested.conf", "level = nested\n", 0644);
	check_file("mode-0755", "/bin/tool.sh", "#!/bin/sh\necho tool\n", 0755);
	check("mode-0755-exec", !access("/bin/tool.sh", X_OK) && access("/hello.txt", X_OK),
	      "access X_OK wrong");
	check_dir("dir", "/etc");
	check_dir("nested-dir", "/etc/conf.d");
	check_symlink();
	check_big();
	printf("initrd: %d failures\n", failures);
	return failures;
}
