/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A xenstore client (xen/include/public/io/xs_wire.h over the shared ring page).
 * Paths without a leading '/' are relative to the domain's home,
 * /local/domain/<domid>. Requests are synchronous and serialised: the caller's vCPU
 * waits in SCHEDOP_poll (arm64: SCHEDOP_yield) for the reply, with interrupts off,
 * up to CONFIG_XEN_XENSTORE_TIMEOUT_MS. Every reply is checked: a malformed one (a length
 * past the ring or the payload limit, a bad index) gives -EIO and closes the client.
 *
 * Errors: -ENODEV (no xenstore), -ETIMEDOUT, -EIO, -E2BIG (a reply larger than the
 * buffer: nothing is copied), -ENAMETOOLONG, or the error xenstored named (-ENOENT,
 * -EACCES, -EAGAIN for a transaction to retry, ...).
 */
#ifndef KEEL_XEN_XENSTORE_H
#define KEEL_XEN_XENSTORE_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t xs_tx_t;		/* a transaction id; XS_TX_NONE outside of one */
#define XS_TX_NONE	0

/* Read a value into buf (always NUL-terminated). Its length, or a negative errno. */
int xs_read(xs_tx_t tx, const char *path, char *buf, size_t size);
/* Write a value (a string; creates the node and its parents). */
int xs_write(xs_tx_t tx, const char *path, const char *value);
/* Remove a node and its children. */
int xs_rm(xs_tx_t tx, const char *path);
/* The children's names, each NUL-terminated, back to back in buf. Their count. */
int xs_directory(xs_tx_t tx, const char *path, char *buf, size_t size);
/* Read an unsigned decimal value. */
int xs_read_u64(xs_tx_t tx, const char *path, uint64_t *value);

int xs_transaction_start(xs_tx_t *tx);
/* Commit (abort = 0) or abort. -EAGAIN: another writer came first; start over. */
int xs_transaction_end(xs_tx_t tx, int abort);

/*
 * Watch path (and its children): xenstored sends an event at once and on every
 * change; xs_watch_next returns them in order, with the token given here.
 */
int xs_watch(const char *path, const char *token);
int xs_unwatch(const char *path, const char *token);
/*
 * The next watch event: the changed path and the token, each NUL-terminated.
 * Waits until deadline (k_time_ns() clock; 0: do not wait): 0, -ETIMEDOUT, -E2BIG.
 */
int xs_watch_next(char *path, size_t path_size, char *token, size_t token_size,
		  uint64_t deadline);

/* This domain's id (xenstore "domid"), or a negative errno. */
int xs_domid(void);

#endif /* KEEL_XEN_XENSTORE_H */
