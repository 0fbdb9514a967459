# SPDX-License-Identifier: BSD-3-Clause
# `make run` and `make debug`: boot the image under QEMU through support/qemu-run.
# MEM, ACCEL, MACHINE, ARGS and QEMU_ARGS are a stable contract for outside scripts;
# given on the make command line they reach the recipe's environment unchanged.
# INITRD=path passes a file as the initrd (-initrd); without it, the application's
# O/initrd.cpio (built from its rootfs/ folder) is passed when there is one, and
# `INITRD=` (empty) passes none.
# GNU make itself can only exit 0 or 2: a non-zero program status shows as
# "make: *** [run] Error N" with N the status; support/qemu-run exits with N itself.

KEEL_RUN_INITRD = $(if $(filter undefined,$(origin INITRD)),$(KEEL_INITRD),$(INITRD))

run: $(KEEL_IMAGE) $(keel-post-y) $(if $(filter undefined,$(origin INITRD)),$(KEEL_INITRD))
	$(Q)KEEL_ARCH=$(KEEL_ARCH) INITRD="$(KEEL_RUN_INITRD)" \
		$(or $(keel-run-y),$(KEEL_ROOT)/support/qemu-run $(KEEL_IMAGE))

# A platform with its own `make run` command (keel-run-y: plat/efi boots keel.img under
# UEFI firmware) is debugged through that command; the symbols stay KEEL_IMAGE.dbg's.
debug: $(KEEL_IMAGE) $(keel-post-y)
	$(Q)KEEL_ARCH=$(KEEL_ARCH) KEEL_RUN="$(keel-run-y)" $(KEEL_ROOT)/support/qemu-debug $(KEEL_IMAGE)
