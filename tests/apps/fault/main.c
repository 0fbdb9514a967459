// SPDX-License-Identifier: BSD-3-Clause
/*
 * fault: a test application that goes wrong on request, so that the boot tests can
 * check Keel's reports. argv[1] picks the failure; "exit N" returns N.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <keel/panic.h>

/* noinline keeps each failure in a function of its own name for the backtrace check. */
__attribute__((noinline)) static int fault_null_read(void)
{
	return *(volatile int *)0;
}

/* The address comes through a volatile so the compiler cannot see it is near NULL. */
static volatile uintptr_t fault_near_null = 8;

__attribute__((noinline)) static void fault_null_write(void)
{
	*(volatile int *)fault_near_null = 1;
}

__attribute__((noinline)) static void fault_invalid_opcode(void)
{
#ifdef __aarch64__
	__asm__ volatile("udf #0");	/* permanently undefined (A64: UDF) */
#else
	__asm__ volatile("ud2");
#endif
}

__attribute__((noinline)) static int fault_divide(volatile int d)
{
	return 100 / d;
}

/* Unbounded recursion, as far as the compiler can tell (the limit is never reached). */
__attribute__((noinline)) static int fault_recurse(volatile int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth == -1)
		return 0;
	return fault_recurse(depth + 1) + pad[0];
}

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "";

	printf("fault: %s\n", what);
	if (!strcmp(what, "null"))
		return fault_null_read();
	if (!strcmp(what, "null-write"))
		fault_null_write();
	else if (!strcmp(what, "ud"))
		fault_invalid_opcode();
	else if (!strcmp(what, "div0"))
		return fault_divide(0);
	else if (!strcmp(what, "overflow"))
		return fault_recurse(0);
	else if (!strcmp(what, "panic"))
		k_panic("requested by the test (%d)", 42);
	else if (!strcmp(what, "assert"))
		assert(argc == 1);
	else if (!strcmp(what, "exit") && argc > 2)
		return atoi(argv[2]);
	printf("fault: nothing happened\n");
	return 1;
}
