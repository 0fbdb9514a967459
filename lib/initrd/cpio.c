// SPDX-License-Identifier: BSD-3-Clause
/*
 * The cpio "newc" format (the SVR4 portable format, as written by `cpio -o -H newc`
 * and read by Linux's initramfs): each entry is a 110-byte header of ASCII fields, the
 * path name with its NUL, padding to a multiple of 4 bytes, then the file data, padded
 * to a multiple of 4 again. An entry named "TRAILER!!!" ends the archive.
 */
#include <string.h>
#include "cpio.h"

#define CPIO_HDR_LEN	110
#define CPIO_TRAILER	"TRAILER!!!"

/* Header fields after the 6-byte magic: 13 of 8 hex digits each, in this order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
	F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, F_COUNT
};

bool cpio_is_newc(const uint8_t *buf, size_t len)
{
	return len >= 6 && (!memcmp(buf, "070701", 6) || !memcmp(buf, "070702", 6));
}

static bool parse_hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v << 4 | (c - 'A' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

int cpio_next(const uint8_t *buf, size_t len, size_t *off, struct cpio_entry *e,
	      const char **why)
{
	const uint8_t *h = buf + *off;
	uint32_t f[F_COUNT];
	size_t left, name_end, data_off;

	e->name = NULL;
	if (*off > len || (left = len - *off) < CPIO_HDR_LEN) {
		*why = "the archive ends inside an entry header (truncated?)";
		return -1;
	}
	if (!cpio_is_newc(h, left)) {
		*why = "bad magic (not 070701 or 070702)";
		return -1;
	}
	for (int i = 0; i < F_COUNT; i++) {
		if (!parse_hex8(h + 6 + 8 * i, &f[i])) {
			*why = "a header field is not 8 hex digits";
			return -1;
		}
	}
	if (f[F_NAMESIZE] < 2) {
		*why = "empty name";
		return -1;
	}
	name_end = CPIO_HDR_LEN + (size_t)f[F_NAMESIZE];
	if (name_end > left) {
		*why = "the name runs past the end of the archive";
		return -1;
	}
	if (h[name_end - 1] || memchr(h + CPIO_HDR_LEN, 0, f[F_NAMESIZE] - 1)) {
		*why = "the name's length does not match its NUL";
		return -1;
	}
	/* From here on the name is a valid string, for the caller's error messages too. */
	e->name = (const char *)h + CPIO_HDR_LEN;
	e->name_len = f[F_NAMESIZE] - 1;
	if (e->name_len == sizeof(CPIO_TRAILER) - 1 && !memcmp(e->name, CPIO_TRAILER, e->name_len))
		return 0;
	data_off = align4(name_end);
	if (data_off > left || f[F_FILESIZE] > left - data_off) {
		*why = "the file data runs past the end of the archive";
		return -1;
	}
	e->mode = f[F_MODE];
	e->data = h + data_off;
	e->size = f[F_FILESIZE];
	e->check = f[F_CHECK];
	e->has_check = h[5] == '2';
	/* The last entry's padding may be cut off; the next call then reports the end. */
	data_off = align4(data_off + e->size);
	*off += data_off < left ? data_off : left;
	return 1;
}
