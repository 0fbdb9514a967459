// SPDX-License-Identifier: BSD-3-Clause
/*
 * The 9P client: a session per transport (Tversion once, shared by the mounts of its
 * tag), CONFIG_P9FS_TAGS tags whose message buffers are allocated on first use, fid
 * numbers, and one request/reply exchange with every reply checked: its length against
 * its size field, its tag, its type (the request's R type or Rlerror), and (in
 * p9_end) that its fields fill it exactly. A reply that fails a check is an error
 * (-EIO), logged once per session; nothing the host sends is trusted further.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/fmt.h>
#include <keel/print.h>
#include "p9.h"

static struct k_list clients = K_LIST_INIT(clients);
static struct k_mutex clients_lock = K_MUTEX_INIT(clients_lock, 0);

/* A free tag and its buffers; sleeps while every tag is in flight. */
static int p9_tag_take(struct p9_client *c, uint16_t *tag)
{
	struct p9_slot *s = NULL;
	unsigned long flags;
	unsigned int i;

	k_sem_wait(&c->tags);
	flags = k_spin_lock_irqsave(&c->lock);
	for (i = 0; i < CONFIG_P9FS_TAGS && c->slots[i].busy; i++)
		;
	s = &c->slots[i];	/* the semaphore guarantees one is free */
	s->busy = true;
	k_spin_unlock_irqrestore(&c->lock, flags);
	if (!s->tx) {
		s->tx = k_malloc(2 * P9_SMALL);
		if (!s->tx) {
			s->busy = false;
			k_sem_post(&c->tags);
			return -ENOMEM;
		}
		s->rx = s->tx + P9_SMALL;
	}
	*tag = (uint16_t)i;
	return 0;
}

static void p9_tag_give(struct p9_client *c, uint16_t tag)
{
	unsigned long flags = k_spin_lock_irqsave(&c->lock);

	c->slots[tag].busy = false;
	k_spin_unlock_irqrestore(&c->lock, flags);
	k_sem_post(&c->tags);
}

static uint16_t p9_wire_tag(const struct p9_call *call)
{
	return call->type == P9_TVERSION ? P9_NOTAG : call->tag;
}

int p9_begin(struct p9_client *c, struct p9_call *call, uint8_t type)
{
	int rc;

	*call = (struct p9_call){ .c = c, .type = type };
	rc = p9_tag_take(c, &call->tag);
	if (rc)
		return rc;
	call->tx = (struct p9_msg){ .buf = c->slots[call->tag].tx, .end = P9_SMALL };
	p9_put32(&call->tx, 0);		/* the size, filled in by p9_run */
	p9_put8(&call->tx, type);
	p9_put16(&call->tx, p9_wire_tag(call));
	return 0;
}

static const char *p9_type_name(uint8_t type)
{
	static const struct { uint8_t type; const char *name; } names[] = {
		{ P9_TSTATFS, "Tstatfs" }, { P9_TLOPEN, "Tlopen" }, { P9_TLCREATE, "Tlcreate" },
		{ P9_TSYMLINK, "Tsymlink" }, { P9_TREADLINK, "Treadlink" },
		{ P9_TGETATTR, "Tgetattr" }, { P9_TSETATTR, "Tsetattr" },
		{ P9_TREADDIR, "Treaddir" }, { P9_TFSYNC, "Tfsync" }, { P9_TLINK, "Tlink" },
		{ P9_TMKDIR, "Tmkdir" }, { P9_TRENAMEAT, "Trenameat" },
		{ P9_TUNLINKAT, "Tunlinkat" }, { P9_TVERSION, "Tversion" },
		{ P9_TATTACH, "Tattach" }, { P9_TWALK, "Twalk" }, { P9_TREAD, "Tread" },
		{ P9_TWRITE, "Twrite" }, { P9_TCLUNK, "Tclunk" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].type == type)
			return names[i].name;
	return "T?";
}

/* The host sent something malformed: log the first time, the caller fails with -EIO. */
void p9_bad(struct p9_client *c, const char *req, const char *why)
{
	if (c->warned_reply)
		return;
	c->warned_reply = true;
	k_err("9pfs: %s: malformed reply to %s: %s; failed with -EIO (logged once)\n",
	      c->t->tag, req, why);
}

void p9_bad_reply(struct p9_call *call, const char *why)
{
	p9_bad(call->c, p9_type_name(call->type), why);
}

/* The header of the reply in call->rx: 0, an Rlerror's errno, or -EIO. */
static int p9_check_header(struct p9_call *call, uint32_t n)
{
	struct p9_msg *rx = &call->rx;
	char why[96];
	uint32_t size;
	uint8_t type;
	uint16_t tag;

	if (n < P9_HDR) {
		k_snprintf(why, sizeof(why), "%u bytes, shorter than a header", n);
		p9_bad_reply(call, why);
		return -EIO;
	}
	size = p9_get32(rx);
	type = p9_get8(rx);
	tag = p9_get16(rx);
	if (size != n)
		k_snprintf(why, sizeof(why), "size field %u, but %u bytes came", size, n);
	else if (tag != p9_wire_tag(call))
		k_snprintf(why, sizeof(why), "tag %u, expected %u", tag, p9_wire_tag(call));
	else if (type == P9_RLERROR && n != P9_RHDR)
		k_snprintf(why, sizeof(why), "Rlerror of %u bytes, not %u", n, P9_RHDR);
	else if (type != P9_RLERROR && type != call->type + 1)
		k_snprintf(why, sizeof(why), "type %u, expected %u or Rlerror", type, call->type + 1);
	else
		return type == P9_RLERROR ? p9_errno(call->c, p9_get32(rx)) : 0;
	p9_bad_reply(call, why);
	return -EIO;
}

