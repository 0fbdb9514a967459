// SPDX-License-Identifier: BSD-3-Clause
/* Boot memory: reservations and the free ranges left for the page allocator. */
#include <errno.h>
#include <keel/bootmem.h>
#include <keel/compiler.h>

#define BOOTMEM_PAGE		4096ull
/* Every cut can split one range in two: usable regions plus all cuts bound the count. */
#define BOOTMEM_WORK_MAX	(2 * K_BOOT_MEM_MAX + K_BOOT_RESERVED_MAX + 2)

struct bootmem_work {
	struct k_mem_range r[BOOTMEM_WORK_MAX];
	unsigned int n;
};

static uint64_t bootmem_round_down(uint64_t v)
{
	return v & ~(BOOTMEM_PAGE - 1);
}

/* Round up, saturating at the last page boundary instead of wrapping to 0. */
static uint64_t bootmem_round_up(uint64_t v)
{
	return v > UINT64_MAX - (BOOTMEM_PAGE - 1) ? bootmem_round_down(UINT64_MAX)
						   : bootmem_round_down(v + BOOTMEM_PAGE - 1);
}

static uint64_t bootmem_region_end(const struct k_mem_region *m)
{
	return m->size > UINT64_MAX - m->base ? UINT64_MAX : m->base + m->size;
}

static void bootmem_sort(struct k_mem_range *r, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		struct k_mem_range v = r[i];
		unsigned int j = i;

		for (; j > 0 && r[j - 1].base > v.base; j--)
			r[j] = r[j - 1];
		r[j] = v;
	}
}

/* Sort and join overlapping or touching ranges. */
static void bootmem_merge(struct bootmem_work *w)
{
	unsigned int out = 0;

	bootmem_sort(w->r, w->n);
	for (unsigned int i = 0; i < w->n; i++) {
		if (out && w->r[i].base <= w->r[out - 1].end) {
			w->r[out - 1].end = K_MAX(w->r[out - 1].end, w->r[i].end);
			continue;
		}
		w->r[out++] = w->r[i];
	}
	w->n = out;
}

/* Remove [base, end) from every range; a range cut in the middle becomes two. */
static void bootmem_cut(struct bootmem_work *w, uint64_t base, uint64_t end)
{
	unsigned int n = w->n;

	for (unsigned int i = 0; i < n; i++) {
		struct k_mem_range *r = &w->r[i];

		if (end <= r->base || base >= r->end)
			continue;
		if (base > r->base && end < r->end && w->n < BOOTMEM_WORK_MAX)
			w->r[w->n++] = (struct k_mem_range){ end, r->end };
		if (base > r->base)
			r->end = base;
		else
			r->base = K_MIN(end, r->end);
	}
}

static void bootmem_drop_empty(struct bootmem_work *w)
{
	unsigned int out = 0;

	for (unsigned int i = 0; i < w->n; i++)
		if (w->r[i].end > w->r[i].base)
			w->r[out++] = w->r[i];
	w->n = out;
}

static void bootmem_compute_free(const struct k_bootinfo *bi, struct bootmem_work *w)
{
	w->n = 0;
	for (unsigned int i = 0; i < bi->nmem && i < K_BOOT_MEM_MAX; i++) {
		const struct k_mem_region *m = &bi->mem[i];
		uint64_t b = bootmem_round_up(m->base), e = bootmem_round_down(bootmem_region_end(m));

		if (m->type == K_MEM_USABLE && e > b)
			w->r[w->n++] = (struct k_mem_range){ b, e };
	}
	bootmem_merge(w);
	/* Page 0 stays unmapped so that NULL dereferences fault. */
	bootmem_cut(w, 0, BOOTMEM_PAGE);
	for (unsigned int i = 0; i < bi->nmem && i < K_BOOT_MEM_MAX; i++)
		if (bi->mem[i].type != K_MEM_USABLE)
			bootmem_cut(w, bootmem_round_down(bi->mem[i].base),
				    bootmem_round_up(bootmem_region_end(&bi->mem[i])));
	for (unsigned int i = 0; i < bi->nreserved; i++)
		bootmem_cut(w, bootmem_round_down(bi->reserved[i].base),
			    bootmem_round_up(bi->reserved[i].end));
	bootmem_drop_empty(w);
	bootmem_sort(w->r, w->n);
}

