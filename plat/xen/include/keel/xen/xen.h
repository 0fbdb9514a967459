/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Xen guest ABI this platform uses: hypercall numbers, their argument structures
 * and the shared info page, written from Xen's public interface headers
 * (xen/include/public: xen.h, sched.h, memory.h, vcpu.h, hvm/hvm_op.h, hvm/params.h).
 * What differs between architectures (how a hypercall is made, the vCPU info layout)
 * is in xen_x86_64.h and xen_arm64.h, included from here.
 */
#ifndef KEEL_XEN_XEN_H
#define KEEL_XEN_XEN_H

#include <stdbool.h>
#include <stdint.h>
#include <keel/compiler.h>

typedef uint16_t xen_domid_t;
#define XEN_DOMID_SELF		0x7ff0

/* xen.h: hypercall numbers. */
#define XEN_HC_memory_op	12
#define XEN_HC_xen_version	17
#define XEN_XENVER_version	0	/* returns major << 16 | minor */
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
	uint32_t *ports;		/* guest handle: 64 bits on x86_64 and arm64 */
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

#if defined(__x86_64__)
#include <keel/xen/xen_x86_64.h>
#elif defined(__aarch64__)
#include <keel/xen/xen_arm64.h>
#else
#error "plat/xen: no Xen guest ABI for this architecture"
#endif

#define XEN_EVTCHN_2L_WORDS	64	/* 64 words of 64 bits: 4096 ports */

/* xen.h: struct shared_info, up to the wall clock. */
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

_Static_assert(__builtin_offsetof(struct xen_shared_info, evtchn_pending) ==
	       XEN_LEGACY_MAX_VCPUS * sizeof(struct xen_vcpu_info), "shared_info layout");
_Static_assert(__builtin_offsetof(struct xen_shared_info, wc_version) ==
	       XEN_LEGACY_MAX_VCPUS * sizeof(struct xen_vcpu_info) + 1024, "shared_info layout");

static inline long xen_hypercall2(unsigned int op, unsigned long a1, unsigned long a2)
{
	return xen_hypercall(op, a1, a2, 0);
}

/*
 * Whether hypercalls work: x86_64, CPUID said Xen and the hypercall page is written;
 * arm64, the device tree has the /hypervisor node.
 */
bool xen_present(void);

/* HVMOP_get_param / set_param for this domain; 0 or a negative Xen errno. */
int xen_hvm_param_get(uint32_t index, uint64_t *value);
int xen_hvm_param_set(uint32_t index, uint64_t value);

/* Map a Xen-owned page (space/idx as XENMEM_add_to_physmap) at the guest page `page`. */
int xen_add_to_physmap(uint32_t space, uint64_t idx, void *page);

/* The shared info page (vCPU 0's event and time fields), NULL before it is mapped. */
struct xen_shared_info *xen_shared_info(void);

/*
 * The clock xen_poll_port's deadlines use, in ns; readable with interrupts off and
 * before lib/time starts. x86_64: Xen system time (the pvclock of vCPU 0; 0 before the
 * shared info exists). arm64: the generic timer's virtual counter.
 */
uint64_t xen_clock_ns(void);

/*
 * Block this vCPU until port is pending or deadline (xen_clock_ns, 0: none) passes.
 * arm64 guests cannot name a deadline in Xen's system time, which they cannot read:
 * with a deadline, the call yields the CPU once and returns; callers loop.
 */
int xen_poll_port(uint32_t port, uint64_t deadline);

#endif /* KEEL_XEN_XEN_H */
