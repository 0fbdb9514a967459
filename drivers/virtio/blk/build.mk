libs-$(CONFIG_DRIVER_VIRTIO_BLK) += virtio-blk
virtio-blk-srcs-y += probe.c request.c
