// SPDX-License-Identifier: BSD-3-Clause
/*
 * blk: in-image tests of lib/blkdev and the virtio-blk driver, for tests/suites/62-blk.sh.
 * Each argument names a step (verify, write, check-written, inflight, two, errors,
 * ioerror); checks print "blk: NAME: ok|FAIL ...", the disks and their counters are
 * listed before and after, and the exit status is the number of failures.
 */
#include <stdarg.h>
#include <string.h>
#include "blktest.h"

static int failures;

void check(const char *name, bool ok, const char *fmt, ...)
{
	char detail[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("blk: %s: %s%s%s\n", name, ok ? "ok" : "FAIL", detail[0] ? " " : "", detail);
	failures += !ok;
}

static uint64_t pattern_word(unsigned int tag, uint64_t sector512, unsigned int i)
{
	return (uint64_t)tag << 56 | sector512 << 8 | i;
}

void pattern_fill(void *buf, uint64_t sector512, uint64_t n512, unsigned int tag)
{
	uint64_t *w = buf;

	for (uint64_t s = 0; s < n512; s++)
		for (unsigned int i = 0; i < 64; i++)
			*w++ = pattern_word(tag, sector512 + s, i);
}

int64_t pattern_check(const void *buf, uint64_t sector512, uint64_t n512, unsigned int tag)
{
	const uint8_t *p = buf;

	for (uint64_t s = 0; s < n512; s++) {
		for (unsigned int i = 0; i < 64; i++) {
			uint64_t got, want = pattern_word(tag, sector512 + s, i);

			/* buf need not be aligned (the unaligned-buffer checks use it). */
			memcpy(&got, p + s * 512 + i * 8, sizeof(got));
			if (got != want) {
				printf("blk: sector %llu word %u: %#llx, expected %#llx\n",
				       (unsigned long long)(sector512 + s), i,
				       (unsigned long long)got, (unsigned long long)want);
				return (int64_t)s;
			}
		}
	}
	return -1;
}

struct k_blkdev *need_disk(const char *step, const char *name)
{
	struct k_blkdev *bd = k_blkdev_find(name);

	if (!bd)
		check(step, false, "no disk %s", name);
	else if (bd->sector_size != 512)
		check(step, false, "%s has %u-byte sectors; the test images use 512", name,
		      bd->sector_size);
	else
		return bd;
	return NULL;
}

static void list_disks(void)
{
	for (unsigned int n = 0; n < k_blkdev_count(); n++) {
		struct k_blkdev *bd = k_blkdev_get(n);

		printf("blk: disk %s: %llu sectors of %u bytes, %u per request%s%s\n", bd->name,
		       (unsigned long long)bd->sectors, bd->sector_size, bd->max_sectors,
		       bd->read_only ? ", read-only" : "", bd->can_flush ? ", flush" : "");
	}
	printf("blk: %u disks\n", k_blkdev_count());
}

static void print_stats(void)
{
	for (unsigned int n = 0; n < k_blkdev_count(); n++) {
		struct k_blkdev *bd = k_blkdev_get(n);
		const struct k_blkdev_stats *st = &bd->stats;

		printf("blk: stats %s: reads %llu (%llu bytes) writes %llu (%llu bytes) "
		       "flushes %llu errors %llu\n", bd->name, (unsigned long long)st->reads,
		       (unsigned long long)st->read_bytes, (unsigned long long)st->writes,
		       (unsigned long long)st->written_bytes, (unsigned long long)st->flushes,
		       (unsigned long long)st->errors);
	}
}

static const struct {
	const char *name;
	void (*run)(void);
} steps[] = {
	{ "verify", step_verify },
	{ "write", step_write },
	{ "check-written", step_check_written },
	{ "inflight", step_inflight },
	{ "two", step_two },
	{ "errors", step_errors },
	{ "ioerror", step_ioerror },
};

int main(int argc, char **argv)
{
	list_disks();
	for (int i = 1; i < argc; i++) {
		size_t j;

		for (j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
			if (!strcmp(argv[i], steps[j].name)) {
				steps[j].run();
				break;
			}
		}
		if (j == sizeof(steps) / sizeof(steps[0]))
			check(argv[i], false, "no such step");
	}
	print_stats();
	printf("blk: %d failures\n", failures);
	return failures;
}
