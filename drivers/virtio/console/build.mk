libs-$(CONFIG_DRIVER_VIRTIO_CONSOLE) += virtio-console
virtio-console-srcs-y += console.c
