// SPDX-License-Identifier: BSD-3-Clause
/*
 * A console on the GOP linear framebuffer: 8x16 glyphs, light grey on black. The text
 * is kept in a grid; scrolling redraws from it, so video memory is only ever written
 * (reads from it are very slow on real hardware).
 */
#include <string.h>
#include <keel/print.h>
#include "efi.h"

#define GLYPH_W		8
#define GLYPH_H		16
#define COLS_MAX	240		/* 1920 pixels */
#define ROWS_MAX	75		/* 1200 pixels */
#define FG		0xc0c0c0u	/* 0x00RRGGBB */
#define BG		0x000000u

struct fb_console {
	struct k_console con;
	volatile uint32_t *base;
	uint32_t stride;		/* pixels per scan line */
	uint32_t fg, bg;		/* in the framebuffer's pixel layout */
	unsigned int cols, rows;
	unsigned int x, y;		/* cursor, in characters */
	unsigned int top;		/* grid row shown first (the grid is a ring) */
	char grid[ROWS_MAX][COLS_MAX];
};

static struct fb_console fb;

static uint32_t fb_pixel(uint32_t rgb, uint32_t format)
{
	uint32_t r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;

	return format == EFI_HANDOFF_FB_RGBX ? r | g << 8 | b << 16 : b | g << 8 | r << 16;
}

static void fb_draw(unsigned int col, unsigned int row, char c)
{
	const uint8_t *glyph = efi_font_glyph(c);
	volatile uint32_t *p = fb.base + (size_t)row * GLYPH_H * fb.stride + col * GLYPH_W;

	for (int y = 0; y < GLYPH_H; y++, p += fb.stride)
		for (int x = 0; x < GLYPH_W; x++)
			p[x] = glyph[y] & (0x80 >> x) ? fb.fg : fb.bg;
}

static char *fb_row(unsigned int screen_row)
{
	return fb.grid[(fb.top + screen_row) % fb.rows];
}

static void fb_redraw(void)
{
	for (unsigned int y = 0; y < fb.rows; y++)
		for (unsigned int x = 0; x < fb.cols; x++)
			fb_draw(x, y, fb_row(y)[x]);
}

static void fb_newline(void)
{
	fb.x = 0;
	if (fb.y + 1 < fb.rows) {
		fb.y++;
		return;
	}
	fb.top = (fb.top + 1) % fb.rows;
	memset(fb_row(fb.rows - 1), ' ', fb.cols);
	fb_redraw();
}

static void fb_putc(char c)
{
	if (c == '\n') {
		fb_newline();
		return;
	}
	if (c == '\r') {
		fb.x = 0;
		return;
	}
	if (c == '\t')
		c = ' ';
	if (fb.x == fb.cols)
		fb_newline();
	fb_row(fb.y)[fb.x] = c;
	fb_draw(fb.x++, fb.y, c);
}

static void fb_write(struct k_console *con, const char *buf, size_t len)
{
	(void)con;
	for (size_t i = 0; i < len; i++)
		fb_putc(buf[i]);
}

void efi_fb_console_init(void)
{
	const struct efi_handoff_fb *f = &efi_handoff.fb;

	if (f->format == EFI_HANDOFF_FB_NONE)
		return;
	if (f->stride < f->width || (uint64_t)f->stride * f->height * 4 > f->size ||
	    f->width < GLYPH_W || f->height < GLYPH_H) {
		k_warn("efi: framebuffer %ux%u (stride %u, %lu bytes) is inconsistent, not used\n",
		       f->width, f->height, f->stride, (unsigned long)f->size);
		return;
	}
	fb.base = (volatile uint32_t *)(uintptr_t)f->base;
	fb.stride = f->stride;
	fb.cols = K_MIN(f->width / GLYPH_W, COLS_MAX);
	fb.rows = K_MIN(f->height / GLYPH_H, ROWS_MAX);
	fb.fg = fb_pixel(FG, f->format);
	fb.bg = fb_pixel(BG, f->format);
	memset(fb.grid, ' ', sizeof(fb.grid));
	fb_redraw();
	fb.con.name = "efi-gop";
	fb.con.write = fb_write;
	k_console_register(&fb.con);
	k_info("efi: framebuffer console %ux%u pixels, %ux%u characters\n", f->width,
	       f->height, fb.cols, fb.rows);
}
