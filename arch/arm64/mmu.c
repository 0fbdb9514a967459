// SPDX-License-Identifier: BSD-3-Clause
/*
 * arm64 paging (VMSAv8-64, 4 KiB granule, 48-bit VA, four levels): the final tables (an
 * identity map of RAM with W^X image permissions, execute-never everywhere else, page
 * 0 and stack guard pages unmapped) and map/unmap/protect on them. 1 GiB and 2 MiB
 * blocks keep the direct map small.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/arm64/mmu.h>
#include <keel/bootmem.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include "sysregs.h"

#define PTE_ADDR	0x0000fffffffff000ull	/* output address, bits 47:12 */
#define PTE_TYPE_MASK	3ull
#define PT_ENTRIES	512
#define LEVEL_SHIFT(l)	(12 + 9 * (l))		/* 0 = 4 KiB pages ... 3 = 512 GiB (L0) */
#define LEVEL_SIZE(l)	(1ull << LEVEL_SHIFT(l))
#define ADDR_LIMIT	(1ull << 48)
#define BOOT_DEVICES_MAX 4

enum mmu_op_kind { MMU_MAP, MMU_UNMAP, MMU_PROTECT };

struct mmu_op {
	enum mmu_op_kind kind;
	uint64_t va;		/* start of the whole operation */
	uint64_t pa;		/* physical address that va maps to (MMU_MAP) */
	uint64_t attrs;		/* leaf attributes, without the descriptor type */
};

extern char __image_start[], __rodata_start[], __data_start[], __image_end[];
extern char arm64_boot_l0[], arm64_boot_l1[], arm64_boot_stack_guard[];

static uint64_t *mmu_root;
static struct k_bootinfo *mmu_boot;	/* set while tables come from boot memory */
static struct k_mem_range boot_devices[BOOT_DEVICES_MAX];
static unsigned int nboot_devices;

int arm64_mmu_boot_device(uint64_t base, uint64_t size)
{
	if (nboot_devices == BOOT_DEVICES_MAX)
		return -ENOSPC;
	boot_devices[nboot_devices++] = (struct k_mem_range){ base, base + size };
	return 0;
}

static void *mmu_table_alloc(void)
{
	void *t;

	if (mmu_boot)
		t = (void *)(uintptr_t)k_bootmem_alloc(mmu_boot, K_ARCH_PAGE_SIZE,
						       K_ARCH_PAGE_SIZE, mmu_boot->image_start,
						       ADDR_LIMIT, "page tables");
	else
		t = k_palloc(1);
	if (t)
		memset(t, 0, K_ARCH_PAGE_SIZE);
	return t;
}

static uint64_t *mmu_table_of(uint64_t e)
{
	return (uint64_t *)(uintptr_t)(e & PTE_ADDR);
}

static uint64_t mmu_prot_attrs(unsigned int prot)
{
	uint64_t a = PTE_AF;

	if (prot & K_MAP_DEVICE)
		return a | PTE_ATTR(MAIR_DEVICE) | PTE_PXN | PTE_UXN |
		       (prot & K_PROT_WRITE ? 0 : PTE_AP_RO);
	a |= PTE_ATTR(MAIR_NORMAL) | PTE_SH_INNER;
	if (!(prot & K_PROT_WRITE))
		a |= PTE_AP_RO;
	if (!(prot & K_PROT_EXEC))
		a |= PTE_PXN | PTE_UXN;
	return a;
}

/* A leaf at this level: a page at level 0, a block above (D8.3.1, descriptor types). */
static bool mmu_is_leaf(uint64_t e, int level)
{
	return (e & PTE_VALID) && (level == 0 || (e & PTE_TYPE_MASK) == PTE_BLOCK);
}

static uint64_t mmu_leaf_type(int level)
{
	return level ? PTE_BLOCK : PTE_TABLE;
}

