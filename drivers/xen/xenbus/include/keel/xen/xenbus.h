/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xenbus: front-end devices of a Xen guest. The toolstack describes each device in
 * xenstore under device/<type>/<id> (our side: "nodename") and the back-end's
 * directory (its "backend" key: "otherend"). A driver registers for a type at
 * K_INIT_BUS; at K_INIT_DRIVER xenbus calls its probe for every device of that type.
 * The probe shares its rings, then runs the handshake:
 *
 *	xenbus_printf(dev, "ring-ref", "%u", ref); ...
 *	xenbus_switch_state(dev, XENBUS_STATE_INITIALISED);
 *	xenbus_wait_otherend(dev, XENBUS_STATE_CONNECTED, deadline);
 *	xenbus_switch_state(dev, XENBUS_STATE_CONNECTED);
 */
#ifndef KEEL_XEN_XENBUS_H
#define KEEL_XEN_XENBUS_H

#include <stdint.h>
#include <keel/compiler.h>
#include <keel/xen/xen.h>

/* xen/include/public/io/xenbus.h */
enum xenbus_state {
	XENBUS_STATE_UNKNOWN = 0,
	XENBUS_STATE_INITIALISING = 1,
	XENBUS_STATE_INIT_WAIT = 2,
	XENBUS_STATE_INITIALISED = 3,
	XENBUS_STATE_CONNECTED = 4,
	XENBUS_STATE_CLOSING = 5,
	XENBUS_STATE_CLOSED = 6,
	XENBUS_STATE_RECONFIGURING = 7,
	XENBUS_STATE_RECONFIGURED = 8,
};

#define XENBUS_PATH_MAX		128

struct xenbus_device {
	char nodename[XENBUS_PATH_MAX];	/* "device/vif/0" */
	char otherend[XENBUS_PATH_MAX];	/* "/local/domain/0/backend/vif/5/0" */
	xen_domid_t otherend_id;
	const char *type;
	void *priv;			/* the driver's */
};

struct xenbus_driver {
	const char *type;		/* "vif", "vbd" */
	int (*probe)(struct xenbus_device *dev);
	struct xenbus_driver *next;
};

/* Register a front-end driver (at K_INIT_BUS, before the probe at K_INIT_DRIVER). */
void xenbus_register_driver(struct xenbus_driver *drv);

/* Write nodename/key (formatted). 0 or a negative errno. */
int xenbus_printf(struct xenbus_device *dev, const char *key, const char *fmt, ...)
	__k_printf(3, 4);
/* Read otherend/key (or nodename/key) into buf. Its length or a negative errno. */
int xenbus_read_otherend(struct xenbus_device *dev, const char *key, char *buf,
			 size_t size);
int xenbus_read_own(struct xenbus_device *dev, const char *key, char *buf, size_t size);
/* Unsigned decimal otherend/key; def when absent. */
uint64_t xenbus_read_otherend_u64(struct xenbus_device *dev, const char *key, uint64_t def);

/* Our state (nodename/state). */
int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state);
/* The back-end's state; XENBUS_STATE_UNKNOWN when it cannot be read. */
enum xenbus_state xenbus_otherend_state(struct xenbus_device *dev);
/*
 * Wait (a watch on otherend/state) until the back-end reaches state. -ENODEV when it
 * goes to Closing/Closed instead, -ETIMEDOUT at deadline (k_time_ns clock).
 */
int xenbus_wait_otherend(struct xenbus_device *dev, enum xenbus_state state,
			 uint64_t deadline);

#endif /* KEEL_XEN_XENBUS_H */
