/* SPDX-License-Identifier: BSD-3-Clause */
/* System register fields and page-table bits used by arch/arm64 (C and assembly). */
#ifndef ARM64_SYSREGS_H
#define ARM64_SYSREGS_H

#ifdef __ASSEMBLY__
#define ULL(x)			x
#else
#define ULL(x)			x##ull
#endif

/* Image header flags (booting.rst §4): little endian, 4 KiB pages (bits 2:1 = 1). */
#define IMAGE_FLAGS		(1 << 1)

/* ARM ARM D17.2: system register fields. */
#define HCR_EL2_RW		(1 << 31)	/* EL1 is AArch64 */
#define CNTHCTL_EL1PCTEN	(1 << 0)	/* EL1 may read the physical counter */
#define CNTHCTL_EL1PCEN		(1 << 1)	/* ... and use the physical timer */
#define CPTR_EL2_RES1		0x33ff		/* no FP/SIMD traps to EL2 */
#define ICC_SRE_SRE		(1 << 0)
#define ICC_SRE_ENABLE		(1 << 3)	/* EL1 may use ICC_SRE_EL1 */
#define ICC_SRE_EL2		S3_4_C12_C9_5
#define SCTLR_EL1_RES1		0x30d00800	/* the bits ARMv8.0 defines as 1 */
#define SPSR_EL1H_MASKED	0x3c5		/* EL1h, D, A, I and F masked */
#define CPACR_FPEN_ON		(3 << 20)	/* FP/SIMD at EL1 and EL0 without traps */
#define CPACR_FPEN_MASK		(3 << 20)

#define SCTLR_M			(1 << 0)	/* MMU */
#define SCTLR_A			(1 << 1)	/* alignment checks: off */
#define SCTLR_C			(1 << 2)	/* data cache */
#define SCTLR_SA		(1 << 3)	/* SP alignment checks */
#define SCTLR_I			(1 << 12)	/* instruction cache */
#define SCTLR_MMU_ON		(SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I)

/*
 * MAIR_EL1 attribute indexes: 0 = Device-nGnRnE, 1 = Normal, inner and outer
 * write-back non-transient, read and write allocate.
 */
#define MAIR_DEVICE		0
#define MAIR_NORMAL		1
#define MAIR_VALUE		0xff00

/*
 * TCR_EL1: 48-bit VA from TTBR0 (T0SZ = 16, four levels of 4 KiB tables), table walks
 * cacheable write-back and inner shareable; TTBR1 walks off (EPD1). IPS is or-ed in.
 */
#define TCR_VALUE		(16 | (1 << 8) | (1 << 10) | (3 << 12) | (0 << 14) | (1 << 23))

/* VMSAv8-64 descriptors (ARM ARM D8.3). */
#define PTE_VALID		(1 << 0)
#define PTE_TABLE		3		/* table (levels 0-2) or page (level 3) */
#define PTE_BLOCK		1		/* block (levels 1, 2) */
#define PTE_ATTR(i)		((i) << 2)
#define PTE_AP_RO		(1 << 7)	/* AP[2]: read-only */
#define PTE_SH_INNER		(3 << 8)
#define PTE_AF			(1 << 10)	/* accessed: no access-flag faults */
#define PTE_PXN			(ULL(1) << 53)
#define PTE_UXN			(ULL(1) << 54)
#define PTE_BOOT_NORMAL		(PTE_BLOCK | PTE_ATTR(MAIR_NORMAL) | PTE_SH_INNER | PTE_AF)
#define PTE_BOOT_DEVICE		(PTE_BLOCK | PTE_ATTR(MAIR_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)

#endif /* ARM64_SYSREGS_H */
