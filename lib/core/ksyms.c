// SPDX-License-Identifier: BSD-3-Clause
/* Address to symbol lookup over the table embedded at link time. */
#include <keel/fmt.h>
#include <keel/ksyms.h>

/*
 * Weak: the first link pass has no table (support/build/rules.mk); the second
 * links the generated one. Both passes produce the same code.
 */
extern const struct k_ksym k_ksyms[] __attribute__((weak));
extern const uint64_t k_ksyms_count __attribute__((weak));
extern const char k_ksyms_names[] __attribute__((weak));

const char *k_ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	size_t lo = 0, hi, mid;
	const struct k_ksym *s;

	if (!k_ksyms || !&k_ksyms_count || k_ksyms_count == 0)
		return NULL;
	hi = (size_t)k_ksyms_count;
	/* Find the last symbol whose address is <= addr (table sorted by address). */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (k_ksyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	s = &k_ksyms[lo];
	if (addr < s->addr)
		return NULL;
	if (s->size ? addr >= s->addr + s->size
		    : lo + 1 < k_ksyms_count && addr >= k_ksyms[lo + 1].addr)
		return NULL;
	if (offset)
		*offset = addr - (uintptr_t)s->addr;
	return k_ksyms_names + s->name;
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
