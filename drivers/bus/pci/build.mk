libs-$(CONFIG_DRIVER_PCI) += pci
pci-srcs-y += config.c enum.c enum_bridge.c dev.c irq.c assign.c swizzle.c io.c msi.c
# The host bridge: ACPI MCFG or ports 0xcf8/0xcfc on x86_64, the device tree on arm64.
pci-srcs-$(CONFIG_ARCH_X86_64) += host_x86.c intx.c
pci-srcs-$(CONFIG_ARCH_ARM64) += host_fdt.c intx_fdt.c io_fdt.c
