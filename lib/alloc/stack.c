// SPDX-License-Identifier: BSD-3-Clause
/* Stacks with an unmapped guard page underneath. */
#include <errno.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/panic.h>

int k_stack_alloc(struct k_stack *s, size_t size, const char *owner)
{
	size_t pages = size / K_ARCH_PAGE_SIZE + (size % K_ARCH_PAGE_SIZE != 0);
	char *p;
	int rc;

	if (!size || pages >= SIZE_MAX / K_ARCH_PAGE_SIZE)
		return -EINVAL;
	p = k_palloc(pages + 1);
	if (!p)
		return -ENOMEM;
	rc = k_arch_unmap((uintptr_t)p, K_ARCH_PAGE_SIZE);
	if (rc) {
		k_pfree(p, pages + 1);
		return rc;
	}
	s->base = p + K_ARCH_PAGE_SIZE;
	s->size = pages * K_ARCH_PAGE_SIZE;
	s->guard = (struct k_guard){ .page = (uintptr_t)p, .owner = owner };
	k_guard_add(&s->guard);
	return 0;
}

void k_stack_free(struct k_stack *s)
{
	char *p = (char *)s->base - K_ARCH_PAGE_SIZE;

	k_guard_remove(&s->guard);
	/* The guard page goes back to the allocator, so it must be mapped again. */
	if (k_arch_map((uintptr_t)p, (uintptr_t)p, K_ARCH_PAGE_SIZE,
		       K_PROT_READ | K_PROT_WRITE))
		k_panic("k_stack_free: cannot map the guard page at %p again", p);
	k_pfree(p, s->size / K_ARCH_PAGE_SIZE + 1);
	s->base = NULL;
}
