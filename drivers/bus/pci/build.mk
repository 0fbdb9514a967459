libs-$(CONFIG_DRIVER_PCI) += pci
pci-srcs-y += config.c enum.c dev.c irq.c assign.c intx.c