/* Replace a block by a table of the next level mapping the same range. */
static int mmu_split(uint64_t *e, int level)
{
	uint64_t *t = mmu_table_alloc();
	uint64_t base = *e & PTE_ADDR & ~(LEVEL_SIZE(level) - 1);
	uint64_t attrs = *e & ~PTE_ADDR & ~PTE_TYPE_MASK;

	if (!t)
		return -ENOMEM;
	for (int i = 0; i < PT_ENTRIES; i++)
		t[i] = (base + (uint64_t)i * LEVEL_SIZE(level - 1)) | attrs |
		       mmu_leaf_type(level - 1);
	/*
	 * Written over the live block without break-before-make (ARM ARM D8.14.1): the
	 * old and new entries translate alike, and there is one CPU; the TLB is flushed
	 * after the whole operation.
	 */
	__atomic_store_n(e, (uintptr_t)t | PTE_TABLE, __ATOMIC_RELEASE);
	return 0;
}

/* Whether the entry for [va, stop) at this level is set directly rather than descended. */
static bool mmu_leaf_fits(const uint64_t *e, int level, uint64_t va, uint64_t stop,
			  const struct mmu_op *op)
{
	if (level == 0)
		return true;
	if (level == 3)		/* no 512 GiB blocks with a 4 KiB granule */
		return false;
	if ((va & (LEVEL_SIZE(level) - 1)) || stop - va != LEVEL_SIZE(level))
		return false;
	/* Changing permissions keeps the mapping: an existing table is descended. */
	if (op->kind == MMU_PROTECT)
		return !(*e & PTE_VALID) || mmu_is_leaf(*e, level);
	return op->kind != MMU_MAP || !((op->pa + (va - op->va)) & (LEVEL_SIZE(level) - 1));
}

static void mmu_set_leaf(uint64_t *e, int level, uint64_t va, const struct mmu_op *op)
{
	if (op->kind == MMU_MAP)
		*e = (op->pa + (va - op->va)) | op->attrs | mmu_leaf_type(level);
	else if (op->kind == MMU_UNMAP)
		*e = 0;		/* a table below a whole-entry unmap is leaked, not reused */
	else if (*e & PTE_VALID)
		*e = (*e & PTE_ADDR & ~(LEVEL_SIZE(level) - 1)) | op->attrs |
		     mmu_leaf_type(level);
}

static int mmu_walk(uint64_t *table, int level, uint64_t va, uint64_t end,
		    const struct mmu_op *op)
{
	while (va < end) {
		uint64_t *e = &table[(va >> LEVEL_SHIFT(level)) % PT_ENTRIES];
		uint64_t next = (va & ~(LEVEL_SIZE(level) - 1)) + LEVEL_SIZE(level);
		uint64_t stop = next < end ? next : end;
		int rc;

		if (mmu_leaf_fits(e, level, va, stop, op)) {
			mmu_set_leaf(e, level, va, op);
			goto next;
		}
		if (!(*e & PTE_VALID)) {
			uint64_t *t;

			if (op->kind != MMU_MAP)
				goto next;
			t = mmu_table_alloc();
			if (!t)
				return -ENOMEM;
			*e = (uintptr_t)t | PTE_TABLE;
		} else if (mmu_is_leaf(*e, level) && (rc = mmu_split(e, level))) {
			return rc;
		}
		rc = mmu_walk(mmu_table_of(*e), level - 1, va, stop, op);
		if (rc)
			return rc;
next:
		va = stop;
	}
	return 0;
}

/* Make table writes visible to the walker, then drop every cached translation. */
static void mmu_flush(void)
{
	__asm__ volatile("dsb ishst; tlbi vmalle1; dsb ish; isb" ::: "memory");
}

/* Serialises changes to the tables; taken before the page allocator's lock. */
static struct k_spinlock mmu_lock = K_SPINLOCK_INIT;

static int mmu_apply(struct mmu_op *op, uint64_t va, size_t len)
{
	unsigned long flags;
	int rc;

	if (!mmu_root)
		return -EAGAIN;		/* before k_arch_mmu_init: the boot map is in use */
	if ((va | len) & (K_ARCH_PAGE_SIZE - 1) || va >= ADDR_LIMIT || len > ADDR_LIMIT - va)
		return -EINVAL;
	op->va = va;
	flags = k_spin_lock_irqsave(&mmu_lock);
	rc = mmu_walk(mmu_root, 3, va, va + len, op);
	mmu_flush();
	k_spin_unlock_irqrestore(&mmu_lock, flags);
	return rc;
}

