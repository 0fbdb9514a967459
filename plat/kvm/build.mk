libs-$(CONFIG_PLAT_KVM) += plat-kvm
plat-kvm-srcs-$(CONFIG_ARCH_X86_64) += x86_64/pvh_note.S x86_64/boot.c x86_64/bootinfo.c \
	x86_64/multiboot.c x86_64/pvh.c x86_64/serial.c x86_64/poweroff.c x86_64/acpi.c \
	x86_64/tsc.c
plat-kvm-srcs-$(CONFIG_KVM_MULTIBOOT) += x86_64/multiboot_header.S
plat-kvm-srcs-$(CONFIG_ARCH_ARM64) += arm64/boot.c arm64/fdt.c arm64/pl011.c arm64/poweroff.c \
	arm64/exit.c arm64/psci.c
