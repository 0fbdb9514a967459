/* SPDX-License-Identifier: BSD-3-Clause */
/* Between the core's two files. */
#ifndef VIRTIO_PRIV_H
#define VIRTIO_PRIV_H

struct k_virtio_dev;

/* Free every queue of vd (after a reset: the device no longer uses them). */
void virtq_destroy_all(struct k_virtio_dev *vd);

#endif /* VIRTIO_PRIV_H */
