/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/xen internals shared between its files. */
#ifndef PLAT_XEN_XENPLAT_H
#define PLAT_XEN_XENPLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <keel/irq.h>
#include <keel/plat.h>
#include <keel/xen/xen.h>

/* Set by the architecture's xen_hypercall_init once hypercalls work. */
extern bool xen_hypercall_ready;

/*
 * Find Xen and make hypercalls work: x86_64, CPUID and the hypercall page; arm64, the
 * device tree's /hypervisor node (given with xen_arm64_hypervisor_find). 0 or -ENODEV.
 */
int xen_hypercall_init(void);
/* Xen's version as major << 16 | minor. */
uint32_t xen_version(void);
/* Map the shared info page. */
int xen_shared_info_init(void);

/* Console: the emergency outputs until xen_console_init finds the PV ring. */
void xen_console_init(void);
/*
 * The architecture's last-resort output when neither the ring nor console_io works:
 * x86_64, port 0xE9; arm64, the vuart (SBSA UART) when the device tree has one.
 */
void xen_debug_write(const char *buf, size_t len);
/* Wait (bounded) until xenconsoled has read everything written to the ring. */
void xen_console_flush(void);

/*
 * The console and xenstore pages: Xen's "special" frames, often outside the memory
 * map. Listed as reserved regions so that the page tables map them and no allocator
 * hands them out.
 */
void xen_special_pages_reserve(struct k_bootinfo *bi);

/*
 * Power-off for an image that found no Xen (started elsewhere by mistake): arm64, PSCI
 * SYSTEM_OFF when the device tree names a conduit; x86_64, nothing. Returns on failure.
 */
void xen_poweroff_without_xen(void);

/* Called by plat_poweroff: record the exit status in xenstore. 0 or a negative errno. */
int xen_xenstore_exit_status(int status);

/* Ports the handler dispatch takes (the IRQ layer's lines on x86_64). */
#define XEN_EVTCHN_PORTS	K_IRQ_LINES_MAX

/* Event channel dispatch: the architecture calls it on Xen's upcall, interrupts off. */
void xen_evtchn_upcall(void);
/* ... which calls this, the architecture's, for each pending unmasked port. */
void xen_evtchn_dispatch(unsigned int port);
/* EVTCHNOP_* with its argument structure. */
long xen_evtchn_op(unsigned int cmd, void *arg);
/* EVTCHNOP_unmask: Xen clears the mask and raises the upcall if the port is pending. */
int xen_evtchn_unmask(uint32_t port);

/*
 * The guest pages the grant table's frames go to, at least frames pages, or NULL:
 * x86_64, pages of the image; arm64, the region the device tree's /hypervisor node
 * names. Mapped as normal memory.
 */
void *xen_gnttab_area(unsigned int frames);

#endif /* PLAT_XEN_XENPLAT_H */
