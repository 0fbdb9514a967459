// SPDX-License-Identifier: BSD-3-Clause
/* Address to symbol lookup over the table embedded at link time. */
#include <string.h>
#include <keel/fmt.h>
#include <keel/ksyms.h>

/*
 * Weak: the first link pass has no table (support/build/rules.mk); the second
 * links the generated one. Both passes produce the same code.
 */
extern const struct k_ksym_table k_ksym_table __attribute__((weak));

const char *k_ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	const struct k_ksym_table *t = &k_ksym_table;
	const uint32_t *off;
	const char *name;
	size_t lo = 0, hi, mid;

	if (!t || t->count == 0 || addr < t->base || addr - t->base > UINT32_MAX)
		return NULL;
	off = t->offsets;
	hi = t->count;
	/* Find the last entry that starts at or below addr (offsets increase). */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (off[mid] <= addr - t->base)
			lo = mid;
		else
			hi = mid;
	}
	if (off[lo] > addr - t->base)
		return NULL;
	/* Names follow in table order: a lookup (panics only) walks to the lo-th. */
	name = (const char *)t + t->names;
	for (size_t i = 0; i < lo; i++)
		name += strlen(name) + 1;
	if (!*name)
		return NULL;
	if (offset)
		*offset = addr - t->base - off[lo];
	return name;
}

char *k_ksym_format(uintptr_t addr, char *buf, size_t len)
{
	uintptr_t off;
	const char *name = k_ksym_lookup(addr, &off);

	if (name)
		k_snprintf(buf, len, "%s+0x%lx", name, (unsigned long)off);
	else
		k_snprintf(buf, len, "?");
	return buf;
}
