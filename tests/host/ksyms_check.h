/* SPDX-License-Identifier: BSD-3-Clause */
/* Lookup assertions shared by the k_ksym_lookup tests (include after host_test.h). */
#ifndef KSYMS_CHECK_H
#define KSYMS_CHECK_H

#include <stdint.h>
#include <keel/ksyms.h>

/* name NULL: addr must not resolve. */
static void expect_sym_at(int line, uintptr_t addr, const char *name, uintptr_t off)
{
	uintptr_t got_off = (uintptr_t)-1;
	const char *got = k_ksym_lookup(addr, &got_off);

	if (!name && got)
		t_fail(__FILE__, line, "%#lx resolved to %s+%#lx, expected nothing",
		       (unsigned long)addr, got, (unsigned long)got_off);
	else if (name && !got)
		t_fail(__FILE__, line, "%#lx did not resolve, expected %s+%#lx",
		       (unsigned long)addr, name, (unsigned long)off);
	else if (name && (strcmp(got, name) != 0 || got_off != off))
		t_fail(__FILE__, line, "%#lx resolved to %s+%#lx, expected %s+%#lx",
		       (unsigned long)addr, got, (unsigned long)got_off, name,
		       (unsigned long)off);
}

#define EXPECT_SYM(addr, name, off)	expect_sym_at(__LINE__, (addr), (name), (off))
#define EXPECT_NO_SYM(addr)		expect_sym_at(__LINE__, (addr), NULL, 0)

#endif /* KSYMS_CHECK_H */
