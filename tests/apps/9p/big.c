// SPDX-License-Identifier: BSD-3-Clause
/*
 * Large transfers both ways. /mnt/big.bin is 64 MiB of random bytes the host wrote:
 * it is read whole with 1 MiB and with 4 KiB requests, and the CRC-32 of each pass is
 * printed for the suite to compare with the host's. /mnt/big-out.bin is 64 MiB that
 * this writes (1 MiB writes, then fsync); its size and CRC are printed likewise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

#define BIG_SIZE	(64u << 20)
#define BIG_CHUNK	(1u << 20)

static uint8_t *big_buf;

static void big_read(size_t io, const char *name)
{
	int fd = open("/mnt/big.bin", O_RDONLY);
	uint64_t total = 0;
	uint32_t crc = 0;
	ssize_t n = -1;

	while (fd >= 0 && (n = read(fd, big_buf, io)) > 0) {
		crc = crc32_add(crc, big_buf, (size_t)n);
		total += (uint64_t)n;
	}
	check(name, fd >= 0 && n == 0 && total == BIG_SIZE, "fd %d last read %zd total %llu errno %d",
	      fd, n, (unsigned long long)total, errno);
	printf("9p: %s: %llu bytes crc32 %08x\n", name, (unsigned long long)total, (unsigned int)crc);
	close(fd);
}

static void big_write(void)
{
	int fd = open("/mnt/big-out.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	uint64_t total = 0;
	uint32_t crc = 0;
	struct stat st = { 0 };
	bool ok = fd >= 0;

	for (uint64_t off = 0; ok && off < BIG_SIZE; off += BIG_CHUNK) {
		pattern_fill(big_buf, BIG_CHUNK, off, 0x9f5);
		ok = write(fd, big_buf, BIG_CHUNK) == BIG_CHUNK;
		crc = crc32_add(crc, big_buf, BIG_CHUNK);
		total += ok ? BIG_CHUNK : 0;
	}
	ok = ok && !fsync(fd) && !fstat(fd, &st) && st.st_size == BIG_SIZE;
	check("big-write", ok && !close(fd), "fd %d wrote %llu size %ld errno %d", fd,
	      (unsigned long long)total, (long)st.st_size, errno);
	printf("9p: big-write: %llu bytes crc32 %08x\n", (unsigned long long)total,
	       (unsigned int)crc);
}

void test_big(void)
{
	big_buf = malloc(BIG_CHUNK);
	if (!big_buf) {
		check("big-buffer", false, "no memory for 1 MiB");
		return;
	}
	big_read(BIG_CHUNK, "big-read-1MiB");
	big_read(4096, "big-read-4KiB");
	big_write();
	free(big_buf);
}
