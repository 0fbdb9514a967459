libs-$(CONFIG_DRIVER_VIRTIO_NET) += virtio-net
virtio-net-srcs-y += probe.c rx.c tx.c
