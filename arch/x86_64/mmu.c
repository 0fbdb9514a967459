// SPDX-License-Identifier: BSD-3-Clause
/*
 * x86_64 paging: the final page tables (identity map with W^X image permissions, NX
 * everywhere else, page 0 and stack guard pages unmapped) and map/unmap/protect on them.
 * Large pages (1 GiB where the CPU has them, else 2 MiB) keep the direct map small.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/bootmem.h>
#include <keel/print.h>
#include <keel/spinlock.h>

/* SDM 3A §4.5, tables 4-14..4-20: 4-level paging entry bits. */
#define PTE_P		(1ull << 0)
#define PTE_W		(1ull << 1)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_PS		(1ull << 7)
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull
#define PTE_TABLE	(PTE_P | PTE_W)		/* leaves decide the permissions */

#define PT_ENTRIES	512
#define LEVEL_SHIFT(l)	(12 + 9 * (l))		/* 0 = PT (4 KiB) ... 3 = PML4 (512 GiB) */
#define LEVEL_SIZE(l)	(1ull << LEVEL_SHIFT(l))
#define ADDR_LIMIT	(1ull << 47)		/* canonical lower half */
#define BOOT_MAP_LIMIT	(4ull << 30)		/* entry32.S identity-maps 0..4 GiB */

enum mmu_op_kind { MMU_MAP, MMU_UNMAP, MMU_PROTECT };

struct mmu_op {
	enum mmu_op_kind kind;
	uint64_t va;		/* start of the whole operation */
	uint64_t pa;		/* physical address that va maps to (MMU_MAP) */
	uint64_t flags;		/* leaf bits without PTE_PS */
};

extern char __image_start[], __rodata_start[], __data_start[], __image_end[];
extern char x86_pml4[], x86_pt0[], x86_boot_stack_guard[];

static uint64_t *mmu_root;
static bool mmu_has_nx, mmu_has_1g;
static struct k_bootinfo *mmu_boot;	/* set while tables come from boot memory */

/* Prefers the memory right after the image (see k_bootmem_alloc), then any below 4 GiB. */
static void *mmu_boot_table_alloc(void)
{
	uint64_t t = k_bootmem_alloc(mmu_boot, K_ARCH_PAGE_SIZE, K_ARCH_PAGE_SIZE,
				     mmu_boot->image_start, BOOT_MAP_LIMIT, "page tables");

	if (!t)
		t = k_bootmem_alloc(mmu_boot, K_ARCH_PAGE_SIZE, K_ARCH_PAGE_SIZE, 0,
				    BOOT_MAP_LIMIT, "page tables");
	return (void *)(uintptr_t)t;
}

static void *mmu_table_alloc(void)
{
	void *t = mmu_boot ? mmu_boot_table_alloc() : k_palloc(1);

	if (t)
		memset(t, 0, K_ARCH_PAGE_SIZE);
	return t;
}

static uint64_t *mmu_table_of(uint64_t e)
{
	return (uint64_t *)(uintptr_t)(e & PTE_ADDR);
}

static uint64_t mmu_prot_flags(unsigned int prot)
{
	uint64_t f = PTE_P;

	if (prot & K_PROT_WRITE)
		f |= PTE_W;
	if (!(prot & K_PROT_EXEC) && mmu_has_nx)
		f |= PTE_NX;
	if (prot & K_MAP_DEVICE)
		f |= PTE_PCD | PTE_PWT;		/* uncached, whatever the MTRRs say */
	return f;
}

/* Replace a large-page leaf by a table of the next level mapping the same range. */
static int mmu_split(uint64_t *e, int level)
{
	uint64_t *t = mmu_table_alloc();
	uint64_t base = *e & PTE_ADDR & ~(LEVEL_SIZE(level) - 1);
	uint64_t bits = *e & ~PTE_ADDR & ~PTE_PS;

	if (!t)
		return -ENOMEM;
	for (int i = 0; i < PT_ENTRIES; i++)
		t[i] = (base + (uint64_t)i * LEVEL_SIZE(level - 1)) | bits |
		       (level - 1 ? PTE_PS : 0);
	*e = (uintptr_t)t | PTE_TABLE;
	return 0;
}

/* Whether the entry for [va, stop) at this level is set directly rather than descended. */
static bool mmu_leaf_fits(const uint64_t *e, int level, uint64_t va, uint64_t stop,
			  const struct mmu_op *op)
{
	if (level == 0)
		return true;
	if (level == 3 || (level == 2 && !mmu_has_1g))
		return false;
	if ((va & (LEVEL_SIZE(level) - 1)) || stop - va != LEVEL_SIZE(level))
		return false;
	/* Changing permissions keeps the mapping: an existing table is descended. */
	if (op->kind == MMU_PROTECT)
		return !(*e & PTE_P) || (*e & PTE_PS);
	return op->kind != MMU_MAP || !((op->pa + (va - op->va)) & (LEVEL_SIZE(level) - 1));
}

