// SPDX-License-Identifier: BSD-3-Clause
/*
 * mem: in-image memory tests. Each argument names a check; non-fatal checks print
 * "mem: NAME: ok ..." or "mem: NAME: FAIL ..." and the exit status counts failures.
 * The fault checks (wx-*, nx-*, thread-overflow) end the boot with Keel's report.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/arch.h>

#define PAGE	K_ARCH_PAGE_SIZE
#define GIB	(1ul << 30)

static int failures;

static void report(const char *name, int ok, const char *detail)
{
	printf("mem: %s: %s%s%s\n", name, ok ? "ok" : "FAIL", *detail ? " " : "", detail);
	failures += !ok;
}

/* Single pages until none is left, linked through themselves; then free them all. */
static size_t exhaust_pages(void)
{
	void *head = NULL, *p;
	size_t n = 0;

	while ((p = k_palloc(1))) {
		*(void **)p = head;
		head = p;
		n++;
	}
	while (head) {
		p = head;
		head = *(void **)p;
		k_pfree(p, 1);
	}
	return n;
}

static size_t exhaust_heap(size_t size)
{
	void *head = NULL, *p;
	size_t n = 0;

	while ((p = k_malloc(size))) {
		*(void **)p = head;
		head = p;
		n++;
	}
	while (head) {
		p = head;
		head = *(void **)p;
		k_free(p);
	}
	return n;
}

static void check_exhaust(void)
{
	struct k_alloc_stats before, after;
	size_t a, b;
	char msg[160];

	k_alloc_stats(&before);
	a = exhaust_pages();
	b = exhaust_pages();
	k_alloc_stats(&after);
	snprintf(msg, sizeof(msg), "%lu pages, then %lu; %lu KiB free before, %lu after",
		 (unsigned long)a, (unsigned long)b, (unsigned long)(before.pages_free >> 10),
		 (unsigned long)(after.pages_free >> 10));
	report("exhaust-pages", a == b && a > 0 && a >= before.pages_free / PAGE &&
	       after.pages_free == before.pages_free, msg);

	a = exhaust_heap(1000);
	b = exhaust_heap(1000);
	snprintf(msg, sizeof(msg), "%lu blocks of 1000 bytes, then %lu", (unsigned long)a,
		 (unsigned long)b);
	if (!strcmp(after.heap, "region"))
		report("exhaust-heap", a > 0, msg);	/* freed chunks are not reused */
	else
		report("exhaust-heap", a == b && a > 0, msg);
}

static void check_oom(void)
{
	struct k_alloc_stats st;
	size_t before;
	void *p;

	k_alloc_stats(&st);
	before = st.failures;
	report("oom-malloc-huge", k_malloc(SIZE_MAX / 2) == NULL, "");
	report("oom-malloc-more-than-ram", k_malloc(st.pages_total + PAGE) == NULL, "");
	report("oom-calloc-overflow", k_calloc(SIZE_MAX / 8, 16) == NULL, "");
	report("oom-palloc", k_palloc(st.pages_total / PAGE + 1) == NULL, "");
	report("oom-memalign-bad-align", k_memalign(24, 64) == NULL, "");
	k_alloc_stats(&st);
	report("oom-failures-counted", st.failures == before + 5, "");
	report("oom-posix-memalign-einval", posix_memalign(&p, 24, 8) == EINVAL, "");
	p = k_malloc(100);
	report("oom-heap-still-works", p != NULL, "");
	k_free(p);
	errno = 0;
	report("oom-libc-enomem", malloc(SIZE_MAX / 2) == NULL && errno == ENOMEM, "");
}

static void check_heap_api(void)
{
	struct k_alloc_stats st0, st1;
	char *p, *q;
	int ok = 1;

	k_alloc_stats(&st0);
	p = k_malloc(40);
	if (!p) {
		report("heap-api", 0, "k_malloc(40) failed");
		return;
	}
	ok &= ((uintptr_t)p % K_MALLOC_ALIGN) == 0 && k_malloc_usable_size(p) >= 40;
	memset(p, 'k', 40);
	q = k_realloc(p, 5000);
	ok &= q && q[0] == 'k' && q[39] == 'k';
	p = k_memalign(4096, 100);
	ok &= p && ((uintptr_t)p & 4095) == 0;
	k_alloc_stats(&st1);
	ok &= st1.heap_in_use >= st0.heap_in_use + 5100 &&
	      st1.heap_peak >= st0.heap_in_use + 5100;
	k_free(p);
	k_free(q);
	p = k_calloc(10, 10);
	for (int i = 0; i < 100; i++)
		ok &= p && p[i] == 0;
	k_free(p);
	k_alloc_stats(&st1);
	ok &= st1.heap_in_use == st0.heap_in_use;
	report("heap-api", ok, "");
}

