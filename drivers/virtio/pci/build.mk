libs-$(CONFIG_DRIVER_VIRTIO_PCI) += virtio-pci
virtio-pci-srcs-y += vpci.c vpci_irq.c
