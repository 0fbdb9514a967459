// SPDX-License-Identifier: BSD-3-Clause
/*
 * virtio: drives a virtio-rng device (rng.c) through the core and whichever transport
 * found it, for tests/suites/61-virtio.sh. Prints the transport, the interrupt mode and
 * the negotiated ring features, then:
 *   entropy  256 requests of one 64-byte writable buffer, 64 in flight (or what the
 *            ring holds: virtio-rng-pci has 8 entries): every request
 *            comes back once, with bytes that are not all zero and differ between
 *            requests;
 *   chains   64 requests of three writable buffers, up to 16 in flight (indirect tables when
 *            negotiated, else direct chains), every piece filled;
 *   counters interrupts counted, no bad ids or lengths, every descriptor free again.
 * Every virtio-rng device found is tested in turn ("virtio: virtio-rng0: ..."). Ends with
 * "virtio: D devices, N failures" and exits with N (0: all passed).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <keel/time.h>
#include "rng.h"

#define ENTROPY_REQS	256
#define ENTROPY_DEPTH	64
#define ENTROPY_BYTES	64
#define CHAIN_REQS	64
#define CHAIN_DEPTH	16
#define WAIT_NS		(5 * K_NSEC_PER_SEC)

static struct rng_req reqs[ENTROPY_DEPTH];
static uint8_t bufs[ENTROPY_DEPTH][ENTROPY_BYTES] __attribute__((aligned(64)));
static uint64_t digests[ENTROPY_REQS];
static int failures;
static unsigned int window;	/* requests in flight in the last run() */

static const char *devname;

static void fail(const char *check, const char *why)
{
	printf("virtio: %s: %s: FAIL (%s)\n", devname, check, why);
	failures++;
}

