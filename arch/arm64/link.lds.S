/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 image layout: one contiguous, identity-mapped image at CONFIG_ARM64_LOAD_ADDR,
 * written out as a raw Image (objcopy -O binary) whose first bytes are the Linux arm64
 * Image header (entry.S). The symbol table (.ksyms) follows all code, so adding it
 * cannot move code.
 *
 * In memory, text, read-only data and data each start on a page (W^X: each gets its own
 * permissions). In the file they are packed (16-byte aligned): read-only data and data
 * are loaded (LMA) below where they are linked (VMA), and entry.S moves them up before
 * anything reads them. The padding would be up to 8 KiB of zeroes in every image.
 * Each segment keeps one distance between the two (__rodata_shift, __data_shift), so a
 * move is one copy; .bss is a segment of its own, loaded where it is linked, so that
 * loaders reading the ELF program headers (plat/efi) reserve up to its end.
 */
OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

PHDRS {
	text PT_LOAD FLAGS(5);
	rodata PT_LOAD FLAGS(4);
	data PT_LOAD FLAGS(6);
	bss PT_LOAD FLAGS(6);
	tls PT_TLS FLAGS(4);
}

SECTIONS {
	. = CONFIG_ARM64_LOAD_ADDR;
	__image_start = .;
	.text : {
		KEEP(*(.text.head))	/* the Image header: offset 0 of the file */
		*(.text.boot)
		*(.text .text.*)
	} :text
	__text_end = .;

	. = ALIGN(4096);
	__rodata_start = .;		/* text ends: read-only, executable before this */
	__rodata_shift = __rodata_start - ALIGN(__text_end, 16);
	.rodata : AT(ADDR(.rodata) - __rodata_shift) {
		*(.rodata .rodata.*)
#include "../../support/build/k_tables.lds"
		. = ALIGN(8);
		KEEP(*(.ksyms))
		. = ALIGN(16);
	} :rodata
	__rodata_end = .;

	. = ALIGN(4096);
	__data_start = .;		/* rodata ends: writable, never executable from here */
	__data_shift = __data_start - (__rodata_end - __rodata_shift);
	.data : AT(ADDR(.data) - __data_shift) {
		*(.data .data.*)
		*(.got .got.plt .igot.plt)
	} :data
	/* The TLS template (__thread variables): arch/arm64/thread.c copies it per thread. */
	.tdata : AT(ADDR(.tdata) - __data_shift) { *(.tdata .tdata.*) } :data :tls
	.tbss : AT(ADDR(.tbss) - __data_shift) { *(.tbss .tbss.*) *(.tcommon) } :data :tls
	__k_tls_start = ADDR(.tdata);
	__k_tls_data_end = ADDR(.tdata) + SIZEOF(.tdata);
	__k_tls_end = ADDR(.tbss) + SIZEOF(.tbss);
	__k_tls_align = MAX(ALIGNOF(.tdata), ALIGNOF(.tbss));
	. = ALIGN(16);
	__data_end = .;
	.bss : AT(ADDR(.bss)) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		/* The boot thread's TLS (arch/arm64/thread.c), so __thread works from entry. */
		. = ALIGN(64);
		arm64_boot_tls = .;
		. += __k_tls_end - __k_tls_start + 64 + 16;
		. = ALIGN(16);
		__bss_end = .;
	} :bss
	__image_end = .;
	/* Image header: the size the loader must leave free, bss included. */
	__image_size = __image_end - __image_start;

	/DISCARD/ : {
		*(.comment) *(.note.GNU-stack) *(.note.gnu.*) *(.eh_frame*) *(.note.Xen)
	}
}
