/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The x86_64 half of the Xen guest ABI (xen/include/public/arch-x86/xen.h, xen.h):
 * the vCPU info layout and hypercalls through the hypercall page Xen wrote at boot,
 * which holds the right instruction (vmcall or vmmcall) for this CPU. Included by
 * keel/xen/xen.h only.
 */
#ifndef KEEL_XEN_XEN_X86_64_H
#define KEEL_XEN_XEN_X86_64_H

/* xen.h: struct vcpu_info (x86_64: the arch part is cr2 and a pad word). */
struct xen_vcpu_info {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;
	uint64_t evtchn_pending_sel;	/* one bit per word of evtchn_pending */
	uint64_t arch_cr2;
	uint64_t arch_pad;
	struct xen_vcpu_time_info time;
};

#define XEN_LEGACY_MAX_VCPUS	32

_Static_assert(sizeof(struct xen_vcpu_info) == 64, "vcpu_info layout");

/* io/protocols.h: the ring layout a front-end announces (blkif "protocol"). */
#define XEN_IO_PROTO_ABI_NATIVE	"x86_64-abi"

/* The page Xen filled with one 32-byte stub per hypercall (x86_64/hypercall_page.S). */
extern char xen_hypercall_page[];

/* Hypercall numbers in rax; arguments in rdi, rsi, rdx, r10, r8; result in rax. */
static inline long xen_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
				 unsigned long a3)
{
	register unsigned long rdi __asm__("rdi") = a1;
	register unsigned long rsi __asm__("rsi") = a2;
	register unsigned long rdx __asm__("rdx") = a3;
	long ret;

	/* xen.h: rcx and r11 are clobbered; the argument registers are preserved. */
	__asm__ volatile("call *%[stub]"
			 : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx)
			 : [stub] "r"(xen_hypercall_page + op * 32)
			 : "rcx", "r11", "r10", "r8", "memory");
	return ret;
}

/* Xen system time in ns (the pvclock of vCPU 0); 0 before the shared info exists. */
uint64_t xen_system_time_ns(void);

#endif /* KEEL_XEN_XEN_X86_64_H */
