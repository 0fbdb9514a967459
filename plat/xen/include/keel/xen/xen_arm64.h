/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The arm64 half of the Xen guest ABI (xen/include/public/arch-arm.h): the vCPU info
 * layout and the hypercall instruction. Included by keel/xen/xen.h only.
 *
 * Everything shared with Xen or another domain (hypercall arguments, the shared info,
 * rings, granted pages) must be Normal Inner/Outer Write-Back Inner-Shareable memory
 * (arch-arm.h), which is what Keel maps RAM and the Xen pages as.
 */
#ifndef KEEL_XEN_XEN_ARM64_H
#define KEEL_XEN_XEN_ARM64_H

/* xen.h: struct vcpu_info; arch-arm.h: struct arch_vcpu_info is empty. */
struct xen_vcpu_info {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;	/* unused on Arm: the GIC masks the upcall */
	uint64_t evtchn_pending_sel;	/* xen_ulong_t: 64 bits on Arm */
	struct xen_vcpu_time_info time;
};

/* arch-arm.h: the shared info holds vCPU 0's info only. */
#define XEN_LEGACY_MAX_VCPUS	1

_Static_assert(sizeof(struct xen_vcpu_info) == 48, "vcpu_info layout");

/* io/protocols.h: the native ring layout of Arm guests. */
#define XEN_IO_PROTO_ABI_NATIVE	"arm-abi"

/* arch-arm.h: the HVC immediate that marks a hypercall. */
#define XEN_HYPERCALL_TAG	0xea1

/*
 * arch-arm.h: the number in x16, arguments in x0-x4, the result in x0; the call
 * clobbers x16 and the argument registers it uses.
 */
static inline long xen_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
				 unsigned long a3)
{
	register unsigned long x0 __asm__("x0") = a1;
	register unsigned long x1 __asm__("x1") = a2;
	register unsigned long x2 __asm__("x2") = a3;
	register unsigned long x16 __asm__("x16") = op;

	__asm__ volatile("hvc #0xea1"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x16)
			 :
			 : "memory");
	return (long)x0;
}

#endif /* KEEL_XEN_XEN_ARM64_H */
