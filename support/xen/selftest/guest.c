/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A minimal Xen guest that checks the Xen test harness (support/xen/run) on its own,
 * without Keel: a PVH domain on x86 (arch-x86.h), an Image on arm64 (arch-arm64.h). It
 * prints early (x86: Xen's debug port 0xE9; arm64: the SBSA UART when the domain has
 * one) and on the PV console ring, echoes its command line, and ends as the words on
 * that line ask:
 *   exit=N    writes N to its xenstore key data/keel-exit-status, then powers off
 *             (or crashes when the write fails)
 *   nokey     powers off without writing the key
 *   crash     shuts down with reason crash
 *   hang      never ends (the harness's timeout)
 * Built freestanding by support/xen/selftest/build (x86: 32-bit with guest.lds; arm64:
 * with guest-arm64.lds and entry-arm64.S).
 * Interfaces: xen/include/public/{xen.h,sched.h,event_channel.h,hvm/params.h,hvm/hvm_op.h,
 * io/console.h,io/xs_wire.h} in Xen's tree.
 */
#include <stdint.h>

#if defined(__aarch64__)
#include "arch-arm64.h"
#else
#include "arch-x86.h"
#endif

#define HYPERCALL_sched_op		29
#define HYPERCALL_event_channel_op	32
#define HYPERCALL_hvm_op		34
#define SCHEDOP_yield			0
#define SCHEDOP_shutdown		2
#define SHUTDOWN_poweroff		0
#define SHUTDOWN_crash			3
#define EVTCHNOP_send			4
#define HVMOP_get_param			1
#define HVM_PARAM_STORE_PFN		1
#define HVM_PARAM_STORE_EVTCHN		2
#define HVM_PARAM_CONSOLE_PFN		17
#define HVM_PARAM_CONSOLE_EVTCHN	18
#define DOMID_SELF			0x7ff0
#define XS_WRITE			11
#define XS_ERROR			16

/* struct xencons_interface (io/console.h). */
struct cons_ring {
	char in[1024];
	char out[2048];
	volatile uint32_t in_cons, in_prod, out_cons, out_prod;
};

/* struct xenstore_domain_interface (io/xs_wire.h) and struct xsd_sockmsg. */
struct store_ring {
	char req[1024];
	char rsp[1024];
	volatile uint32_t req_cons, req_prod, rsp_cons, rsp_prod;
};

struct store_msg {
	uint32_t type, req_id, tx_id, len;
};

static struct cons_ring *cons;
static uint32_t cons_port, store_port;
static struct store_ring *store;

static uint64_t hvm_param(uint32_t index)
{
	struct {
		uint16_t domid, pad;
		uint32_t index;
		uint64_t value;
	} p = { DOMID_SELF, 0, index, 0 };

	if (hypercall2(HYPERCALL_hvm_op, HVMOP_get_param, (unsigned long)&p))
		return 0;
	return p.value;
}

static void notify(uint32_t port)
{
	uint32_t p = port;

	hypercall2(HYPERCALL_event_channel_op, EVTCHNOP_send, (unsigned long)&p);
}

static void yield(void)
{
	hypercall2(HYPERCALL_sched_op, SCHEDOP_yield, 0);
}

static void cons_puts(const char *s)
{
	uint32_t prod = cons->out_prod;

	for (; *s; s++) {
		while (prod - cons->out_cons >= sizeof(cons->out))
			yield();
		cons->out[prod % sizeof(cons->out)] = *s;
		wmb();
		cons->out_prod = ++prod;
		notify(cons_port);
	}
}

static void say(const char *s)
{
	early_puts(s);
	if (cons)
		cons_puts(s);
}

/* Wait until xenconsoled has taken everything: output still in the ring is lost when
 * the domain is gone. */
static void cons_drain(void)
{
	int i;

	for (i = 0; cons && cons->out_cons != cons->out_prod && i < 100000; i++)
		yield();
}

static void store_put(const void *data, uint32_t len)
{
	const char *p = data;
	uint32_t prod = store->req_prod, i;

	for (i = 0; i < len; i++) {
		while (prod - store->req_cons >= sizeof(store->req))
			yield();
		store->req[prod % sizeof(store->req)] = p[i];
		prod++;
	}
	wmb();
	store->req_prod = prod;
	notify(store_port);
}

static uint32_t str_len(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* XS_WRITE "path\0value", then wait for the reply; 0, or -1 on XS_ERROR. */
static int store_write(const char *path, const char *value)
{
	struct store_msg msg = { XS_WRITE, 1, 0, str_len(path) + 1 + str_len(value) };
	uint32_t cons_idx;
	struct store_msg rsp;
	char *r = (char *)&rsp;
	uint32_t i;

	store_put(&msg, sizeof(msg));
	store_put(path, str_len(path) + 1);
	store_put(value, str_len(value));
	cons_idx = store->rsp_cons;
	while (store->rsp_prod - cons_idx < sizeof(rsp))
		yield();
	for (i = 0; i < sizeof(rsp); i++)
		r[i] = store->rsp[(cons_idx + i) % sizeof(store->rsp)];
	while (store->rsp_prod - cons_idx < sizeof(rsp) + rsp.len)
		yield();
	store->rsp_cons = cons_idx + sizeof(rsp) + rsp.len;
	notify(store_port);
	return rsp.type == XS_ERROR ? -1 : 0;
}

static void shutdown(uint32_t reason)
{
	uint32_t r = reason;

	cons_drain();
	hypercall2(HYPERCALL_sched_op, SCHEDOP_shutdown, (unsigned long)&r);
}

/* The word of the command line starting at *p, NUL-terminated in place. */
static char *next_word(char **p)
{
	char *w;

	while (**p == ' ')
		(*p)++;
	w = *p;
	while (**p && **p != ' ')
		(*p)++;
	if (**p)
		*(*p)++ = 0;
	return w;
}

/* The rest of word after prefix, or NULL when word does not start with it. */
static const char *after(const char *word, const char *prefix)
{
	for (; *prefix; prefix++, word++)
		if (*word != *prefix)
			return 0;
	return word;
}

static void run_words(char *cmdline)
{
	const char *w, *status;

	while (*(w = next_word(&cmdline))) {
		if ((status = after(w, "exit="))) {
			/* Unrecorded, a non-zero status must not read as 0. */
			if (store_write("data/keel-exit-status", status)) {
				say("selftest: xenstore write failed, crashing\n");
				shutdown(SHUTDOWN_crash);
			}
			say("selftest: exit status written, powering off\n");
			shutdown(SHUTDOWN_poweroff);
		} else if (after(w, "nokey")) {
			say("selftest: powering off without a status\n");
			shutdown(SHUTDOWN_poweroff);
		} else if (after(w, "crash")) {
			say("selftest: crashing\n");
			shutdown(SHUTDOWN_crash);
		} else if (after(w, "hang")) {
			say("selftest: hanging\n");
			for (;;)
				yield();
		}
	}
}

void selftest_main(void *boot);

void selftest_main(void *boot)
{
	static char cmdline[256];
	const char *src = arch_init(boot);
	uint32_t i;

	if (!src)
		return;
	cons = phys(hvm_param(HVM_PARAM_CONSOLE_PFN) << 12);
	cons_port = hvm_param(HVM_PARAM_CONSOLE_EVTCHN);
	store = phys(hvm_param(HVM_PARAM_STORE_PFN) << 12);
	store_port = hvm_param(HVM_PARAM_STORE_EVTCHN);
	if (!cons || !store) {
		early_puts("selftest: no console or xenstore ring\n");
		return;
	}
	cons_puts("selftest: hello over the PV console\n");
	for (i = 0; src[i] && i < sizeof(cmdline) - 1; i++)
		cmdline[i] = src[i];
	cmdline[i] = 0;
	say("selftest: command line: ");
	say(cmdline);
	say("\n");
	run_words(cmdline);
	say("selftest: nothing to do, powering off\n");
	shutdown(SHUTDOWN_poweroff);
}
