libs-$(CONFIG_DRIVER_VIRTIO) += virtio
virtio-srcs-y += virtio.c virtq.c config_io.c
