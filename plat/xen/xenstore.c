// SPDX-License-Identifier: BSD-3-Clause
/*
 * The xenstore client: requests and replies on the shared ring page
 * (xen/include/public/io/xs_wire.h), each message a struct xsd_sockmsg header and
 * len bytes of payload. One request at a time, under a lock with interrupts off;
 * the vCPU waits for xenstored in xen_poll_port on the (always masked) store port
 * (SCHEDOP_poll; SCHEDOP_yield rounds on arm64), so this works before the scheduler,
 * in interrupt handlers and during power-off.
 * Whatever xenstored sends is checked before use: indexes further apart than the
 * ring, payloads over XENSTORE_PAYLOAD_MAX and replies that answer another request
 * make the client give up with -EIO instead of reading out of bounds.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/spinlock.h>
#include <keel/time.h>
#include <keel/xen/evtchn.h>
#include <keel/xen/xenstore.h>
#include "xenplat.h"

#define XS_RING_SIZE		1024
#define XS_PAYLOAD_MAX		4096
#define XS_POLL_SLICE_NS	(10 * K_NSEC_PER_MSEC)
#define XS_WATCH_QUEUE_MAX	64

enum xs_type {
	XS_DIRECTORY = 1, XS_READ = 2, XS_WATCH = 4, XS_UNWATCH = 5,
	XS_TRANSACTION_START = 6, XS_TRANSACTION_END = 7, XS_WRITE = 11, XS_RM = 13,
	XS_WATCH_EVENT = 15, XS_ERROR = 16,
};

struct xsd_sockmsg {
	uint32_t type;
	uint32_t req_id;
	uint32_t tx_id;
	uint32_t len;
};

struct xenstore_domain_interface {
	char req[XS_RING_SIZE];
	char rsp[XS_RING_SIZE];
	uint32_t req_cons, req_prod;
	uint32_t rsp_cons, rsp_prod;
};

struct xs_iov {
	const void *base;
	size_t len;
};

/* A queued watch event: the payload "path\0token\0". */
struct xs_event {
	struct xs_event *next;
	uint32_t len;
	char data[];
};

static volatile struct xenstore_domain_interface *ring;
static uint32_t store_port;
static bool broken;			/* xenstored broke the protocol: no more requests */
static uint32_t next_req_id = 1;
static struct k_spinlock xs_lock = K_SPINLOCK_INIT;
static struct xs_event *events, **events_tail = &events;
static unsigned int nr_events;
static char xs_buf[XS_PAYLOAD_MAX + 1];	/* one payload, under xs_lock */

static int xs_fail(const char *what)
{
	if (!broken)
		k_err("xenstore: %s; the client is closed\n", what);
	broken = true;
	return -EIO;
}

/* Wait until cond() or the request's deadline (Xen system time). */
static int xs_wait(bool (*cond)(void), uint64_t deadline)
{
	while (!cond()) {
		uint64_t now = xen_clock_ns();

		if (broken)
			return -EIO;
		if (now >= deadline)
			return -ETIMEDOUT;
		/* Clear first, then look again: an event after the look ends the poll. */
		xen_evtchn_clear_pending(store_port);
		if (cond())
			break;
		xen_poll_port(store_port, K_MIN(deadline, now + XS_POLL_SLICE_NS));
	}
	return broken ? -EIO : 0;
}

static uint32_t rsp_avail(void)
{
	uint32_t n = __atomic_load_n(&ring->rsp_prod, __ATOMIC_ACQUIRE) - ring->rsp_cons;

	if (n > XS_RING_SIZE)
		xs_fail("the reply ring's indexes are further apart than the ring");
	return n;
}

static uint32_t req_space(void)
{
	uint32_t used = ring->req_prod - __atomic_load_n(&ring->req_cons, __ATOMIC_ACQUIRE);

	if (used > XS_RING_SIZE) {
		xs_fail("the request ring's indexes are further apart than the ring");
		return 0;
	}
	return XS_RING_SIZE - used;
}

static bool req_has_space(void)
{
	return broken || req_space() > 0;
}

static int ring_put(const void *data, size_t len, uint64_t deadline)
{
	const char *p = data;

	while (len) {
		uint32_t prod = ring->req_prod, chunk;
		int rc = xs_wait(req_has_space, deadline);

		if (rc)
			return rc;
		chunk = K_MIN(req_space(), XS_RING_SIZE - prod % XS_RING_SIZE);
		chunk = K_MIN(chunk, (uint32_t)len);
		memcpy((char *)ring->req + prod % XS_RING_SIZE, p, chunk);
		__atomic_store_n(&ring->req_prod, prod + chunk, __ATOMIC_RELEASE);
		xen_evtchn_send(store_port);
		p += chunk;
		len -= chunk;
	}
	return 0;
}