static void mmu_set_leaf(uint64_t *e, int level, uint64_t va, const struct mmu_op *op)
{
	uint64_t ps = level ? PTE_PS : 0;

	if (op->kind == MMU_MAP)
		*e = (op->pa + (va - op->va)) | op->flags | ps;
	else if (op->kind == MMU_UNMAP)
		*e = 0;		/* a table below a whole-entry unmap is leaked, not reused */
	else if (*e & PTE_P)
		*e = (*e & PTE_ADDR & ~(LEVEL_SIZE(level) - 1)) | op->flags | ps;
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
		if (!(*e & PTE_P)) {
			uint64_t *t;

			if (op->kind != MMU_MAP)
				goto next;
			t = mmu_table_alloc();
			if (!t)
				return -ENOMEM;
			*e = (uintptr_t)t | PTE_TABLE;
		} else if ((*e & PTE_PS) && (rc = mmu_split(e, level))) {
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
	/* No global pages: reloading CR3 flushes every translation, large or split. */
	if (mmu_root == (uint64_t *)(uintptr_t)x86_read_cr3())
		__asm__ volatile("mov %0, %%cr3" : : "r"(mmu_root) : "memory");
	k_spin_unlock_irqrestore(&mmu_lock, flags);
	return rc;
}

int k_arch_map(uintptr_t va, uint64_t pa, size_t len, unsigned int prot)
{
	struct mmu_op op = { .kind = MMU_MAP, .pa = pa, .flags = mmu_prot_flags(prot) };

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
	struct mmu_op op = { .kind = MMU_PROTECT, .flags = mmu_prot_flags(prot) };

	return mmu_apply(&op, va, len);
}

static void mmu_detect_features(void)
{
	struct x86_cpuid r;

	if (x86_cpuid(0x80000000, 0).eax < 0x80000001)
		return;
	/* SDM 2A, CPUID 80000001h EDX: bit 20 NX (entry32.S set EFER.NXE), bit 26 1-GiB pages. */
	r = x86_cpuid(0x80000001, 0);
	mmu_has_nx = r.edx & (1u << 20);
	mmu_has_1g = r.edx & (1u << 26);
}

/*
 * The direct map holds what the memory map lists: the legacy first MiB (BIOS data, the
 * ACPI RSDP), and every region but unusable ones, reserved ones included, because
 * firmware keeps ACPI tables there (on q35 that also maps the PCIe ECAM window, as
 * cacheable memory: its driver remaps it with K_MAP_DEVICE). Above 4 GiB, where the
 * map lists holes of terabytes as reserved, only RAM, ACPI and NVS regions. Device
 * registers outside the map are not mapped: drivers map them with K_MAP_DEVICE, and a
 * stray pointer into unmapped space faults.
 */
static int mmu_map_memory(const struct k_bootinfo *bi)
{
	uint64_t page = K_ARCH_PAGE_SIZE;
	int rc = k_arch_map(page, page, (1u << 20) - page, K_PROT_READ | K_PROT_WRITE);

	for (unsigned int i = 0; i < bi->nmem && !rc; i++) {
		const struct k_mem_region *m = &bi->mem[i];
		uint64_t b = m->base & ~(page - 1), e;

		if (m->base >= ADDR_LIMIT)
			continue;	/* beyond 4-level paging's reach */
		e = m->size > ADDR_LIMIT - m->base ? ADDR_LIMIT : m->base + m->size;
		if (m->type == K_MEM_UNUSABLE || (m->type == K_MEM_RESERVED && b >= BOOT_MAP_LIMIT))
			continue;
		if (m->type == K_MEM_RESERVED && e > BOOT_MAP_LIMIT)
			e = BOOT_MAP_LIMIT;
		e = (e + page - 1) & ~(page - 1);
		if (b < page)
			b = page;	/* page 0 stays unmapped: NULL dereferences fault */
		if (b < e)
			rc = k_arch_map(b, b, e - b, K_PROT_READ | K_PROT_WRITE);
	}
	return rc;
}

static int mmu_map_image(void)
{
	uintptr_t text = (uintptr_t)__image_start, ro = (uintptr_t)__rodata_start;
	uintptr_t data = (uintptr_t)__data_start;
	uintptr_t end = ((uintptr_t)__image_end + K_ARCH_PAGE_SIZE - 1) &
			~(uintptr_t)(K_ARCH_PAGE_SIZE - 1);
	int rc;

	if ((rc = k_arch_protect(text, ro - text, K_PROT_READ | K_PROT_EXEC)) ||
	    (rc = k_arch_protect(ro, data - ro, K_PROT_READ)) ||
	    (rc = k_arch_protect(data, end - data, K_PROT_READ | K_PROT_WRITE)))
		return rc;
	return k_arch_unmap((uintptr_t)x86_boot_stack_guard, K_ARCH_PAGE_SIZE);
}

int k_arch_mmu_init(struct k_bootinfo *bi)
{
	int rc;

	mmu_detect_features();
	if (!mmu_has_nx)
		k_warn("mmu: this CPU has no NX bit: data, heap and stacks stay executable\n");
	mmu_boot = bi;
	mmu_root = mmu_table_alloc();
	if (!mmu_root) {
		rc = -ENOMEM;
		goto out;
	}
	/* Memory, then the image with its permissions (whatever the map says of it). */
	rc = mmu_map_memory(bi);
	if (!rc)
		rc = k_arch_map(bi->image_start, bi->image_start,
				((bi->image_end + K_ARCH_PAGE_SIZE - 1) & ~(uintptr_t)(K_ARCH_PAGE_SIZE - 1)) -
				bi->image_start, K_PROT_READ | K_PROT_WRITE);
	if (!rc)
		rc = mmu_map_image();
	if (rc)
		goto out;
	__asm__ volatile("mov %0, %%cr3" : : "r"(mmu_root) : "memory");
	/* The boot tables (PML4 through the first page table) are free memory now. */
	if (k_bootmem_unreserve(bi, (uintptr_t)x86_pml4, (uintptr_t)x86_pt0 + K_ARCH_PAGE_SIZE))
		k_warn("mmu: no room to give the boot page tables back (28 KiB kept)\n");
out:
	mmu_boot = NULL;
	return rc;
}
