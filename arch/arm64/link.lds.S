/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 image layout: one contiguous, identity-mapped image at CONFIG_ARM64_LOAD_ADDR,
 * written out as a raw Image (objcopy -O binary) whose first bytes are the Linux arm64
 * Image header (entry.S). The symbol table (.ksyms) follows all code, so adding it
 * cannot move code.
 */
OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

PHDRS {
	text PT_LOAD FLAGS(5);
	rodata PT_LOAD FLAGS(4);
	data PT_LOAD FLAGS(6);
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

	. = ALIGN(4096);
	__rodata_start = .;		/* text ends: read-only, executable before this */
	.rodata : {
		*(.rodata .rodata.*)
#include "../../support/build/k_tables.lds"
	} :rodata
	.ksyms : { KEEP(*(.ksyms)) } :rodata

	. = ALIGN(4096);
	__data_start = .;		/* rodata ends: writable, never executable from here */
	.data : { *(.data .data.*) } :data
	/* The TLS template (__thread variables): arch/arm64/thread.c copies it per thread. */
	.tdata : { *(.tdata .tdata.*) } :data :tls
	.tbss : { *(.tbss .tbss.*) *(.tcommon) } :data :tls
	__k_tls_start = ADDR(.tdata);
	__k_tls_data_end = ADDR(.tdata) + SIZEOF(.tdata);
	__k_tls_end = ADDR(.tbss) + SIZEOF(.tbss);
	__k_tls_align = MAX(ALIGNOF(.tdata), ALIGNOF(.tbss));
	. = ALIGN(16);
	__data_end = .;
	.bss : {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		/* The boot thread's TLS (arch/arm64/thread.c), so __thread works from entry. */
		. = ALIGN(64);
		arm64_boot_tls = .;
		. += __k_tls_end - __k_tls_start + 64 + 16;
		. = ALIGN(16);
		__bss_end = .;
	} :data
	__image_end = .;
	/* Image header: the size the loader must leave free, bss included. */
	__image_size = __image_end - __image_start;

	/DISCARD/ : {
		*(.comment) *(.note.GNU-stack) *(.note.gnu.*) *(.eh_frame*) *(.note.Xen)
	}
}
