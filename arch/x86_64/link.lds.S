/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 image layout: one contiguous, identity-mapped image at CONFIG_X86_64_LOAD_ADDR.
 * File offsets and addresses advance together, as the multiboot a.out kludge needs.
 * The symbol table (.ksyms) follows all code, so adding it cannot move code.
 */
OUTPUT_FORMAT("elf64-x86-64")
ENTRY(x86_start32)

PHDRS {
	text PT_LOAD FLAGS(5);
	rodata PT_LOAD FLAGS(4);
	data PT_LOAD FLAGS(6);
	note PT_NOTE FLAGS(4);
	tls PT_TLS FLAGS(4);
}

SECTIONS {
	. = CONFIG_X86_64_LOAD_ADDR;
	__image_start = .;
	.text : {
		KEEP(*(.multiboot))	/* multiboot 0.6.96 §3.1.1: within the first 8 KiB */
		*(.text.boot)
		*(.text .text.*)
	} :text

	. = ALIGN(4096);
	__rodata_start = .;		/* text ends: read-only, executable before this */
	.rodata : {
		*(.rodata .rodata.*)
#include "../../support/build/k_tables.lds"
	} :rodata
	.note.Xen : { KEEP(*(.note.Xen)) } :rodata :note
	.ksyms : { KEEP(*(.ksyms)) } :rodata

	. = ALIGN(4096);
	__data_start = .;		/* rodata ends: writable, never executable from here */
	.data : { *(.data .data.*) } :data
	/*
	 * The TLS template (__thread variables): each thread gets a copy of .tdata and a
	 * zeroed .tbss (arch/x86_64/thread.c). .tbss takes no room in the image.
	 */
	.tdata : { *(.tdata .tdata.*) } :data :tls
	.tbss : { *(.tbss .tbss.*) *(.tcommon) } :data :tls
	__k_tls_start = ADDR(.tdata);
	__k_tls_data_end = ADDR(.tdata) + SIZEOF(.tdata);
	__k_tls_end = ADDR(.tbss) + SIZEOF(.tbss);
	__k_tls_align = MAX(ALIGNOF(.tdata), ALIGNOF(.tbss));
	__data_end = .;
	.bss : {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		/* The boot thread's TLS (arch/x86_64/thread.c), so __thread works from entry. */
		. = ALIGN(64);
		x86_boot_tls = .;
		. += __k_tls_end - __k_tls_start + 64 + 8;
		. = ALIGN(8);
		__bss_end = .;
	} :data
	__image_end = .;

	/DISCARD/ : {
		*(.comment) *(.note.GNU-stack) *(.note.gnu.*) *(.eh_frame*)
	}
}
