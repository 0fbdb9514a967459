// SPDX-License-Identifier: BSD-3-Clause
/*
 * xen: checks plat/xen's services from inside a Xen guest, for
 * tests/suites/86-xen-guest.sh (x86_64 PVH) and 87-xen-arm64.sh. Each check prints
 * "xentest: NAME: ok" or "xentest: NAME: FAIL ..."; the exit status is the number of
 * failures.
 * It prints "xentest: domid=N name=NAME" from xenstore, which the suite compares
 * with what xl says.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <keel/irq.h>
#include <keel/thread.h>
#include <keel/time.h>
#include <keel/xen/evtchn.h>
#include <keel/xen/gnttab.h>
#include <keel/xen/xenstore.h>

static int failures;

static void result(const char *name, int ok, const char *fmt, long a, long b)
{
	if (ok) {
		printf("xentest: %s: ok\n", name);
		return;
	}
	failures++;
	printf("xentest: %s: FAIL ", name);
	printf(fmt, a, b);
	printf("\n");
}

static int check_identity(void)
{
	char name[128];
	int domid = xs_domid(), rc = xs_read(XS_TX_NONE, "name", name, sizeof(name));

	result("identity", domid > 0 && rc > 0, "domid %ld, name read %ld", domid, rc);
	if (domid > 0 && rc > 0)
		printf("xentest: domid=%d name=%s\n", domid, name);
	return domid;
}

static void check_store(void)
{
	char buf[64], small[4];
	xs_tx_t tx;
	int rc, n;

	rc = xs_write(XS_TX_NONE, "data/keel-test", "hello xenstore");
	n = xs_read(XS_TX_NONE, "data/keel-test", buf, sizeof(buf));
	result("store-write-read", !rc && n == 14 && !strcmp(buf, "hello xenstore"),
	       "write %ld, read %ld", rc, n);
	n = xs_read(XS_TX_NONE, "data/keel-test", small, sizeof(small));
	result("store-short-buffer", n == -E2BIG, "read into 4 bytes gave %ld%ld", n, 0);
	n = xs_directory(XS_TX_NONE, "data", buf, sizeof(buf));
	rc = 0;
	for (int i = 0, off = 0; i < n && off < (int)sizeof(buf); i++) {
		rc |= !strcmp(buf + off, "keel-test");
		off += (int)strlen(buf + off) + 1;
	}
	result("store-directory", n >= 1 && rc, "%ld entries, keel-test found %ld", n, rc);
	rc = xs_transaction_start(&tx);
	if (!rc)
		rc = xs_write(tx, "data/keel-tx", "in a transaction");
	n = rc ? rc : xs_transaction_end(tx, 0);
	rc = xs_read(XS_TX_NONE, "data/keel-tx", buf, sizeof(buf));
	result("store-transaction", !n && rc == 16, "commit %ld, read back %ld", n, rc);
	rc = xs_rm(XS_TX_NONE, "data/keel-tx");
	n = xs_read(XS_TX_NONE, "data/keel-tx", buf, sizeof(buf));
	result("store-rm", !rc && n == -ENOENT, "rm %ld, read after %ld", rc, n);
}

static void check_watch(void)
{
	char path[64], token[16];
	uint64_t deadline;
	int rc, got = 0;

	rc = xs_watch("data/keel-watch", "tok1");
	/* xenstored fires every new watch once at once. */
	if (!rc)
		rc = xs_watch_next(path, sizeof(path), token, sizeof(token),
				   k_time_ns() + 5 * K_NSEC_PER_SEC);
	if (!rc)
		rc = xs_write(XS_TX_NONE, "data/keel-watch", "changed");
	deadline = k_time_ns() + 5 * K_NSEC_PER_SEC;
	while (!rc && !got) {
		rc = xs_watch_next(path, sizeof(path), token, sizeof(token), deadline);
		got = !rc && !strcmp(token, "tok1") && strstr(path, "data/keel-watch");
	}
	result("store-watch", got, "watch event: rc %ld, got %ld", rc, got);
	xs_unwatch("data/keel-watch", "tok1");
}

static volatile unsigned int loop_events;

static int loop_handler(void *arg)
{
	(void)arg;
	loop_events++;
	return K_IRQ_HANDLED;
}

static void check_evtchn(void)
{
	uint32_t a, b;
	unsigned int base, sent = 0;
	int rc;

	/* A loopback pair: a notification on a arrives on b, through the handler API. */
	rc = xen_evtchn_alloc_unbound(XEN_DOMID_SELF, &a);
	if (!rc)
		rc = xen_evtchn_bind_interdomain(XEN_DOMID_SELF, a, &b);
	if (!rc)
		rc = xen_evtchn_handler_set(b, loop_handler, NULL, "xentest");
	if (rc) {
		result("evtchn-loopback", 0, "setup failed (%ld)%ld", rc, 0);
		return;
	}
	k_sleep_ns(10 * K_NSEC_PER_MSEC);	/* binding leaves the port pending once */
	base = loop_events;
	for (; sent < 3; sent++) {
		uint64_t deadline = k_time_ns() + K_NSEC_PER_SEC;

		xen_evtchn_send(a);
		while (loop_events < base + sent + 1 && k_time_ns() < deadline)
			k_sleep_ns(K_NSEC_PER_MSEC);
		if (loop_events != base + sent + 1)
			break;
	}
	result("evtchn-loopback", sent == 3, "%ld of 3 notifications arrived (count %ld)",
	       sent, (long)(loop_events - base));
	xen_evtchn_handler_clear(b, loop_handler, NULL);
	xen_evtchn_close(b);
	xen_evtchn_close(a);
}

static void check_gnttab(void)
{
	static char page[4096] __attribute__((aligned(4096)));
	unsigned int before = xen_gnttab_free();
	int ref = xen_gnttab_grant(0, xen_gfn(page), true), end, again;

	end = ref >= 0 ? xen_gnttab_end((xen_grant_ref_t)ref) : ref;
	again = ref >= 0 ? xen_gnttab_end((xen_grant_ref_t)ref) : 0;
	result("gnttab", ref >= 8 && !end && again == -EINVAL && xen_gnttab_free() == before,
	       "grant %ld, end %ld", ref, end);
}

static void check_time(void)
{
	uint64_t t0 = k_time_ns(), slept;

	k_sleep_ns(50 * K_NSEC_PER_MSEC);
	slept = k_time_ns() - t0;
	result("timer-sleep", slept >= 50 * K_NSEC_PER_MSEC, "slept %ld ns of %ld", (long)slept,
	       (long)(50 * K_NSEC_PER_MSEC));
#ifdef __aarch64__
	/* plat/xen does not read Xen's wall clock on arm64 yet (docs/xen.md). */
	printf("xentest: wallclock: skipped on arm64\n");
	return;
#endif
	/* Xen's wall clock: any date after 2020 says it was read. */
	result("wallclock", k_wallclock_known() &&
	       k_wallclock_ns() / K_NSEC_PER_SEC > 1577836800ull,
	       "known %ld, seconds %ld", k_wallclock_known(),
	       (long)(k_wallclock_ns() / K_NSEC_PER_SEC));
}

int main(void)
{
	check_identity();
	check_store();
	check_watch();
	check_evtchn();
	check_gnttab();
	check_time();
	printf("xentest: %d failures\n", failures);
	return failures;
}