static uint64_t digest(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Prepare slot s as nbufs pieces of its buffer, zeroed, and queue it. */
static int submit(struct rng_dev *r, unsigned int s, unsigned int nbufs)
{
	static const uint32_t split[3] = { 16, 16, 32 };
	struct rng_req *req = &reqs[s];
	uint8_t *p = bufs[s];

	memset(p, 0, ENTROPY_BYTES);
	req->nbufs = nbufs;
	for (unsigned int i = 0; i < nbufs; i++) {
		req->bufs[i].addr = p;
		req->bufs[i].len = nbufs == 1 ? ENTROPY_BYTES : split[i];
		p += req->bufs[i].len;
	}
	return rng_submit(r, req);
}

/*
 * Run total requests of nbufs pieces, depth in flight, checking each as it returns
 * with check(slot, len). Returns false when a request failed to queue or come back.
 */
static bool run(struct rng_dev *r, const char *name, unsigned int total, unsigned int depth,
		unsigned int nbufs, void (*check)(unsigned int slot, uint32_t len))
{
	unsigned int sent = 0, done = 0;

	/* Fill the window (the ring may be smaller: -ENOSPC), then refill each slot as it
	 * completes; a completion frees what its request took, so refills always fit. */
	for (unsigned int s = 0; s < depth && sent < total; s++, sent++) {
		int rc = submit(r, s, nbufs);

		if (rc == -ENOSPC && s > 0) {
			depth = s;
			break;
		}
		if (rc) {
			fail(name, "k_virtq_add refused the first request");
			return false;
		}
	}
	window = depth;
	rng_kick(r);
	while (done < total) {
		if (k_sem_wait_until(&r->completions, k_time_ns() + WAIT_NS)) {
			printf("virtio: %s: %s: FAIL (timed out after %u of %u requests)\n", devname,
			       name, done, total);
			failures++;
			return false;
		}
		for (unsigned int s = 0; s < depth; s++) {
			if (!reqs[s].done)
				continue;
			reqs[s].done = false;
			reqs[s].nbufs = 0;
			check(s, reqs[s].len);
			done++;
			if (sent < total) {
				if (submit(r, s, nbufs)) {
					fail(name, "k_virtq_add refused a request with free slots");
					return false;
				}
				sent++;
				rng_kick(r);
			}
			break;	/* one completion per semaphore post */
		}
	}
	return true;
}

static unsigned int entropy_seen;
static bool entropy_bad;

static void entropy_check(unsigned int s, uint32_t len)
{
	uint64_t d;

	if (len == 0 || len > ENTROPY_BYTES) {
		printf("virtio: %s: entropy: FAIL (request returned length %u)\n", devname, len);
		entropy_bad = true;
		return;
	}
	if (all_zero(bufs[s], len)) {
		printf("virtio: %s: entropy: FAIL (%u bytes, all zero)\n", devname, len);
		entropy_bad = true;
		return;
	}
	d = digest(bufs[s], len);
	for (unsigned int i = 0; i < entropy_seen; i++) {
		if (digests[i] == d) {
			printf("virtio: %s: entropy: FAIL (request %u repeats request %u)\n",
			       devname, entropy_seen, i);
			entropy_bad = true;
		}
	}
	if (entropy_seen < ENTROPY_REQS)
		digests[entropy_seen++] = d;
}

static bool chains_bad;

static void chains_check(unsigned int s, uint32_t len)
{
	/* Each piece was zeroed: a piece still all zero was not written. */
	if (len != ENTROPY_BYTES || all_zero(bufs[s], 16) || all_zero(bufs[s] + 16, 16) ||
	    all_zero(bufs[s] + 32, 32)) {
		printf("virtio: %s: chains: FAIL (length %u, or a piece left unwritten)\n",
		       devname, len);
		chains_bad = true;
	}
}

/* Every check on one device; the counters start at zero for each. */
static void test_device(struct rng_dev *r)
{
	const struct k_virtq_stats *st = k_virtq_stats(r->vq);
	uint64_t indirect_before;
	bool indirect = k_virtio_has(r->vd, K_VIRTIO_F_INDIRECT_DESC);

	devname = r->vd->name;
	entropy_seen = 0;
	entropy_bad = chains_bad = false;
	printf("virtio: %s on %s%s, queue size %u, interrupts: %s\n", devname,
	       r->vd->transport->name, r->vd->legacy ? " (legacy)" : "", k_virtq_size(r->vq),
	       r->vd->irq_mode ? r->vd->irq_mode : "?");
	printf("virtio: %s: features %#llx: version_1=%s indirect=%s event_idx=%s\n", devname,
	       (unsigned long long)r->vd->features,
	       k_virtio_has(r->vd, K_VIRTIO_F_VERSION_1) ? "yes" : "no", indirect ? "yes" : "no",
	       k_virtio_has(r->vd, K_VIRTIO_F_EVENT_IDX) ? "yes" : "no");

	if (run(r, "entropy", ENTROPY_REQS, ENTROPY_DEPTH, 1, entropy_check) && !entropy_bad)
		printf("virtio: %s: entropy: ok (%u requests, %u in flight, all distinct)\n",
		       devname, entropy_seen, window);
	else if (entropy_bad)
		failures++;

	indirect_before = st->indirect;
	if (run(r, "chains", CHAIN_REQS, CHAIN_DEPTH, 3, chains_check) && !chains_bad)
		printf("virtio: %s: chains: ok (%u requests of 3 buffers, %u in flight, %llu through indirect tables)\n",
		       devname, CHAIN_REQS, window,
		       (unsigned long long)(st->indirect - indirect_before));
	else if (chains_bad)
		failures++;
	if (indirect != (st->indirect - indirect_before == CHAIN_REQS))
		fail("chains", "indirect tables not used exactly when negotiated");

	printf("virtio: %s: stats: added %llu used %llu notifies %llu interrupts %llu bad_id %llu bad_len %llu\n",
	       devname, (unsigned long long)st->added, (unsigned long long)st->used,
	       (unsigned long long)st->notifies, (unsigned long long)st->interrupts,
	       (unsigned long long)st->bad_id, (unsigned long long)st->bad_len);
	if (!st->interrupts)
		fail("counters", "no interrupt was counted");
	else if (st->bad_id || st->bad_len || st->added != st->used ||
		 st->added != ENTROPY_REQS + CHAIN_REQS)
		fail("counters", "added/used/bad counts are off");
	else if (k_virtq_free_slots(r->vq) != k_virtq_size(r->vq))
		fail("counters", "descriptors were not all freed");
	else
		printf("virtio: %s: counters: ok\n", devname);
}

int main(void)
{
	if (!rng_count) {
		printf("virtio: no virtio-rng device was probed\n");
		return 1;
	}
	for (unsigned int i = 0; i < rng_count; i++)
		test_device(rng_devs[i]);
	printf("virtio: %u devices, %d failures\n", rng_count, failures);
	return failures;
}
