# SPDX-License-Identifier: BSD-3-Clause
# Keel build entry: resolves A/O/L/TARGET, then pulls in configuration and build rules.

SHELL := /bin/bash
.DEFAULT_GOAL := all
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-print-directory

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Goals that never need a configured output directory.
KEEL_NOCONF_GOALS := test test-xen-arm64 bench clean distclean help
KEEL_GOALS := $(or $(MAKECMDGOALS),all)
KEEL_NEED_CONFIG := $(filter-out $(KEEL_NOCONF_GOALS),$(KEEL_GOALS))
# Goals that only edit the configuration: they must work even when it cannot build.
KEEL_CONFIG_GOALS := menuconfig defconfig olddefconfig savedefconfig
KEEL_NEED_BUILD := $(filter-out $(KEEL_CONFIG_GOALS),$(KEEL_NEED_CONFIG))

KEEL_DEFAULT_APP := $(KEEL_ROOT)/apps/helloworld
KEEL_DEFAULT_TARGET := kvm-x86_64

ifeq ($(origin O),undefined)
O := build/$(notdir $(abspath $(or $(A),$(KEEL_DEFAULT_APP))))
endif
KO := $(abspath $(O))

# A, L and TARGET are remembered in the output directory so that later
# `make O=...` calls need not repeat them; values given now win.
-include $(KO)/keel.args
KEEL_APP := $(abspath $(or $(A),$(KEEL_SAVED_A),$(KEEL_DEFAULT_APP)))
KEEL_EXTLIBS := $(foreach l,$(subst :, ,$(or $(L),$(KEEL_SAVED_L))),$(abspath $(l)))
KEEL_TARGET := $(or $(TARGET),$(KEEL_SAVED_TARGET),$(KEEL_DEFAULT_TARGET))
KEEL_APP_NAME := $(notdir $(KEEL_APP))

.PHONY: all run debug test test-xen-arm64 bench clean distclean help

help:
	@sed -n '3,8p' $(KEEL_ROOT)/Makefile | sed 's/^# \{0,1\}//'
	@echo "See docs/getting-started.md for every variable."

test:
	$(Q)$(KEEL_ROOT)/tests/run

# Keel's arm64 Xen guests (tests/suites/87-xen-arm64.sh), which `make test` skips: their
# arm64 builds cost minutes (docs/xen.md).
test-xen-arm64:
	$(Q)KEEL_TEST_XEN_ARM64=1 TESTS='xen-arm64/*' $(KEEL_ROOT)/tests/run

bench:
	$(Q)$(KEEL_ROOT)/bench/run

clean:
	@echo "  CLEAN   $(O)"
	$(Q)rm -rf $(KO)/obj $(KO)/*.dbg $(KO)/ksyms.* $(KO)/$(KEEL_APP_NAME)_* $(KO)/initrd.cpio \
		$(KO)/keel.efi $(KO)/keel.img

distclean:
	@echo "  CLEAN   $(O) (configuration too)"
	$(Q)rm -rf $(KO)

ifneq ($(KEEL_NEED_CONFIG),)
include $(KEEL_ROOT)/support/build/kconfig.mk
ifneq ($(and $(KEEL_NEED_BUILD),$(wildcard $(KO)/.config)),)
include $(KEEL_ROOT)/support/build/units.mk
include $(KEEL_ROOT)/support/build/rules.mk
include $(KEEL_ROOT)/support/build/run.mk
endif
endif
