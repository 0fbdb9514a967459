# SPDX-License-Identifier: BSD-3-Clause
# plat/xen: a Xen guest. The common part talks to Xen through hypercalls: console
# ring, event channels, grant tables, xenstore, SCHEDOP_shutdown. x86_64/ is a PVH
# guest: the PVH entry note, the start-info parser and the boot information helpers are
# plat/kvm's (the same protocol), hypercalls go through the hypercall page, time is the
# pvclock and Xen's one-shot timer. arm64/ is a guest started as a Linux arm64 Image:
# the device tree parser is plat/kvm's, hypercalls are HVC #0xEA1, the upcall is a GIC
# PPI and time is the generic timer (drivers/irq/gic, drivers/timer/arm-generic).
libs-$(CONFIG_PLAT_XEN) += plat-xen
plat-xen-srcs-y += hypercall.c console.c evtchn.c gnttab.c xenstore.c poweroff.c
plat-xen-srcs-$(CONFIG_ARCH_X86_64) += x86_64/boot.c x86_64/hypercall_page.S \
	x86_64/hypercall.c x86_64/debugcon.c x86_64/evtchn_irq.c x86_64/time.c \
	../kvm/x86_64/pvh_note.S ../kvm/x86_64/pvh.c ../kvm/x86_64/bootinfo.c
plat-xen-srcs-$(CONFIG_ARCH_ARM64) += arm64/boot.c arm64/hypervisor.c arm64/uart.c \
	arm64/evtchn_irq.c arm64/time.c ../kvm/arm64/fdt.c ../kvm/arm64/psci.c
# plat/kvm's boot information helpers size their command-line copy with this name.
plat-xen-cflags-y += -DCONFIG_KVM_CMDLINE_MAX=$(CONFIG_XEN_CMDLINE_MAX)

ifeq ($(CONFIG_PLAT_XEN),y)
# `make run`: the image as a domain of a real Xen inside QEMU (support/xen/run, which
# reads ARGS and MEM as support/qemu-run does and takes the arch from the image;
# docs/xen.md).
keel-run-y = $(KEEL_ROOT)/support/xen/run $(KEEL_IMAGE)
endif