static bool rsp_nonempty(void)
{
	return broken || rsp_avail() > 0;
}

/* Copy len reply bytes out of the ring (to NULL: skip them). */
static int ring_get(void *data, size_t len, uint64_t deadline)
{
	char *p = data;

	while (len) {
		uint32_t cons, chunk;
		int rc;

		rc = xs_wait(rsp_nonempty, deadline);
		if (rc)
			return rc;
		cons = ring->rsp_cons;
		chunk = K_MIN(rsp_avail(), XS_RING_SIZE - cons % XS_RING_SIZE);
		chunk = K_MIN(chunk, (uint32_t)len);
		if (p) {
			memcpy(p, (const char *)ring->rsp + cons % XS_RING_SIZE, chunk);
			p += chunk;
		}
		__atomic_store_n(&ring->rsp_cons, cons + chunk, __ATOMIC_RELEASE);
		xen_evtchn_send(store_port);
		len -= chunk;
	}
	return 0;
}

static void queue_event(const char *data, uint32_t len)
{
	struct xs_event *e;

	if (nr_events >= XS_WATCH_QUEUE_MAX || !(e = k_malloc(sizeof(*e) + len + 1))) {
		k_warn("xenstore: watch event dropped (queue full or no memory)\n");
		return;
	}
	memcpy(e->data, data, len);
	e->data[len] = 0;
	e->len = len;
	e->next = NULL;
	*events_tail = e;
	events_tail = &e->next;
	nr_events++;
}

/* Read one message into xs_buf (NUL-terminated). */
static int read_msg(struct xsd_sockmsg *h, uint64_t deadline)
{
	int rc = ring_get(h, sizeof(*h), deadline);

	if (rc)
		return rc;
	if (h->len > XS_PAYLOAD_MAX)
		return xs_fail("a reply is longer than XENSTORE_PAYLOAD_MAX");
	rc = ring_get(xs_buf, h->len, deadline);
	xs_buf[rc ? 0 : h->len] = 0;
	return rc;
}

/* xs_wire.h: errors come back as XS_ERROR with the errno's name. */
static int xs_error_code(const char *name)
{
	static const struct { const char *name; int err; } names[] = {
		{ "EINVAL", EINVAL }, { "EACCES", EACCES }, { "EEXIST", EEXIST },
		{ "EISDIR", EISDIR }, { "ENOENT", ENOENT }, { "ENOMEM", ENOMEM },
		{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "ENOTEMPTY", ENOTEMPTY },
		{ "ENOSYS", ENOSYS }, { "EROFS", EROFS }, { "EBUSY", EBUSY },
		{ "EAGAIN", EAGAIN }, { "E2BIG", E2BIG },
		{ "EPERM", EPERM },
	};

	for (unsigned int i = 0; i < K_ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i].name))
			return -names[i].err;
	return -EIO;
}

/*
 * One request and its reply, under xs_lock. The reply's payload is left in xs_buf
 * (NUL-terminated) and its length returned; watch events met on the way are queued.
 */
static int xs_talk_locked(uint32_t type, xs_tx_t tx, const struct xs_iov *iov,
			  unsigned int n)
{
	uint64_t deadline = xen_clock_ns() +
			    CONFIG_XEN_XENSTORE_TIMEOUT_MS * K_NSEC_PER_MSEC;
	struct xsd_sockmsg h = { .type = type, .req_id = next_req_id++, .tx_id = tx };
	int rc;

	if (!ring)
		return -ENODEV;
	if (broken)
		return -EIO;
	for (unsigned int i = 0; i < n; i++)
		h.len += (uint32_t)iov[i].len;
	if (h.len > XS_PAYLOAD_MAX)
		return -ENAMETOOLONG;
	rc = ring_put(&h, sizeof(h), deadline);
	for (unsigned int i = 0; i < n && !rc; i++)
		rc = ring_put(iov[i].base, iov[i].len, deadline);
	while (!rc) {
		struct xsd_sockmsg r;

		rc = read_msg(&r, deadline);
		if (rc)
			break;
		if (r.type == XS_WATCH_EVENT) {
			queue_event(xs_buf, r.len);
			continue;
		}
		if (r.req_id != h.req_id)
			return xs_fail("a reply answers a request that was not made");
		if (r.type == XS_ERROR)
			return xs_error_code(xs_buf);
		if (r.type != type)
			return xs_fail("a reply has another type than its request");
		return (int)r.len;
	}
	if (rc == -ETIMEDOUT) {
		/* The reply may still come, and would be taken for the next one's. */
		xs_fail("xenstored did not answer in time");
	}
	return rc;
}

