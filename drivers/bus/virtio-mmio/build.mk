libs-$(CONFIG_DRIVER_VIRTIO_MMIO) += virtio-mmio
virtio-mmio-srcs-y += mmio.c mmio_param.c
