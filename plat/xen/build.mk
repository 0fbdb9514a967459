# SPDX-License-Identifier: BSD-3-Clause
# plat/xen: a PVH guest of Xen. The PVH entry note, the start-info parser and the boot
# information helpers are plat/kvm's (the same protocol); the rest talks to Xen through
# the hypercall page: console ring, event channels, pvclock and timer, grant tables,
# xenstore, and SCHEDOP_shutdown.
libs-$(CONFIG_PLAT_XEN) += plat-xen
plat-xen-srcs-y += hypercall.c console.c evtchn.c time.c gnttab.c xenstore.c poweroff.c
plat-xen-srcs-$(CONFIG_ARCH_X86_64) += x86_64/boot.c x86_64/hypercall_page.S \
	../kvm/x86_64/pvh_note.S ../kvm/x86_64/pvh.c ../kvm/x86_64/bootinfo.c
# plat/kvm's boot information helpers size their command-line copy with this name.
plat-xen-cflags-y += -DCONFIG_KVM_CMDLINE_MAX=$(CONFIG_XEN_CMDLINE_MAX)

ifeq ($(CONFIG_PLAT_XEN),y)
# `make run`: the image as a PVH domain of a real Xen inside QEMU (support/xen/run, which
# reads ARGS and MEM as support/qemu-run does; docs/xen.md).
keel-run-y = $(KEEL_ROOT)/support/xen/run $(KEEL_IMAGE)
endif
