/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 entry from 32-bit protected mode, paging off: how both multiboot (eax = magic,
 * ebx = info) and PVH (ebx = hvm_start_info) loaders start us. Builds an identity map
 * of the first 4 GiB, enters long mode and calls the platform's x86_boot(magic, info).
 */
#define CR0_PE		(1 << 0)
#define CR0_NE		(1 << 5)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)
#define PTE_PW		0x003		/* present, writable */
#define PTE_PW_2M	0x083		/* present, writable, 2 MiB page (PS) */
#define SEL_CODE64	0x08
#define SEL_DATA	0x10
#define COM1		0x3f8

	.section .text.boot, "ax"
	.code32
	.globl	x86_start32
x86_start32:
	cli
	cld
	movl	%eax, x86_boot_magic		/* in .data: .bss is not zeroed yet */
	movl	%ebx, x86_boot_info		/* cpuid below clobbers ebx */
	rdtsc					/* boot-time figures start here */
	movl	%eax, x86_entry_counter
	movl	%edx, x86_entry_counter + 4

	/* Zero .bss: not every loader does. */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	movl	$x86_boot_stack_top, %esp

	/* Intel SDM vol. 2A, CPUID 80000001h: EDX bit 29 = long mode, bit 20 = NX. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	no_long_mode
	movl	%edx, %ebp

	/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories. */
	movl	$x86_pdpt + PTE_PW, x86_pml4
	movl	$x86_pd + PTE_PW, %eax
	xorl	%ecx, %ecx
1:	movl	%eax, x86_pdpt(, %ecx, 8)
	addl	$4096, %eax
	incl	%ecx
	cmpl	$4, %ecx
	jb	1b

	/* 2048 x 2 MiB pages cover 0..4 GiB. */
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$PTE_PW_2M, %eax
	movl	%eax, x86_pd(, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	2b

	/* The first 2 MiB in 4 KiB pages, page 0 left out: NULL dereferences fault. */
	movl	$x86_pt0 + PTE_PW, x86_pd
	movl	$1, %ecx
3:	movl	%ecx, %eax
	shll	$12, %eax
	orl	$PTE_PW, %eax
	movl	%eax, x86_pt0(, %ecx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jb	3b

	movl	$x86_pml4, %eax
	movl	%eax, %cr3
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	btl	$20, %ebp
	jnc	4f
	orl	$EFER_NXE, %eax
4:	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_NE | CR0_PE), %eax
	movl	%eax, %cr0
	lgdt	x86_boot_gdt_ptr
	ljmp	$SEL_CODE64, $x86_start64

no_long_mode:
	movl	$no_long_mode_msg, %esi
	movw	$COM1, %dx
5:	lodsb
	testb	%al, %al
	jz	6f
	outb	%al, %dx
	jmp	5b
6:	hlt
	jmp	6b

	.code64
x86_start64:
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$x86_boot_stack_top, %rsp
	xorl	%ebp, %ebp			/* ends every backtrace */
	movl	x86_boot_magic, %edi		/* x86_boot(magic, info) */
	movl	x86_boot_info, %esi
	call	x86_boot
	ud2

	.section .rodata.boot, "a"
no_long_mode_msg:
	.asciz	"Keel: this CPU has no long mode; an x86_64 CPU is required\r\n"

	.section .data.boot, "aw"
	.balign	8
	/* Descriptors with the accessed bit set: the CPU never writes to this table. */
x86_boot_gdt:
	.quad	0
	.quad	0x00af9b000000ffff		/* 0x08: 64-bit code, DPL 0 */
	.quad	0x00cf93000000ffff		/* 0x10: data, DPL 0 */
x86_boot_gdt_ptr:
	.word	x86_boot_gdt_ptr - x86_boot_gdt - 1
	.long	x86_boot_gdt
	.globl	x86_entry_counter
	.balign	8
x86_entry_counter:				/* in .data: written before .bss is zeroed */
	.quad	0
x86_boot_magic:
	.long	0
x86_boot_info:
	.long	0

	.section .bss.boot, "aw", @nobits
	.balign	4096
	/*
	 * The boot page tables stay together: k_arch_mmu_init() frees them as one range.
	 * Global so that 64-bit entries (plat/efi) can build the same map.
	 */
	.globl	x86_pml4, x86_pdpt, x86_pd, x86_pt0, x86_boot_stack_guard, x86_boot_stack_top
x86_pml4:
	.skip	4096
x86_pdpt:
	.skip	4096
x86_pd:
	.skip	4 * 4096
x86_pt0:
	.skip	4096
x86_boot_stack_guard:				/* unmapped by k_arch_init() */
	.skip	4096
x86_boot_stack:
	.skip	CONFIG_X86_64_BOOT_STACK_SIZE
x86_boot_stack_top:
