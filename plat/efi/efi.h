/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/efi kernel-side internals shared between its files. */
#ifndef PLAT_EFI_H
#define PLAT_EFI_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/plat.h>
#include "handoff.h"

/* The loader's handoff, copied into the image (loader memory is free memory to Keel). */
extern struct efi_handoff efi_handoff;

/*
 * Copy the handoff before anything else runs; returns false when it is not one (the
 * caller reports that once it has a console).
 */
bool efi_handoff_copy(const struct efi_handoff *src);

/* Fill the boot information from the copied handoff and enter k_boot_main. */
__k_noreturn void efi_boot(struct k_bootinfo *bi, bool handoff_ok);

/*
 * The architecture's part of the boot information, just before k_boot_main (x86_64:
 * the framebuffer console; arm64: the device tree's reservation and devices).
 */
void efi_arch_bootinfo(struct k_bootinfo *bi);

/* Start the framebuffer console when the loader found one (fb.c, EFI_FB_CONSOLE). */
#ifdef CONFIG_EFI_FB_CONSOLE
void efi_fb_console_init(void);
#else
static inline void efi_fb_console_init(void) {}
#endif

/*
 * ResetSystem(EfiResetShutdown) through the runtime services, with the exit status as
 * its status and data. Returns only when the firmware cannot be called or did nothing.
 */
void efi_reset_shutdown(int status);

/*
 * Put the CPU in the state the UEFI calling convention expects (x86_64: SSE usable;
 * arm64: FP/SIMD usable).
 */
void efi_arch_before_firmware_call(void);

/* The 8x16 font: 16 row bytes per glyph (bit 7 = leftmost pixel), ASCII 32..126. */
#define EFI_FONT_FIRST	32
#define EFI_FONT_LAST	126
const uint8_t *efi_font_glyph(char c);

#endif /* PLAT_EFI_H */