int p9_run(struct p9_call *call)
{
	struct p9_client *c = call->c;
	struct p9_slot *s = &c->slots[call->tag];
	struct k_9p_buf bufs[4];
	unsigned int n_out = 1, n_in;
	uint64_t size = (uint64_t)call->tx.pos + call->wlen;
	int64_t n;

	if (call->tx.bad || size > c->msize)
		return -EINVAL;		/* cannot happen: names and counts are bounded */
	for (unsigned int i = 0; i < 4; i++)
		call->tx.buf[i] = (uint8_t)(size >> (8 * i));
	bufs[0] = (struct k_9p_buf){ call->tx.buf, call->tx.pos };
	if (call->wlen)
		bufs[n_out++] = (struct k_9p_buf){ (void *)call->wdata, call->wlen };
	n_in = n_out;
	if (call->rlen) {
		/* Rread: the header alone in the slot, the data straight into the caller's. */
		bufs[n_in++] = (struct k_9p_buf){ s->rx, P9_RHDR };
		bufs[n_in++] = (struct k_9p_buf){ call->rdata, call->rlen };
	} else if (call->rbuf) {
		bufs[n_in++] = (struct k_9p_buf){ call->rbuf, call->rbuf_len };
	} else {
		bufs[n_in++] = (struct k_9p_buf){ s->rx, P9_SMALL };
	}
	n = c->t->rpc(c->t, bufs, n_out, n_in - n_out);
	if (n < 0)
		return (int)n;
	call->rsize = (uint32_t)n;
	call->rx = (struct p9_msg){ .buf = bufs[n_out].addr,
				    .end = (uint32_t)K_MIN((uint64_t)n, bufs[n_out].len) };
	return p9_check_header(call, (uint32_t)n);
}

int p9_end(struct p9_call *call, int rc)
{
	if (!rc && (call->rx.bad || call->rx.pos != call->rx.end)) {
		char why[64];

		k_snprintf(why, sizeof(why), "its fields %s its %u bytes",
			   call->rx.bad ? "run past" : "do not fill", call->rx.end);
		p9_bad_reply(call, why);
		rc = -EIO;
	}
	p9_tag_give(call->c, call->tag);
	return rc;
}

int p9_fid_alloc(struct p9_client *c, uint32_t *fid)
{
	unsigned long flags = k_spin_lock_irqsave(&c->lock);
	int rc = -ENFILE;

	for (uint32_t n = 0; n < P9_FIDS_MAX; n++) {
		uint32_t f = (c->fid_hint + n) % P9_FIDS_MAX;

		if (!(c->fids[f / 32] & (1u << (f % 32)))) {
			c->fids[f / 32] |= 1u << (f % 32);
			c->fid_hint = f + 1;
			*fid = f;
			rc = 0;
			break;
		}
	}
	k_spin_unlock_irqrestore(&c->lock, flags);
	return rc;
}

void p9_fid_free(struct p9_client *c, uint32_t fid)
{
	unsigned long flags;

	if (fid >= P9_FIDS_MAX)
		return;
	flags = k_spin_lock_irqsave(&c->lock);
	c->fids[fid / 32] &= ~(1u << (fid % 32));
	k_spin_unlock_irqrestore(&c->lock, flags);
}

/* Tversion: the session's msize, checked against what we asked. */
static int p9_session(struct p9_client *c, uint32_t msize, char *why, size_t why_len)
{
	char ver[32];
	uint32_t granted;
	int rc = p9_version(c, msize, &granted, ver, sizeof(ver));

	if (rc) {
		k_snprintf(why, why_len, "Tversion failed (error %d)", rc);
		return rc;
	}
	if (strcmp(ver, P9_VERSION)) {
		k_snprintf(why, why_len, "the server speaks \"%s\", not " P9_VERSION, ver);
		return -EIO;
	}
	if (granted > msize || granted < P9_MSIZE_MIN) {
		k_snprintf(why, why_len, "the server granted msize %u (asked %u, at least %u needed)",
			   granted, msize, P9_MSIZE_MIN);
		return -EIO;
	}
	c->msize = granted;
	return 0;
}

static int p9_client_new(struct k_9p_transport *t, uint32_t msize, struct p9_client **out,
			 char *why, size_t why_len)
{
	struct p9_client *c = k_calloc(1, sizeof(*c));
	int rc;

	if (!c)
		return -ENOMEM;
	c->t = t;
	c->msize = P9_SMALL;
	c->lock = (struct k_spinlock)K_SPINLOCK_INIT;
	k_sem_init(&c->tags, CONFIG_P9FS_TAGS);
	rc = p9_session(c, msize, why, why_len);
	if (rc) {
		for (unsigned int i = 0; i < CONFIG_P9FS_TAGS; i++)
			k_free(c->slots[i].tx);
		k_free(c);
		return rc;
	}
	k_list_add_tail(&clients, &c->node);
	*out = c;
	return 0;
}

int p9_client_get(const char *tag, uint32_t msize, struct p9_client **out, char *why,
		  size_t why_len)
{
	struct k_9p_transport *t = k_9p_transport_find(tag);
	int rc = 0;

	if (!t) {
		k_snprintf(why, why_len, "no 9p device with tag %s", tag);
		return -ENODEV;
	}
	k_mutex_lock(&clients_lock);
	*out = NULL;
	k_list_for_each(pos, &clients) {
		struct p9_client *c = k_list_entry(pos, struct p9_client, node);

		if (c->t == t)
			*out = c;	/* one session per transport: its msize stays */
	}
	if (!*out)
		rc = p9_client_new(t, msize, out, why, why_len);
	k_mutex_unlock(&clients_lock);
	return rc;
}
