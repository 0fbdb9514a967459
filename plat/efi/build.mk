# SPDX-License-Identifier: BSD-3-Clause
# plat/efi: the kernel side (entry from the loader, boot information, consoles, power-off)
# is a library like any other; the loader (loader/, a GNU-EFI application carrying the
# kernel) and the disk image are built after the link by image.mk.
libs-$(CONFIG_PLAT_EFI) += plat-efi
plat-efi-srcs-y += efi.c runtime.c
plat-efi-srcs-$(CONFIG_EFI_FB_CONSOLE) += fb.c font.c
# The PC devices are plat/kvm's: its COM1 console, ACPI tables and S5, and TSC rate.
plat-efi-srcs-$(CONFIG_ARCH_X86_64) += x86_64/entry64.S x86_64/boot.c x86_64/poweroff.c \
	../kvm/x86_64/serial.c ../kvm/x86_64/acpi.c ../kvm/x86_64/tsc.c
# arm64 enters through arch/arm64/entry.S like plat/kvm (the ELF entry is the Image
# header's branch); the console is plat/kvm's PL011, found in the device tree.
plat-efi-srcs-$(CONFIG_ARCH_ARM64) += arm64/boot.c arm64/poweroff.c ../kvm/arm64/pl011.c \
	../kvm/arm64/exit.c ../kvm/arm64/psci.c

ifeq ($(CONFIG_PLAT_EFI),y)
# The loader enters the kernel in 64-bit mode: the ELF entry is the EFI entry.
keel-ldflags-$(CONFIG_ARCH_X86_64) += -Wl,-e,efi_start64
keel-post-mk-y += $(d)/image.mk
endif
