libs-$(CONFIG_DRIVER_VIRTIO_9P) += virtio-9p
virtio-9p-srcs-y += v9p.c
