// SPDX-License-Identifier: BSD-3-Clause
/*
 * 9p: in-image checks of host folders shared over virtio-9p (lib/9pfs) and of mounts
 * from the command line. Every check prints "9p: NAME: ok|FAIL detail"; the groups to
 * run are the arguments (host, big, threads-ram, threads-9p, mounts, malformed,
 * empty-mnt, none); the exit
 * status is the number of failures. tests/suites/67-9pfs.sh prepares the host folder
 * and checks it after the boot.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "check.h"

static int failures;

void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[300];
	va_list ap;

	if (ok) {
		printf("9p: %s: ok\n", name);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("9p: %s: FAIL %s\n", name, detail);
	failures++;
}

bool fails_with(int ret, int want)
{
	return ret == -1 && errno == want;
}

uint32_t crc32_add(uint32_t crc, const void *buf, size_t n)
{
	static uint32_t table[256];
	const uint8_t *p = buf;

	if (!table[1]) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* 8 bytes per step of a 64-bit mix of (seed, position): any offset is reproducible. */
void pattern_fill(uint8_t *buf, size_t n, uint64_t off, uint32_t seed)
{
	uint64_t word = UINT64_MAX, x = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t pos = off + i;

		if (pos >> 3 != word) {
			word = pos >> 3;
			x = word * 0x9e3779b97f4a7c15ull ^ seed;
			x ^= x >> 29;
			x *= 0xbf58476d1ce4e5b9ull;
			x ^= x >> 32;
		}
		buf[i] = (uint8_t)(x >> (8 * (pos & 7)));
	}
}

int main(int argc, char **argv)
{
	struct stat st;

	for (int i = 1; i < argc; i++) {
		const char *g = argv[i];

		if (!strcmp(g, "host"))
			test_host();
		else if (!strcmp(g, "big"))
			test_big();
		else if (!strcmp(g, "threads-ram"))
			test_threads("/conc");
		else if (!strcmp(g, "threads-9p"))
			test_threads("/mnt/conc");
		else if (!strcmp(g, "mounts"))
			test_mounts();
		else if (!strcmp(g, "malformed"))
			test_fake();
		else if (!strcmp(g, "empty-mnt"))
			check("mnt-is-empty-ramfs", !stat("/mnt", &st) && S_ISDIR(st.st_mode) &&
			      st.st_dev == 1, "stat errno %d dev %lu", errno,
			      (unsigned long)st.st_dev);
		else if (strcmp(g, "none"))
			check(g, false, "unknown group");
	}
	printf("9p: %d failures\n", failures);
	return failures;
}