unsigned int k_bootmem_free_ranges(const struct k_bootinfo *bi, struct k_mem_range *out,
				   unsigned int max)
{
	struct bootmem_work w;
	unsigned int total;

	bootmem_compute_free(bi, &w);
	total = w.n;
	/* Too many: keep the largest ones (selection by repeated removal of the smallest). */
	while (w.n > max) {
		unsigned int small = 0;

		for (unsigned int i = 1; i < w.n; i++)
			if (w.r[i].end - w.r[i].base < w.r[small].end - w.r[small].base)
				small = i;
		for (unsigned int i = small; i + 1 < w.n; i++)
			w.r[i] = w.r[i + 1];
		w.n--;
	}
	for (unsigned int i = 0; i < w.n; i++)
		out[i] = w.r[i];
	return total;
}

int k_bootmem_reserve(struct k_bootinfo *bi, uint64_t base, uint64_t end, const char *what)
{
	if (end <= base)
		return 0;
	/* Grow an adjacent reservation of the same kind rather than use a slot. */
	for (unsigned int i = 0; i < bi->nreserved; i++) {
		struct k_mem_reserved *r = &bi->reserved[i];

		if (r->what != what || end < r->base || base > r->end)
			continue;
		r->base = K_MIN(r->base, base);
		r->end = K_MAX(r->end, end);
		return 0;
	}
	if (bi->nreserved == K_BOOT_RESERVED_MAX)
		return -ENOSPC;
	bi->reserved[bi->nreserved++] = (struct k_mem_reserved){ base, end, what };
	return 0;
}

static unsigned int bootmem_splits_needed(const struct k_bootinfo *bi, uint64_t base,
					  uint64_t end)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < bi->nreserved; i++)
		if (base > bi->reserved[i].base && end < bi->reserved[i].end)
			n++;
	return n;
}

int k_bootmem_unreserve(struct k_bootinfo *bi, uint64_t base, uint64_t end)
{
	unsigned int n;

	if (end <= base)
		return 0;
	if (bi->nreserved + bootmem_splits_needed(bi, base, end) > K_BOOT_RESERVED_MAX)
		return -ENOSPC;
	n = bi->nreserved;
	for (unsigned int i = 0; i < n; i++) {
		struct k_mem_reserved *r = &bi->reserved[i];

		if (end <= r->base || base >= r->end)
			continue;
		if (base > r->base && end < r->end)
			bi->reserved[bi->nreserved++] =
				(struct k_mem_reserved){ end, r->end, r->what };
		if (base > r->base)
			r->end = base;
		else
			r->base = K_MIN(end, r->end);
	}
	/* Drop reservations that became empty. */
	n = 0;
	for (unsigned int i = 0; i < bi->nreserved; i++)
		if (bi->reserved[i].end > bi->reserved[i].base)
			bi->reserved[n++] = bi->reserved[i];
	bi->nreserved = n;
	return 0;
}

unsigned int k_bootmem_unreserved_ranges(const struct k_bootinfo *bi, uint64_t base,
					 uint64_t end, struct k_mem_range *out, unsigned int max)
{
	/* Too large for a thread's stack; the only caller runs once, during init. */
	static struct k_bootinfo lifted;
	struct bootmem_work w;
	uint64_t lo = bootmem_round_down(base), hi = bootmem_round_up(end);
	unsigned int n = 0;

	lifted = *bi;
	if (end <= base || k_bootmem_unreserve(&lifted, base, end))
		return 0;
	bootmem_compute_free(&lifted, &w);
	/* What was reserved covered [lo, hi) whole, so the new free pages lie inside it. */
	for (unsigned int i = 0; i < w.n && n < max; i++) {
		uint64_t b = K_MAX(w.r[i].base, lo), e = K_MIN(w.r[i].end, hi);

		if (e > b)
			out[n++] = (struct k_mem_range){ b, e };
	}
	return n;
}

uint64_t k_bootmem_alloc(struct k_bootinfo *bi, uint64_t size, uint64_t align,
			 uint64_t min, uint64_t limit, const char *what)
{
	struct bootmem_work w;

	if (size == 0 || align < BOOTMEM_PAGE || (align & (align - 1)) ||
	    size > UINT64_MAX - BOOTMEM_PAGE)
		return 0;
	size = bootmem_round_up(size);
	bootmem_compute_free(bi, &w);
	for (unsigned int i = 0; i < w.n; i++) {
		uint64_t b = K_MAX(w.r[i].base, min), top = K_MIN(w.r[i].end, limit), a;

		if (b > UINT64_MAX - (align - 1))
			continue;
		a = (b + align - 1) & ~(align - 1);
		if (a >= top || top - a < size)
			continue;
		if (k_bootmem_reserve(bi, a, a + size, what))
			return 0;
		return a;
	}
	return 0;
}
