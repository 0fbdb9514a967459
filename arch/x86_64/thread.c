// SPDX-License-Identifier: BSD-3-Clause
/* New thread contexts and thread-local storage (keel/arch.h). */
#include <string.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/panic.h>

#define MSR_FS_BASE	0xc0000100	/* SDM 4 §2.1: base of %fs, the thread pointer */

void x86_thread_trampoline(void);
void *x86_fpu_area_init(struct k_arch_context *ctx, void *stack_top);

#ifndef CONFIG_FPU
void k_arch_context_init_boot(struct k_arch_context *ctx)
{
	ctx->fpu = NULL;
}

void *x86_fpu_area_init(struct k_arch_context *ctx, void *stack_top)
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

	stack_top = x86_fpu_area_init(ctx, stack_top);
	sp = (uintptr_t *)K_ALIGN_DOWN((uintptr_t)stack_top, 16);

	/*
	 * The frame k_arch_context_switch pops: r15..r12, rbx, rbp, then its return
	 * address. After that ret, rsp is 16-byte aligned, as before a call.
	 */
	*--sp = (uintptr_t)x86_thread_trampoline;
	*--sp = 0;			/* rbp */
	*--sp = 0;			/* rbx */
	*--sp = (uintptr_t)arg;		/* r12 */
	*--sp = (uintptr_t)entry;	/* r13 */
	*--sp = 0;			/* r14 */
	*--sp = 0;			/* r15 */
	ctx->sp = (uintptr_t)sp;
}

/* PT_TLS p_align: the linker rounds the block to it when it computes %fs offsets. */
static size_t tls_segment_align(void)
{
	size_t align = (uintptr_t)__k_tls_align;

	return align ? align : 1;
}

size_t k_arch_tls_align(void)
{
	return K_MAX(tls_segment_align(), (size_t)16);
}

/*
 * The block below the thread pointer: the template's size rounded up to p_align,
 * exactly as the linker placed the variables (x86_64 psABI §3.4.6).
 */
static size_t tls_block_size(void)
{
	return K_ALIGN_UP((size_t)(__k_tls_end - __k_tls_start), tls_segment_align());
}

size_t k_arch_tls_size(void)
{
	return tls_block_size() + sizeof(uintptr_t);
}

uintptr_t k_arch_tls_init(void *area)
{
	size_t data = (size_t)(__k_tls_data_end - __k_tls_start);
	size_t block = tls_block_size();
	char *tp = (char *)area + block;

	memcpy(area, __k_tls_start, data);
	memset((char *)area + data, 0, block - data);
	/* x86_64 psABI §3.4.6 (TLS): %fs:0 holds the thread pointer itself. */
	*(uintptr_t *)tp = (uintptr_t)tp;
	return (uintptr_t)tp;
}

void k_arch_tls_set(uintptr_t tp)
{
	x86_wrmsr(MSR_FS_BASE, tp);
}

uintptr_t k_arch_tls_get(void)
{
	return x86_rdmsr(MSR_FS_BASE);
}

extern char x86_boot_tls[];

/*
 * The boot thread's TLS lives in .bss (link.lds.S reserves the template's size plus
 * 64 bytes of alignment slack), so __thread variables work before any allocator.
 */
void x86_tls_boot_init(void)
{
	if (k_arch_tls_align() > 64)
		k_panic("TLS alignment %zu is above the 64 bytes the boot TLS allows",
			k_arch_tls_align());
	k_arch_tls_set(k_arch_tls_init(x86_boot_tls));
}
