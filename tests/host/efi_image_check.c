// SPDX-License-Identifier: BSD-3-Clause
/*
 * Structural check of a Keel EFI disk image (support/mkimage-efi), independent of the
 * tools that wrote it: protective MBR, primary and backup GPT headers with their CRCs
 * (UEFI 2.10 §5.2-5.3), one EFI system partition, and a FAT32 boot sector inside it.
 *   efi_image_check IMAGE         prints "esp LBA-FIRST LBA-LAST" and exits 0 when sound
 * A second mode checks the loader itself, a PE32+ EFI application (PE/COFF
 * specification 11, §2-3) for x86_64 (machine 0x8664) or arm64 (0xaa64):
 *   efi_image_check --pe FILE.efi x86_64|arm64
 * A third mode checks a screen dump (binary PPM) of the framebuffer console:
 *   efi_image_check --screen FILE.ppm MIN-TEXT-ROWS
 * every pixel is the console's background or foreground colour and at least
 * MIN-TEXT-ROWS rows of 16-pixel character cells hold text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECTOR		512
#define GPT_ENTRIES_MAX	1024

static int failures;

static void bad(const char *what)
{
	printf("efi-image: %s\n", what);
	failures++;
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static int read_at(FILE *f, uint64_t off, void *buf, size_t n)
{
	return fseeko(f, (off_t)off, SEEK_SET) || fread(buf, 1, n, f) != n ? -1 : 0;
}

/* §5.3.2: a GPT header at lba whose copy at the other end is other_lba. */
static int check_header(FILE *f, uint64_t lba, uint64_t other_lba, const char *which,
			uint8_t *entries, uint64_t *first_usable, uint64_t *last_usable)
{
	uint8_t h[SECTOR];
	uint32_t size, n, esize;
	char msg[160];

	if (read_at(f, lba * SECTOR, h, SECTOR) || memcmp(h, "EFI PART", 8)) {
		snprintf(msg, sizeof(msg), "%s GPT header: no \"EFI PART\" signature at LBA %llu",
			 which, (unsigned long long)lba);
		bad(msg);
		return -1;
	}
	size = le32(h + 12);
	if (le32(h + 8) != 0x00010000 || size < 92 || size > SECTOR)
		bad("GPT header: unknown revision or size");
	uint32_t want = le32(h + 16);
	memset(h + 16, 0, 4);
	if (crc32(h, size) != want) {
		snprintf(msg, sizeof(msg), "%s GPT header: CRC32 mismatch", which);
		bad(msg);
	}
	if (le64(h + 24) != lba || le64(h + 32) != other_lba) {
		snprintf(msg, sizeof(msg), "%s GPT header: MyLBA/AlternateLBA wrong", which);
		bad(msg);
	}
	*first_usable = le64(h + 40);
	*last_usable = le64(h + 48);
	n = le32(h + 80);
	esize = le32(h + 84);
	if (esize < 128 || n == 0 || n > GPT_ENTRIES_MAX || (uint64_t)n * esize > GPT_ENTRIES_MAX * 128) {
		bad("GPT header: bad partition entry count or size");
		return -1;
	}
	if (read_at(f, le64(h + 72) * SECTOR, entries, (size_t)n * esize) ||
	    crc32(entries, (size_t)n * esize) != le32(h + 88)) {
		snprintf(msg, sizeof(msg), "%s GPT: partition entry array CRC32 mismatch", which);
		bad(msg);
	}
	return (int)n;
}

/* §5.3.3 table 5-7: C12A7328-F81F-11D2-BA4B-00A0C93EC93B, as stored (mixed endian). */
static const uint8_t esp_type[16] = { 0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11,
				      0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b };

/* Microsoft FAT specification 1.03: the FAT32 boot sector fields we rely on. */
static void check_fat32(FILE *f, uint64_t lba)
{
	uint8_t bs[SECTOR];

	if (read_at(f, lba * SECTOR, bs, SECTOR)) {
		bad("ESP: cannot read its boot sector");
		return;
	}
	if ((bs[0] != 0xeb && bs[0] != 0xe9) || bs[510] != 0x55 || bs[511] != 0xaa)
		bad("ESP: no FAT boot sector (jump or 0x55AA signature missing)");
	if ((bs[11] | bs[12] << 8) != SECTOR || bs[13] == 0)
		bad("ESP: FAT bytes per sector is not 512 or no sectors per cluster");
	if (memcmp(bs + 82, "FAT32   ", 8) || (bs[22] | bs[23] << 8) != 0)
		bad("ESP: not FAT32 (file system type or FATSz16 field)");
}