int k_arch_map(uintptr_t va, uint64_t pa, size_t len, unsigned int prot)
{
	struct mmu_op op = { .kind = MMU_MAP, .pa = pa, .attrs = mmu_prot_attrs(prot) };

	if (pa & (K_ARCH_PAGE_SIZE - 1))
		return -EINVAL;
	return mmu_apply(&op, va, len);
}

int k_arch_unmap(uintptr_t va, size_t len)
{
	struct mmu_op op = { .kind = MMU_UNMAP };

	return mmu_apply(&op, va, len);
}

int k_arch_protect(uintptr_t va, size_t len, unsigned int prot)
{
	struct mmu_op op = { .kind = MMU_PROTECT, .attrs = mmu_prot_attrs(prot) };

	return mmu_apply(&op, va, len);
}

/*
 * The direct map holds RAM (usable, ACPI and NVS regions; reserved ones too: the
 * device tree and the loader's files sit there) as normal memory, and the platform's
 * boot devices as device memory. Other device registers are not mapped: drivers map
 * them with K_MAP_DEVICE, and a stray pointer into unmapped space faults.
 */
static int mmu_map_memory(const struct k_bootinfo *bi)
{
	uint64_t page = K_ARCH_PAGE_SIZE;
	int rc = 0;

	for (unsigned int i = 0; i < bi->nmem && !rc; i++) {
		const struct k_mem_region *m = &bi->mem[i];
		uint64_t b = m->base & ~(page - 1), e;

		if (m->base >= ADDR_LIMIT || m->type == K_MEM_UNUSABLE)
			continue;
		e = m->size > ADDR_LIMIT - m->base ? ADDR_LIMIT : m->base + m->size;
		e = (e + page - 1) & ~(page - 1);
		if (b < page)
			b = page;	/* page 0 stays unmapped: NULL dereferences fault */
		if (b < e)
			rc = k_arch_map(b, b, e - b, K_PROT_READ | K_PROT_WRITE);
	}
	for (unsigned int i = 0; i < nboot_devices && !rc; i++) {
		uint64_t b = boot_devices[i].base & ~(page - 1);
		uint64_t e = (boot_devices[i].end + page - 1) & ~(page - 1);

		rc = k_arch_map(b, b, e - b, K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);
	}
	return rc;
}

static int mmu_map_image(const struct k_bootinfo *bi)
{
	uintptr_t text = (uintptr_t)__image_start, ro = (uintptr_t)__rodata_start;
	uintptr_t data = (uintptr_t)__data_start;
	uintptr_t end = ((uintptr_t)__image_end + K_ARCH_PAGE_SIZE - 1) &
			~(uintptr_t)(K_ARCH_PAGE_SIZE - 1);
	int rc;

	/* The image, whatever the memory map says of it, then its permissions. */
	if ((rc = k_arch_map(bi->image_start, bi->image_start, end - bi->image_start,
			     K_PROT_READ | K_PROT_WRITE)) ||
	    (rc = k_arch_protect(text, ro - text, K_PROT_READ | K_PROT_EXEC)) ||
	    (rc = k_arch_protect(ro, data - ro, K_PROT_READ)) ||
	    (rc = k_arch_protect(data, end - data, K_PROT_READ | K_PROT_WRITE)))
		return rc;
	return k_arch_unmap((uintptr_t)arm64_boot_stack_guard, K_ARCH_PAGE_SIZE);
}

int k_arch_mmu_init(struct k_bootinfo *bi)
{
	int rc;

	mmu_boot = bi;
	mmu_root = mmu_table_alloc();
	if (!mmu_root) {
		rc = -ENOMEM;
		goto out;
	}
	rc = mmu_map_memory(bi);
	if (!rc)
		rc = mmu_map_image(bi);
	if (rc)
		goto out;
	/* Both maps translate the running code alike: switching needs no care beyond this. */
	arm64_sysreg_write(ttbr0_el1, (uintptr_t)mmu_root);
	arm64_isb();
	mmu_flush();
	/* The boot tables are free memory now. */
	if (k_bootmem_unreserve(bi, (uintptr_t)arm64_boot_l0, (uintptr_t)arm64_boot_l1 +
				K_ARCH_PAGE_SIZE))
		k_warn("mmu: no room to give the boot page tables back (8 KiB kept)\n");
out:
	mmu_boot = NULL;
	return rc;
}
