libs-$(CONFIG_DRIVER_VIRTIO_MMIO) += virtio-mmio
virtio-mmio-srcs-y += mmio.c mmio_param.c
# On device-tree platforms (arm64) the "virtio,mmio" nodes add windows too.
virtio-mmio-srcs-$(CONFIG_LIBFDT) += mmio_fdt.c