static int check_image(const char *path)
{
	static uint8_t prim[GPT_ENTRIES_MAX * 128], back[GPT_ENTRIES_MAX * 128];
	uint8_t mbr[SECTOR];
	uint64_t first, last, f2, l2, disk_lbas, esp_first = 0, esp_last = 0;
	FILE *f = fopen(path, "rb");
	int n, n2, esps = 0;

	if (!f || fseeko(f, 0, SEEK_END)) {
		bad("cannot open the image");
		return 1;
	}
	disk_lbas = (uint64_t)ftello(f) / SECTOR;
	/* §5.2.3: the protective MBR, one partition of type 0xEE from LBA 1. */
	if (read_at(f, 0, mbr, SECTOR) || mbr[510] != 0x55 || mbr[511] != 0xaa ||
	    mbr[446 + 4] != 0xee || le32(mbr + 446 + 8) != 1)
		bad("no protective MBR (0x55AA, type 0xEE from LBA 1)");
	n = check_header(f, 1, disk_lbas - 1, "primary", prim, &first, &last);
	n2 = check_header(f, disk_lbas - 1, 1, "backup", back, &f2, &l2);
	if (n > 0 && n2 > 0 && (n != n2 || memcmp(prim, back, (size_t)n * 128)))
		bad("primary and backup partition arrays differ");
	for (int i = 0; n > 0 && i < n; i++) {
		const uint8_t *e = prim + i * 128;

		if (!memcmp(e, esp_type, 16)) {
			esps++;
			esp_first = le64(e + 32);
			esp_last = le64(e + 40);
		}
	}
	if (n > 0 && esps != 1)
		bad("not exactly one EFI system partition");
	else if (n > 0 && (esp_first < first || esp_last > last || esp_first > esp_last))
		bad("the EFI system partition lies outside the usable LBAs");
	else if (n > 0)
		check_fat32(f, esp_first);
	fclose(f);
	if (!failures)
		printf("esp %llu %llu\n", (unsigned long long)esp_first,
		       (unsigned long long)esp_last);
	return failures ? 1 : 0;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/*
 * The headers the firmware's loader reads: DOS stub "MZ" with e_lfanew at 0x3c, "PE\0\0",
 * the COFF header (machine, section count, optional header size), the PE32+ optional
 * header (magic 0x20b, entry point, SizeOfImage, SizeOfHeaders, subsystem 10 = EFI
 * application) and each section's raw data inside the file.
 */
static int check_pe(const char *path, const char *arch)
{
	static uint8_t buf[8 << 20];
	uint16_t want = !strcmp(arch, "arm64") ? 0xaa64 : !strcmp(arch, "x86_64") ? 0x8664 : 0;
	FILE *f = fopen(path, "rb");
	size_t len = f ? fread(buf, 1, sizeof(buf), f) : 0;
	uint32_t pe, opt, nsec, image_size, entry;

	if (f)
		fclose(f);
	if (!want) {
		bad("pe: the architecture must be x86_64 or arm64");
		return 1;
	}
	if (len < 0x40 || buf[0] != 'M' || buf[1] != 'Z' || (pe = le32(buf + 0x3c)) > len - 24 ||
	    memcmp(buf + pe, "PE\0\0", 4)) {
		bad("pe: no MZ stub with a PE signature");
		return 1;
	}
	opt = pe + 24;
	nsec = le16(buf + pe + 6);
	if (le16(buf + pe + 4) != want)
		bad("pe: machine type is not the architecture's");
	if (opt + 240 > len || le16(buf + opt) != 0x20b) {
		bad("pe: no PE32+ optional header");
		return 1;
	}
	entry = le32(buf + opt + 16);
	image_size = le32(buf + opt + 56);
	if (le16(buf + opt + 68) != 10)
		bad("pe: subsystem is not 10 (EFI application)");
	if (!entry || entry >= image_size || le32(buf + opt + 60) > image_size)
		bad("pe: entry point or header size outside SizeOfImage");
	for (uint32_t i = 0, sec = opt + le16(buf + pe + 20); i < nsec; i++, sec += 40) {
		if (sec + 40 > len || (uint64_t)le32(buf + sec + 20) + le32(buf + sec + 16) > len ||
		    (uint64_t)le32(buf + sec + 12) + le32(buf + sec + 8) > image_size) {
			bad("pe: a section lies outside the file or the image");
			break;
		}
	}
	if (!nsec)
		bad("pe: no sections");
	if (!failures)
		printf("pe %s machine 0x%x, %u sections, entry 0x%x, image 0x%x bytes\n", arch,
		       want, nsec, entry, image_size);
	return failures ? 1 : 0;
}

/* The framebuffer console: light grey 0xc0c0c0 on black (plat/efi/fb.c). */
static int check_screen(const char *path, int min_rows)
{
	FILE *f = fopen(path, "rb");
	int w, h, max, rows = 0;
	uint8_t *pix;

	if (!f || fscanf(f, "P6 %d %d %d", &w, &h, &max) != 3 || fgetc(f) == EOF ||
	    w <= 0 || h <= 0 || w > 8192 || h > 8192 || max != 255) {
		bad("screen: not a binary PPM");
		return 1;
	}
	pix = malloc((size_t)w * h * 3);
	if (!pix || fread(pix, 3, (size_t)w * h, f) != (size_t)w * h) {
		bad("screen: short PPM");
		return 1;
	}
	for (int cy = 0; cy + 16 <= h; cy += 16) {
		int lit = 0;

		for (int y = cy; y < cy + 16; y++) {
			for (int x = 0; x < w; x++) {
				const uint8_t *p = pix + ((size_t)y * w + x) * 3;

				if (p[0] == 0xc0 && p[1] == 0xc0 && p[2] == 0xc0)
					lit++;
				else if (p[0] || p[1] || p[2]) {
					printf("efi-image: screen: pixel (%d,%d) is %02x%02x%02x, "
					       "not the console's\n", x, y, p[0], p[1], p[2]);
					return 1;
				}
			}
		}
		rows += lit > 0;
	}
	printf("screen %dx%d, %d text rows\n", w, h, rows);
	free(pix);
	fclose(f);
	return rows >= min_rows ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--screen"))
		return check_screen(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "--pe"))
		return check_pe(argv[2], argv[3]);
	if (argc != 2) {
		fprintf(stderr, "usage: efi_image_check IMAGE | --pe FILE.efi x86_64|arm64 | "
			"--screen FILE.ppm MIN-ROWS\n");
		return 2;
	}
	return check_image(argv[1]);
}
