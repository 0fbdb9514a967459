// SPDX-License-Identifier: BSD-3-Clause
/*
 * The console. Its home is the PV console ring (xen/include/public/io/console.h) whose
 * page and event channel Xen gives as HVM parameters; xenconsoled in dom0 copies it to
 * `xl console` and the guest log. Before the ring is known, or if there is none, output
 * goes to Xen's emergency consoles: HYPERVISOR_console_io when Xen lets this domain use
 * it (debug builds of Xen), else the architecture's (xen_debug_write: port 0xE9 on
 * x86_64, which Xen prints as "(dN) ..." lines; the vuart on arm64).
 */
#include <errno.h>
#include <string.h>
#include <keel/arch.h>
#include <keel/param.h>
#include <keel/plat.h>
#include <keel/xen/evtchn.h>
#include "xenplat.h"

#define FLUSH_WAIT_NS		2000000000ull	/* a full ring waits this long for dom0 */
#define EARLY_MAX		2048		/* output kept for the ring until it is found */

struct xencons_interface {
	char in[1024];
	char out[2048];
	uint32_t in_cons, in_prod;
	uint32_t out_cons, out_prod;
};

static volatile struct xencons_interface *cons;
static uint32_t cons_port;
static bool console_io_works;
static bool cons_stalled;		/* dom0 did not drain the ring: stop waiting */
static bool mirror_emergency;		/* xen.emergency=1: the emergency console too */
/*
 * What was written before the ring was found, written to it once it is: on arm64 the
 * ring is taken only once the page tables map it, after the first boot messages.
 */
static char early[EARLY_MAX];
static size_t early_len;

static int emergency_set(const char *value)
{
	if (!value || (strcmp(value, "0") && strcmp(value, "1")))
		return -EINVAL;
	mirror_emergency = value[0] == '1';
	return 0;
}
K_PARAM("xen.emergency", emergency_set,
	"1: copy the console to Xen's emergency console (console_io, port 0xE9, vuart) too");

static void emergency_write(const char *buf, size_t len)
{
	if (console_io_works) {
		xen_hypercall(XEN_HC_console_io, XEN_CONSOLEIO_write, len, (uintptr_t)buf);
		return;
	}
	xen_debug_write(buf, len);
}

static void ring_write(const char *buf, size_t len);

void xen_console_init(void)
{
	uint64_t pfn = 0, port = 0;

	/* console_io refuses a domU unless Xen allows it: probe with an empty write. */
	console_io_works = xen_present() &&
		xen_hypercall(XEN_HC_console_io, XEN_CONSOLEIO_write, 0, (uintptr_t)"") == 0;
	if (xen_hvm_param_get(XEN_HVM_PARAM_CONSOLE_PFN, &pfn) || !pfn || pfn >= (1ull << 20) ||
	    xen_hvm_param_get(XEN_HVM_PARAM_CONSOLE_EVTCHN, &port) || port >= 4096)
		return;
	cons_port = (uint32_t)port;
	/* Nothing handles the port's events (output only): keep it masked. */
	xen_evtchn_mask(cons_port);
	cons = (volatile struct xencons_interface *)(uintptr_t)(pfn << 12);
	ring_write(early, early_len);
	early_len = 0;
}

/* Free bytes in the output ring; 0 also when dom0's index is not believable. */
static uint32_t ring_space(uint32_t prod)
{
	uint32_t used = prod - __atomic_load_n(&cons->out_cons, __ATOMIC_ACQUIRE);

	return used > sizeof(cons->out) ? 0 : (uint32_t)sizeof(cons->out) - used;
}

static void ring_publish(uint32_t prod)
{
	/* The bytes before the index (console.h: consumers read up to out_prod). */
	__atomic_store_n(&cons->out_prod, prod, __ATOMIC_RELEASE);
	xen_evtchn_send(cons_port);
}

/* Wait for room, yielding to dom0; false when it does not come in FLUSH_WAIT_NS. */
static bool ring_wait(uint32_t prod, uint32_t want)
{
	uint64_t until = xen_clock_ns() + FLUSH_WAIT_NS;

	while (ring_space(prod) < want) {
		if (cons_stalled || xen_clock_ns() > until) {
			cons_stalled = true;
			return false;
		}
		xen_hypercall(XEN_HC_sched_op, XEN_SCHEDOP_yield, 0, 0);
	}
	return true;
}

static void ring_write(const char *buf, size_t len)
{
	uint32_t prod = cons->out_prod;

	for (size_t i = 0; i < len; i++) {
		unsigned int n = buf[i] == '\n' ? 2 : 1;

		if (ring_space(prod) < n) {
			ring_publish(prod);
			if (!ring_wait(prod, n))
				return;		/* dropped; the next write tries again */
		}
		if (buf[i] == '\n')
			cons->out[prod++ % sizeof(cons->out)] = '\r';
		cons->out[prod++ % sizeof(cons->out)] = buf[i];
	}
	cons_stalled = false;
	ring_publish(prod);
}

static void early_keep(const char *buf, size_t len)
{
	len = K_MIN(len, sizeof(early) - early_len);
	memcpy(early + early_len, buf, len);
	early_len += len;
}

void plat_console_write(const char *buf, size_t len)
{
	if (cons)
		ring_write(buf, len);
	else
		early_keep(buf, len);
	if (!cons || mirror_emergency)
		emergency_write(buf, len);
}

void xen_console_flush(void)
{
	if (cons)
		ring_wait(cons->out_prod, sizeof(cons->out));
}
