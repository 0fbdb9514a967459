/* SPDX-License-Identifier: BSD-3-Clause */
/* blk test app: helpers shared by its files. */
#ifndef BLKTEST_H
#define BLKTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <keel/blkdev.h>

/*
 * The images' pattern: 512-byte sector s of a disk tagged T holds 64 little-endian
 * words, word i = T << 56 | s << 8 | i. The suite writes images with tag 'A' (vda) and
 * 'B' (vdb); the write step writes tag 'W' over WRITE_FIRST..+WRITE_COUNT of vda.
 */
#define TAG_A		'A'
#define TAG_B		'B'
#define TAG_W		'W'
#define WRITE_FIRST	1001u		/* 512-byte sectors; odd on purpose */
#define WRITE_COUNT	2047u
#define IOERR_SECTOR	100u		/* the suite's blkdebug rule fails reads of it */

/* Each check prints "blk: NAME: ok|FAIL detail"; failures make the exit status. */
void check(const char *name, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void pattern_fill(void *buf, uint64_t sector512, uint64_t n512, unsigned int tag);
/* The first 512-byte sector in buf that differs from the pattern, or -1 (printed). */
int64_t pattern_check(const void *buf, uint64_t sector512, uint64_t n512, unsigned int tag);
/* 512-byte sectors per device sector. */
static inline uint64_t spb(const struct k_blkdev *bd)
{
	return bd->sector_size / 512;
}
struct k_blkdev *need_disk(const char *step, const char *name);

void step_verify(void);
void step_write(void);
void step_check_written(void);
void step_inflight(void);
void step_two(void);
void step_errors(void);
void step_ioerror(void);

#endif /* BLKTEST_H */