/* 1 GiB as pages and from the heap; one write per 2 MiB plus both ends. */
static int touch_and_check(char *p, size_t len)
{
	for (size_t off = 0; off < len; off += 2ul << 20)
		p[off] = (char)(off >> 21);
	p[len - 1] = 'e';
	for (size_t off = 0; off < len; off += 2ul << 20)
		if (p[off] != (char)(off >> 21))
			return 0;
	return p[len - 1] == 'e';
}

static void check_big(void)
{
	struct k_alloc_stats st;
	char msg[96];
	char *p = k_palloc(GIB / PAGE);

	snprintf(msg, sizeof(msg), "k_palloc(1 GiB) = %p", p);
	report("big-palloc", p && touch_and_check(p, GIB), msg);
	if (p)
		k_pfree(p, GIB / PAGE);
	p = k_malloc(GIB);
	snprintf(msg, sizeof(msg), "k_malloc(1 GiB) = %p", p);
	report("big-malloc", p && touch_and_check(p, GIB), msg);
	k_free(p);
	k_alloc_stats(&st);
	if (!strcmp(st.heap, "region"))
		return;		/* the region heap keeps its chunks */
	p = k_palloc(GIB / PAGE);
	report("big-palloc-again", p != NULL, "the heap gave the 1 GiB back");
	if (p)
		k_pfree(p, GIB / PAGE);
}

static void check_stacks(void)
{
	struct k_alloc_stats st0, st1;
	struct k_stack s;
	int ok = 1;

	/* The first unmap may split a large page: that page table stays. */
	ok &= k_stack_alloc(&s, 8192, "test-stack") == 0;
	if (ok)
		k_stack_free(&s);
	k_alloc_stats(&st0);
	for (int i = 0; i < 100 && ok; i++) {
		ok &= k_stack_alloc(&s, 8192, "test-stack") == 0;
		if (ok) {
			memset(s.base, 0x5a, s.size);
			k_stack_free(&s);
		}
	}
	k_alloc_stats(&st1);
	report("stacks", ok && st1.pages_free == st0.pages_free, "");
}

int main(int argc, char *argv[]);

static volatile uintptr_t fault_address_zero;
static const char rodata_text[] = "read-only";
static unsigned char data_code[16] = { 0xc3 };	/* ret */

__attribute__((noinline)) static int overflow_recurse(volatile int depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth == -1)
		return 0;
	return overflow_recurse(depth + 1) + pad[0];
}

static void overflow_entry(void)
{
	overflow_recurse(0);
}

/* Runs fn on another stack; the fault tests never come back. */
static void run_on_stack(void (*fn)(void), void *top)
{
#ifdef __aarch64__
	__asm__ volatile("mov sp, %1\n\t"
			 "blr %0"
			 : : "r"(fn), "r"(top) : "memory");
#else
	__asm__ volatile("mov %1, %%rsp\n\t"
			 "call *%0"
			 : : "r"(fn), "r"(top) : "memory");
#endif
}

__attribute__((noinline)) static void run_fault(const char *what)
{
	static struct k_stack s;

	if (!strcmp(what, "null"))
		printf("%d\n", *(volatile int *)(uintptr_t)fault_address_zero);
	else if (!strcmp(what, "wx-text"))
		*(volatile char *)(uintptr_t)&main = 0;
	else if (!strcmp(what, "wx-rodata"))
		*(volatile char *)(uintptr_t)rodata_text = 0;
	else if (!strcmp(what, "nx-data"))
		((void (*)(void))(uintptr_t)data_code)();
	else if (!strcmp(what, "nx-heap")) {
		unsigned char *code = k_malloc(16);

		code[0] = 0xc3;
		((void (*)(void))(uintptr_t)code)();
	} else if (!strcmp(what, "thread-overflow")) {
		if (k_stack_alloc(&s, 16384, "test-thread") == 0)
			run_on_stack(overflow_entry, k_stack_top(&s));
	}
}

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "exhaust"))
			check_exhaust();
		else if (!strcmp(argv[i], "oom"))
			check_oom();
		else if (!strcmp(argv[i], "heap"))
			check_heap_api();
		else if (!strcmp(argv[i], "big"))
			check_big();
		else if (!strcmp(argv[i], "stacks"))
			check_stacks();
		else
			run_fault(argv[i]);
	}
	printf("mem: %d failures\n", failures);
	return failures ? 1 : 0;
}
