/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P transports: a channel to a 9P server (the host's file server behind a virtio-9p
 * device), named by its mount tag. A client (lib/9pfs) finds one by tag and runs
 * request/reply pairs through it:
 *
 *	struct k_9p_transport *t = k_9p_transport_find("host0");
 *	struct k_9p_buf bufs[] = { { tmsg, tlen }, { rbuf, sizeof(rbuf) } };
 *	int64_t n = t->rpc(t, bufs, 1, 1);	bytes of reply written into rbuf
 *
 * The transport moves bytes and knows nothing of 9P: the client checks every reply
 * (size, type, tag). Memory is identity-mapped, so a buffer is given to the device as
 * it is (no copy), whatever its size: one request of several hundred KiB is one round
 * trip. Functions return 0, a count, or a negative errno.
 */
#ifndef KEEL_9P_TRANSPORT_H
#define KEEL_9P_TRANSPORT_H

#include <stdint.h>
#include <keel/list.h>

#define K_9P_TAG_MAX	255	/* bytes of a mount tag (a le16 length in the config) */
#define K_9P_BUFS_MAX	8	/* buffers of one request, readable and writable */

struct k_9p_buf {
	void *addr;
	uint32_t len;		/* not 0 */
};

struct k_9p_transport {
	char tag[K_9P_TAG_MAX + 1];
	const char *dev_name;	/* "virtio-9p0" */
	/*
	 * Send the n_out device-readable buffers, then sleep until the server has
	 * written its reply into the n_in writable ones that follow: the bytes written,
	 * -EIO when the device failed or answered with a bad length (logged once),
	 * -EINVAL for a bad buffer list. Threads only; any number at once (requests
	 * beyond the ring wait for room).
	 */
	int64_t (*rpc)(struct k_9p_transport *t, const struct k_9p_buf *bufs,
		       unsigned int n_out, unsigned int n_in);
	void *priv;
	struct k_list node;
};

/* Transports: make t findable by its tag; -EEXIST when the tag is taken. Init only. */
int k_9p_transport_register(struct k_9p_transport *t);
/* The transport whose tag is tag, or NULL. */
struct k_9p_transport *k_9p_transport_find(const char *tag);

#endif /* KEEL_9P_TRANSPORT_H */
