/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Xen guest ABI this platform uses: hypercall numbers, their argument structures
 * and the shared info page, written from Xen's public interface headers
 * (xen/include/public: xen.h, sched.h, memory.h, vcpu.h, hvm/hvm_op.h, hvm/params.h),
 * and the hypercall wrappers. Every call goes through the hypercall page Xen wrote at
 * boot, which holds the right instruction (vmcall or vmmcall) for this CPU.
 */
#ifndef KEEL_XEN_XEN_H
#define KEEL_XEN_XEN_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/compiler.h>

typedef uint16_t xen_domid_t;
#define XEN_DOMID_SELF		0x7ff0

/* xen.h: hypercall numbers (x86_64: rdi, rsi, rdx, r10, r8 in; rax out). */
#define XEN_HC_memory_op	12
#define XEN_HC_xen_version	17
#define XEN_HC_console_io	18
#define XEN_HC_grant_table_op	20
#define XEN_HC_vcpu_op		24
#define XEN_HC_sched_op		29
#define XEN_HC_event_channel_op	32
#define XEN_HC_hvm_op		34

/* xen.h: console_io commands. */
#define XEN_CONSOLEIO_write	0

/* xen.h: virtual interrupts. */
#define XEN_VIRQ_TIMER		0

/* sched.h */
#define XEN_SCHEDOP_yield	0
#define XEN_SCHEDOP_shutdown	2
#define XEN_SCHEDOP_poll	3
#define XEN_SHUTDOWN_poweroff	0
#define XEN_SHUTDOWN_crash	3

struct xen_sched_shutdown {
	uint32_t reason;
};

struct xen_sched_poll {
	uint32_t *ports;		/* guest handle: a pointer on x86_64 */
	uint32_t nr_ports;
	uint64_t timeout;		/* absolute system time in ns, 0 for none */
};

/* memory.h: XENMEM_add_to_physmap puts a Xen-owned page at a guest frame. */
#define XEN_XENMEM_add_to_physmap	7
#define XEN_XENMAPSPACE_shared_info	0
#define XEN_XENMAPSPACE_grant_table	1

struct xen_add_to_physmap {
	xen_domid_t domid;
	uint16_t size;
	uint32_t space;
	uint64_t idx;
	uint64_t gpfn;
};

/* vcpu.h */
#define XEN_VCPUOP_stop_periodic_timer	7
#define XEN_VCPUOP_set_singleshot_timer	8
#define XEN_VCPUOP_stop_singleshot_timer	9

struct xen_vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns;	/* Xen system time */
	uint32_t flags;
};

/* hvm/hvm_op.h and hvm/params.h */
#define XEN_HVMOP_set_param	0
#define XEN_HVMOP_get_param	1
#define XEN_HVM_PARAM_CALLBACK_IRQ	0
#define XEN_HVM_PARAM_STORE_PFN		1
#define XEN_HVM_PARAM_STORE_EVTCHN	2
#define XEN_HVM_PARAM_CONSOLE_PFN	17
#define XEN_HVM_PARAM_CONSOLE_EVTCHN	18
/* CALLBACK_IRQ value: bits 63:56 the type, 2 = an x86 vector in bits 7:0. */
#define XEN_HVM_CALLBACK_VECTOR(v)	((2ull << 56) | (v))

struct xen_hvm_param {
	xen_domid_t domid;
	uint16_t pad;
	uint32_t index;
	uint64_t value;
};

/* xen.h: struct vcpu_time_info, the pvclock. */
struct xen_vcpu_time_info {
	uint32_t version;		/* odd while Xen updates the fields */
	uint32_t pad0;
	uint64_t tsc_timestamp;		/* TSC when system_time was taken */
	uint64_t system_time;		/* ns since the domain's boot */
	uint32_t tsc_to_system_mul;	/* ns per TSC tick, 32.32 after the shift */
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad1[2];
};

/* xen.h: struct vcpu_info (x86_64: arch part is cr2 and a pad word). */
struct xen_vcpu_info {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;
	uint64_t evtchn_pending_sel;	/* one bit per word of evtchn_pending */
	uint64_t arch_cr2;
	uint64_t arch_pad;
	struct xen_vcpu_time_info time;
};

#define XEN_LEGACY_MAX_VCPUS	32
#define XEN_EVTCHN_2L_WORDS	64	/* 64 words of 64 bits: 4096 ports */

/* xen.h: struct shared_info (x86_64). */
struct xen_shared_info {
	struct xen_vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	uint64_t evtchn_pending[XEN_EVTCHN_2L_WORDS];
	uint64_t evtchn_mask[XEN_EVTCHN_2L_WORDS];
	uint32_t wc_version;		/* wall clock at system time 0; odd while updated */
	uint32_t wc_sec;
	uint32_t wc_nsec;
	uint32_t wc_sec_hi;
	/* struct arch_shared_info follows; not used */
};

_Static_assert(sizeof(struct xen_vcpu_info) == 64, "vcpu_info layout");
_Static_assert(__builtin_offsetof(struct xen_shared_info, evtchn_pending) == 2048,
	       "shared_info layout");
_Static_assert(__builtin_offsetof(struct xen_shared_info, wc_version) == 3072,
	       "shared_info layout");

/* The page Xen filled with one 32-byte stub per hypercall (x86_64/hypercall_page.S). */
extern char xen_hypercall_page[];

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

static inline long xen_hypercall2(unsigned int op, unsigned long a1, unsigned long a2)
{
	return xen_hypercall(op, a1, a2, 0);
}

/* Whether the hypercall page is set up (CPUID said Xen and the MSR write took). */
bool xen_present(void);

/* HVMOP_get_param / set_param for this domain; 0 or a negative Xen errno. */
int xen_hvm_param_get(uint32_t index, uint64_t *value);
int xen_hvm_param_set(uint32_t index, uint64_t value);

/* Map a Xen-owned page (space/idx as XENMEM_add_to_physmap) at a page of the image. */
int xen_add_to_physmap(uint32_t space, uint64_t idx, void *page);

/* The shared info page (vCPU 0's event and time fields), NULL before it is mapped. */
struct xen_shared_info *xen_shared_info(void);

/* Xen system time in ns (the pvclock of vCPU 0); 0 before the shared info exists. */
uint64_t xen_system_time_ns(void);

/* Block this vCPU until port is pending or deadline (Xen system time, 0: none) passes. */
int xen_poll_port(uint32_t port, uint64_t deadline);

#endif /* KEEL_XEN_XEN_H */
