// SPDX-License-Identifier: BSD-3-Clause
/* blk test app: the synchronous steps (verify, write, check-written, two). */
#include <stdlib.h>
#include <keel/thread.h>
#include <keel/time.h>
#include "blktest.h"

/* Read all of bd into a new buffer, timing it; NULL on failure (reported). */
static uint8_t *read_all(const char *step, struct k_blkdev *bd, uint64_t *ns)
{
	size_t bytes = (size_t)(bd->sectors * bd->sector_size);
	uint8_t *buf = malloc(bytes);
	uint64_t t0;
	int rc;

	if (!buf) {
		check(step, false, "no memory for %zu bytes", bytes);
		return NULL;
	}
	t0 = k_time_ns();
	rc = k_blkdev_read(bd, 0, (uint32_t)bd->sectors, buf);
	*ns = k_time_ns() - t0;
	if (rc) {
		check(step, false, "reading all of %s: %d", bd->name, rc);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Whole disk in one call (split by the library), then an unaligned buffer. */
void step_verify(void)
{
	struct k_blkdev *bd = k_blkdev_find("vda");
	uint8_t *buf, *odd;
	uint64_t ns, bytes;
	int64_t bad;
	int rc;

	if (!bd) {
		check("verify", false, "no disk vda");
		return;
	}
	if (!(buf = read_all("verify", bd, &ns)))
		return;
	bytes = bd->sectors * bd->sector_size;
	bad = pattern_check(buf, 0, bd->sectors * spb(bd), TAG_A);
	check("verify", bad < 0, "%llu %u-byte sectors of %s, %llu bytes in %llu us (%llu KiB/s)",
	      (unsigned long long)bd->sectors, bd->sector_size, bd->name,
	      (unsigned long long)bytes,
	      (unsigned long long)(ns / 1000),
	      (unsigned long long)(ns ? bytes * 1000000000ull / ns / 1024 : 0));
	/* 3 bytes into a buffer: the device does not need aligned buffers. */
	odd = buf + 3;
	rc = k_blkdev_read(bd, 7, 100, odd);
	check("verify-unaligned", !rc && pattern_check(odd, 7 * spb(bd), 100 * spb(bd),
						       TAG_A) < 0,
	      "100 sectors from 7 into an unaligned buffer: %d", rc);
	free(buf);
}

/* Tag W over an odd range, flushed, then read back with its neighbours. */
void step_write(void)
{
	struct k_blkdev *bd = need_disk("write", "vda");
	uint8_t *buf;
	int rc, frc;

	if (!bd)
		return;
	if (!(buf = malloc((WRITE_COUNT + 2) * 512))) {
		check("write", false, "no memory");
		return;
	}
	pattern_fill(buf, WRITE_FIRST, WRITE_COUNT, TAG_W);
	rc = k_blkdev_write(bd, WRITE_FIRST, WRITE_COUNT, buf);
	frc = k_blkdev_flush(bd);
	check("write", !rc && !frc, "%u sectors from %u: %d, flush: %d", WRITE_COUNT,
	      WRITE_FIRST, rc, frc);
	rc = k_blkdev_read(bd, WRITE_FIRST - 1, WRITE_COUNT + 2, buf);
	check("write-readback", !rc && pattern_check(buf, WRITE_FIRST - 1, 1, TAG_A) < 0 &&
	      pattern_check(buf + 512, WRITE_FIRST, WRITE_COUNT, TAG_W) < 0 &&
	      pattern_check(buf + (WRITE_COUNT + 1) * 512, WRITE_FIRST + WRITE_COUNT, 1,
			    TAG_A) < 0, "read: %d", rc);
	free(buf);
}

/* After a reboot on the same image: the written range has W, the rest still A. */
void step_check_written(void)
{
	struct k_blkdev *bd = need_disk("check-written", "vda");
	uint64_t ns, end = WRITE_FIRST + WRITE_COUNT;
	uint8_t *buf;
	bool ok;

	if (!bd || !(buf = read_all("check-written", bd, &ns)))
		return;
	ok = pattern_check(buf, 0, WRITE_FIRST, TAG_A) < 0 &&
	     pattern_check(buf + WRITE_FIRST * 512, WRITE_FIRST, WRITE_COUNT, TAG_W) < 0 &&
	     pattern_check(buf + end * 512, end, bd->sectors - end, TAG_A) < 0;
	check("check-written", ok, "sectors %u..%llu are W, the other %llu A", WRITE_FIRST,
	      (unsigned long long)end - 1, (unsigned long long)(bd->sectors - WRITE_COUNT));
	free(buf);
}

struct reader {
	struct k_blkdev *bd;
	unsigned int tag;
	uint64_t start, end;		/* k_time_ns() around the read */
	int rc;
	int64_t bad;
};

#define READER_CHUNK	128		/* sectors per read: many reads per disk */

/* Read the disk in chunks, yielding between them so the two readers interleave. */
static void *reader_body(void *arg)
{
	struct reader *r = arg;
	uint64_t sectors = r->bd->sectors;
	uint8_t *buf = malloc((size_t)(sectors * r->bd->sector_size));

	r->rc = -12;	/* ENOMEM */
	r->bad = -1;
	if (!buf)
		return NULL;
	r->start = k_time_ns();
	r->rc = 0;
	for (uint64_t s = 0; s < sectors && !r->rc; s += READER_CHUNK) {
		uint32_t n = sectors - s < READER_CHUNK ? (uint32_t)(sectors - s) : READER_CHUNK;

		r->rc = k_blkdev_read(r->bd, s, n, buf + s * r->bd->sector_size);
		k_thread_yield();
	}
	r->end = k_time_ns();
	if (!r->rc)
		r->bad = pattern_check(buf, 0, sectors, r->tag);
	free(buf);
	return NULL;
}

/* vda (A) and vdb (B) read at the same time by two threads. */
void step_two(void)
{
	struct reader r[2] = { { .tag = TAG_A }, { .tag = TAG_B } };
	struct k_thread *t[2];
	bool overlap;

	r[0].bd = need_disk("two", "vda");
	r[1].bd = need_disk("two", "vdb");
	if (!r[0].bd || !r[1].bd)
		return;
	for (int i = 0; i < 2; i++) {
		if (k_thread_create(&t[i], i ? "reader-vdb" : "reader-vda", reader_body, &r[i],
				    NULL)) {
			check("two", false, "thread creation failed");
			return;
		}
	}
	for (int i = 0; i < 2; i++)
		k_thread_join(t[i], NULL);
	overlap = r[0].start < r[1].end && r[1].start < r[0].end;
	for (int i = 0; i < 2; i++)
		check(i ? "two-vdb" : "two-vda", !r[i].rc && r[i].bad < 0,
		      "%s read: %d, in %llu us", r[i].bd->name, r[i].rc,
		      (unsigned long long)(r[i].end - r[i].start) / 1000);
	printf("blk: two: the reads overlapped in time: %s\n", overlap ? "yes" : "no");
}