/* Request with a path (and optional data); copy the reply to out, if given. */
static int xs_request(uint32_t type, xs_tx_t tx, const char *path, const char *data,
		      size_t data_len, bool path_nul, char *out, size_t out_size)
{
	struct xs_iov iov[2] = {
		{ path, strlen(path) + (path_nul ? 1 : 0) },
		{ data, data_len },
	};
	unsigned long flags = k_spin_lock_irqsave(&xs_lock);
	int len = xs_talk_locked(type, tx, iov, data ? 2 : 1);

	if (len >= 0 && out) {
		if ((size_t)len >= out_size)
			len = -E2BIG;
		else
			memcpy(out, xs_buf, (size_t)len + 1);
	}
	k_spin_unlock_irqrestore(&xs_lock, flags);
	return len;
}

int xs_read(xs_tx_t tx, const char *path, char *buf, size_t size)
{
	int len = xs_request(XS_READ, tx, path, NULL, 0, true, buf, size);

	/* Values may hold NULs; as a C string, it ends at the first. */
	return len < 0 ? len : (int)strnlen(buf, (size_t)len);
}

int xs_write(xs_tx_t tx, const char *path, const char *value)
{
	/* XS_WRITE: "path\0" then the value's bytes, without a terminator. */
	int rc = xs_request(XS_WRITE, tx, path, value, strlen(value), true, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xs_rm(xs_tx_t tx, const char *path)
{
	int rc = xs_request(XS_RM, tx, path, NULL, 0, true, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xs_directory(xs_tx_t tx, const char *path, char *buf, size_t size)
{
	int len = xs_request(XS_DIRECTORY, tx, path, NULL, 0, true, buf, size);
	int count = 0;

	if (len < 0)
		return len;
	/* Names are NUL-terminated; a last one without its NUL still counts. */
	for (int i = 0; i < len; i++)
		if (!buf[i] || i == len - 1)
			count++;
	return count;
}

int xs_read_u64(xs_tx_t tx, const char *path, uint64_t *value)
{
	char buf[24];
	uint64_t v = 0;
	int len = xs_read(tx, path, buf, sizeof(buf));

	if (len < 0)
		return len;
	if (len == 0)
		return -EINVAL;
	for (int i = 0; i < len; i++) {
		if (buf[i] < '0' || buf[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(buf[i] - '0');
	}
	*value = v;
	return 0;
}

int xs_transaction_start(xs_tx_t *tx)
{
	char buf[16];
	uint64_t v = 0;
	/* The payload is an empty string; the reply the id in decimal. */
	int len = xs_request(XS_TRANSACTION_START, XS_TX_NONE, "", NULL, 0, true, buf,
			     sizeof(buf));

	if (len < 0)
		return len;
	for (int i = 0; i < len && buf[i]; i++) {
		if (buf[i] < '0' || buf[i] > '9' || v > UINT32_MAX / 10)
			return -EIO;
		v = v * 10 + (uint64_t)(buf[i] - '0');
	}
	if (!v || v > UINT32_MAX)
		return -EIO;
	*tx = (xs_tx_t)v;
	return 0;
}

int xs_transaction_end(xs_tx_t tx, int abort)
{
	int rc = xs_request(XS_TRANSACTION_END, tx, abort ? "F" : "T", NULL, 0, true, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xs_watch(const char *path, const char *token)
{
	int rc = xs_request(XS_WATCH, XS_TX_NONE, path, token, strlen(token) + 1, true,
			    NULL, 0);

	return rc < 0 ? rc : 0;
}

int xs_unwatch(const char *path, const char *token)
{
	int rc = xs_request(XS_UNWATCH, XS_TX_NONE, path, token, strlen(token) + 1, true,
			    NULL, 0);

	return rc < 0 ? rc : 0;
}

/* An event's "path\0token\0" into the caller's buffers. */
static int event_split(const struct xs_event *e, char *path, size_t path_size,
		       char *token, size_t token_size)
{
	size_t plen = strnlen(e->data, e->len);
	const char *tok = plen < e->len ? e->data + plen + 1 : "";
	size_t tlen = strnlen(tok, e->len - K_MIN(plen + 1, (size_t)e->len));

	if (plen >= path_size || tlen >= token_size)
		return -E2BIG;
	memcpy(path, e->data, plen);
	path[plen] = 0;
	memcpy(token, tok, tlen);
	token[tlen] = 0;
	return 0;
}

/* Copy the next message's header without consuming it. */
static void peek_header(struct xsd_sockmsg *h)
{
	uint32_t cons = ring->rsp_cons;

	for (size_t i = 0; i < sizeof(*h); i++)
		((char *)h)[i] = ring->rsp[(cons + i) % XS_RING_SIZE];
}

/* Whether a whole message (header and payload) is in the ring. */
static bool whole_message(void)
{
	struct xsd_sockmsg h;
	uint32_t avail = rsp_avail();

	if (broken || avail < sizeof(h))
		return false;
	peek_header(&h);
	if (h.len > XS_PAYLOAD_MAX) {
		xs_fail("a reply is longer than XENSTORE_PAYLOAD_MAX");
		return false;
	}
	/* A payload longer than the ring can only be read while it is being written. */
	return h.len > XS_RING_SIZE - sizeof(h) || avail >= sizeof(h) + h.len;
}

/*
 * Read every complete message waiting in the ring, queuing the watch events. Only
 * whole messages are taken, so that a wait that ends here never leaves one half read.
 */
static int drain_events_locked(uint64_t deadline)
{
	while (ring && whole_message()) {
		struct xsd_sockmsg h;
		int rc = read_msg(&h, deadline);

		if (rc)
			return rc;
		if (h.type != XS_WATCH_EVENT)
			return xs_fail("a reply came with no request waiting");
		queue_event(xs_buf, h.len);
	}
	return broken ? -EIO : 0;
}

int xs_watch_next(char *path, size_t path_size, char *token, size_t token_size,
		  uint64_t deadline)
{
	for (;;) {
		unsigned long flags = k_spin_lock_irqsave(&xs_lock);
		uint64_t now = k_time_ns(), xen_deadline;
		struct xs_event *e = events;
		int rc;

		if (!ring) {
			k_spin_unlock_irqrestore(&xs_lock, flags);
			return -ENODEV;
		}
		rc = drain_events_locked(xen_clock_ns() +
					 CONFIG_XEN_XENSTORE_TIMEOUT_MS * K_NSEC_PER_MSEC);
		e = events;
		if (e) {
			rc = event_split(e, path, path_size, token, token_size);
			events = e->next;
			if (!events)
				events_tail = &events;
			nr_events--;
			k_spin_unlock_irqrestore(&xs_lock, flags);
			k_free(e);
			return rc;
		}
		if (rc || now >= deadline) {
			k_spin_unlock_irqrestore(&xs_lock, flags);
			return rc ? rc : -ETIMEDOUT;
		}
		/* Wait a slice with the lock dropped in between, so others get a turn. */
		xen_deadline = xen_clock_ns() + K_MIN(deadline - now, XS_POLL_SLICE_NS);
		rc = xs_wait(rsp_nonempty, xen_deadline);
		k_spin_unlock_irqrestore(&xs_lock, flags);
		if (rc && rc != -ETIMEDOUT)
			return rc;
	}
}

int xs_domid(void)
{
	uint64_t id;
	int rc = xs_read_u64(XS_TX_NONE, "domid", &id);

	if (rc)
		return rc;
	return id < 0x7ff0 ? (int)id : -EINVAL;
}

int xen_xenstore_exit_status(int status)
{
	char value[8];
	int n = 0;

	/* Power-off may interrupt a request in progress: its lock is then ours. */
	if (!ring || broken || __atomic_load_n(&xs_lock.locked, __ATOMIC_RELAXED))
		return -EBUSY;
	if (status >= 100)
		value[n++] = (char)('0' + status / 100);
	if (status >= 10)
		value[n++] = (char)('0' + status / 10 % 10);
	value[n++] = (char)('0' + status % 10);
	value[n] = 0;
	return xs_write(XS_TX_NONE, "data/keel-exit-status", value);
}

/* K_INIT_PLAT 12: needs only the event channel calls and the shared info's clock. */
static int xen_xenstore_init(void)
{
	uint64_t pfn = 0, port = 0;

	if (xen_hvm_param_get(XEN_HVM_PARAM_STORE_PFN, &pfn) || !pfn ||
	    pfn >= (1ull << 20) || xen_hvm_param_get(XEN_HVM_PARAM_STORE_EVTCHN, &port) ||
	    port >= XEN_EVTCHN_2L_WORDS * 64) {
		k_warn("xenstore: no store page or event channel: no xenstore\n");
		return -ENODEV;
	}
	store_port = (uint32_t)port;
	/* Polled, never an interrupt: the IRQ layer never sees this port. */
	xen_evtchn_mask(store_port);
	ring = (volatile struct xenstore_domain_interface *)(uintptr_t)(pfn << 12);
	k_debug("xenstore: ring at 0x%lx, port %u\n", (unsigned long)(pfn << 12), store_port);
	return 0;
}
K_INIT(xen_xenstore_init, K_INIT_PLAT, 12);
