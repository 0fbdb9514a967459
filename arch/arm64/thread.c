// SPDX-License-Identifier: BSD-3-Clause
/* New thread contexts and thread-local storage (keel/arch.h). */
#include <string.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/panic.h>

/* AArch64 ELF TLS variant I: the thread pointer addresses a 16-byte control block. */
#define TCB_SIZE	16

void arm64_thread_trampoline(void);
void *arm64_fpu_area_init(struct k_arch_context *ctx, void *stack_top);
void arm64_tls_boot_init(void);

#ifndef CONFIG_FPU
void k_arch_context_init_boot(struct k_arch_context *ctx)
{
	ctx->fpu = NULL;
}

void *arm64_fpu_area_init(struct k_arch_context *ctx, void *stack_top)
{
	ctx->fpu = NULL;
	return stack_top;
}

void k_arch_context_release(struct k_arch_context *ctx)
{
	(void)ctx;
}
#endif

/* Linker script: the TLS template (.tdata, then .tbss). */
extern const char __k_tls_start[], __k_tls_data_end[], __k_tls_end[];
extern const char __k_tls_align[];

void k_arch_context_init(struct k_arch_context *ctx, void *stack_top,
			 void (*entry)(void *), void *arg)
{
	uintptr_t *sp;

	stack_top = arm64_fpu_area_init(ctx, stack_top);
	sp = (uintptr_t *)K_ALIGN_DOWN((uintptr_t)stack_top, 16);

	/*
	 * The frame k_arch_context_switch reloads, lowest address first: x29, x30, then
	 * x19..x28. Its ret goes to x30, with sp back at a 16-byte boundary.
	 */
	sp -= 12;
	memset(sp, 0, 12 * sizeof(*sp));
	sp[1] = (uintptr_t)arm64_thread_trampoline;	/* x30 */
	sp[2] = (uintptr_t)arg;				/* x19 */
	sp[3] = (uintptr_t)entry;			/* x20 */
	ctx->sp = (uintptr_t)sp;
}

/* PT_TLS p_align: the linker rounds the block's offset from the thread pointer to it. */
static size_t tls_segment_align(void)
{
	size_t align = (uintptr_t)__k_tls_align;

	return align ? align : 1;
}

size_t k_arch_tls_align(void)
{
	return K_MAX(tls_segment_align(), (size_t)16);
}

/* Where the block starts, from the thread pointer (AArch64 ELF ABI, TLS variant I). */
static size_t tls_block_offset(void)
{
	return K_ALIGN_UP((size_t)TCB_SIZE, tls_segment_align());
}

size_t k_arch_tls_size(void)
{
	return tls_block_offset() + (size_t)(__k_tls_end - __k_tls_start);
}

uintptr_t k_arch_tls_init(void *area)
{
	size_t data = (size_t)(__k_tls_data_end - __k_tls_start);
	size_t size = (size_t)(__k_tls_end - __k_tls_start);
	char *block = (char *)area + tls_block_offset();

	memset(area, 0, tls_block_offset());
	memcpy(block, __k_tls_start, data);
	memset(block + data, 0, size - data);
	return (uintptr_t)area;
}

void k_arch_tls_set(uintptr_t tp)
{
	arm64_sysreg_write(tpidr_el0, tp);
}

uintptr_t k_arch_tls_get(void)
{
	return arm64_sysreg_read(tpidr_el0);
}

extern char arm64_boot_tls[];

/*
 * The boot thread's TLS lives in .bss (link.lds.S reserves the template's size plus
 * 64 bytes of alignment slack), so __thread variables work before any allocator.
 */
void arm64_tls_boot_init(void)
{
	if (k_arch_tls_align() > 64)
		k_panic("TLS alignment %zu is above the 64 bytes the boot TLS allows",
			k_arch_tls_align());
	k_arch_tls_set(k_arch_tls_init(arm64_boot_tls));
}
