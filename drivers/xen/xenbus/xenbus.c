// SPDX-License-Identifier: BSD-3-Clause
/*
 * xenbus: device discovery in xenstore and the front-end side of the state handshake
 * (xen/include/public/io/xenbus.h). Probing runs in the thread main at K_INIT_DRIVER,
 * one device after the other, so one watch event queue serves every wait.
 */
#include <errno.h>
#include <stdarg.h>
#include <keel/fmt.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/time.h>
#include <keel/xen/xenbus.h>
#include <keel/xen/xenstore.h>

#define XENBUS_LIST_MAX		1024

static struct xenbus_driver *drivers;

void xenbus_register_driver(struct xenbus_driver *drv)
{
	drv->next = drivers;
	drivers = drv;
}

static int path_join(char *out, size_t size, const char *dir, const char *key)
{
	int n = k_snprintf(out, size, "%s/%s", dir, key);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int xenbus_printf(struct xenbus_device *dev, const char *key, const char *fmt, ...)
{
	char path[XENBUS_PATH_MAX + 32], value[64];
	va_list ap;
	int n, rc = path_join(path, sizeof(path), dev->nodename, key);

	if (rc)
		return rc;
	va_start(ap, fmt);
	n = k_vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(value))
		return -E2BIG;
	return xs_write(XS_TX_NONE, path, value);
}

static int read_key(const char *dir, const char *key, char *buf, size_t size)
{
	char path[XENBUS_PATH_MAX + 32];
	int rc = path_join(path, sizeof(path), dir, key);

	return rc ? rc : xs_read(XS_TX_NONE, path, buf, size);
}

int xenbus_read_otherend(struct xenbus_device *dev, const char *key, char *buf, size_t size)
{
	return read_key(dev->otherend, key, buf, size);
}

int xenbus_read_own(struct xenbus_device *dev, const char *key, char *buf, size_t size)
{
	return read_key(dev->nodename, key, buf, size);
}

uint64_t xenbus_read_otherend_u64(struct xenbus_device *dev, const char *key, uint64_t def)
{
	char path[XENBUS_PATH_MAX + 32];
	uint64_t v;

	if (path_join(path, sizeof(path), dev->otherend, key) ||
	    xs_read_u64(XS_TX_NONE, path, &v))
		return def;
	return v;
}

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state)
{
	return xenbus_printf(dev, "state", "%u", (unsigned int)state);
}

enum xenbus_state xenbus_otherend_state(struct xenbus_device *dev)
{
	uint64_t v = xenbus_read_otherend_u64(dev, "state", XENBUS_STATE_UNKNOWN);

	return v <= XENBUS_STATE_RECONFIGURED ? (enum xenbus_state)v : XENBUS_STATE_UNKNOWN;
}

int xenbus_wait_otherend(struct xenbus_device *dev, enum xenbus_state state,
			 uint64_t deadline)
{
	char path[XENBUS_PATH_MAX + 32], evpath[XENBUS_PATH_MAX + 32], token[16];
	int rc = path_join(path, sizeof(path), dev->otherend, "state");

	if (rc)
		return rc;
	rc = xs_watch(path, "xenbus");
	if (rc)
		return rc;
	for (;;) {
		enum xenbus_state now = xenbus_otherend_state(dev);

		if (now == state) {
			rc = 0;
			break;
		}
		if (now == XENBUS_STATE_CLOSING || now == XENBUS_STATE_CLOSED) {
			rc = -ENODEV;
			break;
		}
		/* Any event means "look again"; the state key is what counts. */
		rc = xs_watch_next(evpath, sizeof(evpath), token, sizeof(token), deadline);
		if (rc && rc != -E2BIG)
			break;
	}
	xs_unwatch(path, "xenbus");
	return rc;
}

/* Fill in the back-end's path and domain from the device's own keys. */
static int device_init(struct xenbus_device *dev, const char *type, const char *id)
{
	uint64_t domid;
	char path[XENBUS_PATH_MAX + 32];
	int n = k_snprintf(dev->nodename, sizeof(dev->nodename), "device/%s/%s", type, id);

	if (n < 0 || (size_t)n >= sizeof(dev->nodename))
		return -ENAMETOOLONG;
	dev->type = type;
	n = xenbus_read_own(dev, "backend", dev->otherend, sizeof(dev->otherend));
	if (n <= 0)
		return n < 0 ? n : -EINVAL;
	if (path_join(path, sizeof(path), dev->nodename, "backend-id") ||
	    xs_read_u64(XS_TX_NONE, path, &domid) || domid >= XEN_DOMID_SELF)
		return -EINVAL;
	dev->otherend_id = (xen_domid_t)domid;
	return 0;
}

static void probe_type(struct xenbus_driver *drv)
{
	char dir[32], *ids = k_malloc(XENBUS_LIST_MAX);
	int n, off = 0;

	if (!ids)
		return;
	k_snprintf(dir, sizeof(dir), "device/%s", drv->type);
	n = xs_directory(XS_TX_NONE, dir, ids, XENBUS_LIST_MAX);
	for (int i = 0; i < n && off < XENBUS_LIST_MAX; i++) {
		const char *id = ids + off;
		struct xenbus_device *dev = k_calloc(1, sizeof(*dev));
		int rc = dev ? device_init(dev, drv->type, id) : -ENOMEM;

		off += (int)strnlen(id, (size_t)(XENBUS_LIST_MAX - off)) + 1;
		if (!rc)
			rc = drv->probe(dev);
		if (rc) {
			k_err("xenbus: %s/%s: probe failed (%d)\n", dir, id, rc);
			k_free(dev);
		}
	}
	k_free(ids);
}

/* K_INIT_DRIVER 30: xenstore works (plat), drivers registered (bus), threads run. */
static int xenbus_probe(void)
{
	for (struct xenbus_driver *drv = drivers; drv; drv = drv->next)
		probe_type(drv);
	return 0;
}
K_INIT(xenbus_probe, K_INIT_DRIVER, 30);
