# SPDX-License-Identifier: BSD-3-Clause
# Compile, link (two passes, to embed the symbol table), strip.

CC := $(KEEL_CROSS)gcc
NM := $(KEEL_CROSS)nm
STRIP := $(KEEL_CROSS)strip
OBJCOPY := $(KEEL_CROSS)objcopy
KEEL_GCC_INC := $(shell $(CC) -print-file-name=include)
ifeq ($(shell command -v $(CC)),)
$(error $(CC) not found: run sudo support/install-deps)
endif

KEEL_IMAGE := $(KO)/$(KEEL_APP_NAME)_$(KEEL_PLAT)-$(KEEL_ARCH)
KEEL_CONFIG_H := $(KO)/include/keel/config.h
KEEL_INCLUDES := $(foreach n,$(libs-y),$(wildcard $($(n)-dir)/include)) $(KO)/include

# A C library other than klibc puts its headers in keel-isystem-y and its archives in
# keel-ldlibs-y; keel-prereq-y names files every compilation waits for (the library's
# build stamp). Libraries in fpu-libs-y may use floating point (CONFIG_FPU).
KEEL_CPPFLAGS := -nostdinc $(addprefix -isystem ,$(keel-isystem-y)) -isystem $(KEEL_GCC_INC) \
	-include $(KEEL_CONFIG_H) $(keel-cppflags-y) $(addprefix -I,$(KEEL_INCLUDES)) -DKEEL_APP_NAME='"$(KEEL_APP_NAME)"' \
	-DKEEL_TARGET_NAME='"$(KEEL_PLAT)-$(KEEL_ARCH)"'
# The optimization level: -O2 unless the architecture sets KEEL_ARCH_OPT_CFLAGS (arm64: -Os
# with CONFIG_ARM64_OPTIMIZE_SIZE). C libraries built from source keep their own.
KEEL_CFLAGS := -std=gnu11 -ffreestanding $(or $(KEEL_ARCH_OPT_CFLAGS),-O2) -g -Wall -Wextra \
	-fno-omit-frame-pointer -fno-stack-protector -fno-pic -fno-pie -fno-strict-aliasing \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables $(KEEL_ARCH_CFLAGS)
keel-fpu-cflags = $(if $(and $(CONFIG_FPU),$(filter $(1),$(fpu-libs-y))),$(KEEL_ARCH_FPU_CFLAGS),$(KEEL_ARCH_NOFPU_CFLAGS))
KEEL_ASFLAGS := -D__ASSEMBLY__ -g -Wa,--noexecstack $(KEEL_ARCH_ASFLAGS)
KEEL_LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,-z,max-page-size=0x1000 \
	-Wl,--build-id=none -Wl,-T,$(KO)/link.lds $(KEEL_ARCH_LDFLAGS) $(keel-ldflags-y)

# The project's own code builds with warnings as errors; out-of-tree code keeps its warnings.
keel-werror = $(if $(filter $(KEEL_ROOT)/%,$(1)),-Werror)
keel-objdir = $(if $(filter $(KEEL_ROOT)/%,$($(1)-dir)),$(KO)/obj/$(patsubst $(KEEL_ROOT)/%,%,$($(1)-dir)),$(KO)/obj/ext/$(1))
keel-show = @printf '  %-7s %s\n' '$(1)' '$(patsubst $(KO)/%,%,$(patsubst $(KO)/obj/%,%,$(2)))'

define keel-lib-rules
$(1)-objdir := $(call keel-objdir,$(1))
$(1)-objs := $$(addprefix $$($(1)-objdir)/,$$(addsuffix .o,$$(basename $$($(1)-srcs-y))))
KEEL_OBJS += $$($(1)-objs)
$$(if $$(filter-out $$(words $$(sort $$($(1)-objs))),$$(words $$($(1)-objs))),\
	$$(error $(1): two sources map to one object file: $$($(1)-srcs-y)))
$$($(1)-objdir)/%.o: $$($(1)-dir)/%.c $$(KEEL_CONFIG_H) $$(KEEL_ROOT)/support/build/rules.mk | $$(keel-prereq-y)
	$$(call keel-show,CC,$$@)
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(KEEL_CPPFLAGS) $$(KEEL_CFLAGS) $$(call keel-fpu-cflags,$(1)) $$(call keel-werror,$$($(1)-dir)) $$($(1)-cflags-y) -MMD -MP -c $$< -o $$@
$$($(1)-objdir)/%.o: $$($(1)-dir)/%.S $$(KEEL_CONFIG_H) $$(KEEL_ROOT)/support/build/rules.mk | $$(keel-prereq-y)
	$$(call keel-show,AS,$$@)
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(KEEL_CPPFLAGS) $$(KEEL_ASFLAGS) $$($(1)-asflags-y) -MMD -MP -c $$< -o $$@
endef

KEEL_OBJS :=
$(foreach n,$(libs-y),$(eval $(call keel-lib-rules,$(n))))
-include $(KEEL_OBJS:.o=.d)

$(KEEL_CONFIG_H): $(KO)/.config $(KEEL_ROOT)/support/build/gen-config-h.sh
	$(Q)mkdir -p $(@D)
	$(Q)$(KEEL_ROOT)/support/build/gen-config-h.sh < $< > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; echo "  GEN     include/keel/config.h"; fi

$(KO)/link.lds: $(KEEL_ARCH_LDS) $(KEEL_CONFIG_H)
	$(call keel-show,LDS,$@)
	$(Q)$(CC) -E -P -x c $(KEEL_CPPFLAGS) -D__ASSEMBLY__ -MMD -MP -MF $@.d -MT $@ $< -o $@
-include $(KO)/link.lds.d

# Pass 1 links without the symbol table; the table is generated from it and linked in
# pass 2. The table sits after all code, so code addresses cannot move; the build checks
# that they did not.
$(KEEL_IMAGE).dbg: $(KEEL_OBJS) $(keel-ldlibs-y) $(KO)/link.lds $(KEEL_ROOT)/support/build/gen-ksyms.sh
	$(call keel-show,LD,$@)
	$(Q)$(CC) $(KEEL_LDFLAGS) -o $@.pass1 $(KEEL_OBJS) $(keel-ldlibs-y) -lgcc
	$(call keel-show,KSYMS,$(KO)/ksyms.S)
	$(Q)$(NM) -n -S --defined-only $@.pass1 | $(KEEL_ROOT)/support/build/gen-ksyms.sh > $(KO)/ksyms.S
	$(Q)$(CC) $(KEEL_ASFLAGS) -c $(KO)/ksyms.S -o $(KO)/ksyms.o
	$(Q)$(CC) $(KEEL_LDFLAGS) -o $@ $(KEEL_OBJS) $(KO)/ksyms.o $(keel-ldlibs-y) -lgcc
	$(Q)$(NM) -n -S --defined-only $@ | $(KEEL_ROOT)/support/build/gen-ksyms.sh | cmp -s - $(KO)/ksyms.S \
		|| { echo "error: code moved between link passes; the symbol table would lie" >&2; exit 1; }
	$(Q)rm -f $@.pass1

# The image is the stripped ELF file, or the raw memory image for architectures whose
# loaders take one (KEEL_ARCH_IMAGE_FORMAT := binary: the arm64 Image).
ifeq ($(KEEL_ARCH_IMAGE_FORMAT),binary)
$(KEEL_IMAGE): $(KEEL_IMAGE).dbg
	$(call keel-show,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@
else
$(KEEL_IMAGE): $(KEEL_IMAGE).dbg
	$(call keel-show,STRIP,$@)
	$(Q)$(STRIP) -o $@ $<
endif

all: $(KEEL_IMAGE)
	@echo "  IMAGE   $(patsubst $(CURDIR)/%,%,$(KEEL_IMAGE))"

# An application folder with a rootfs/ gets O/initrd.cpio, which `make run` passes to
# the image (lib/initrd unpacks it into the root). Packed on every build (a file
# list cannot be a make prerequisite); the archive only changes when its content does.
KEEL_ROOTFS := $(wildcard $(KEEL_APP)/rootfs)
KEEL_INITRD := $(if $(KEEL_ROOTFS),$(KO)/initrd.cpio)
ifneq ($(KEEL_INITRD),)
.PHONY: $(KEEL_INITRD)
$(KEEL_INITRD):
	$(call keel-show,CPIO,$@)
	$(Q)$(KEEL_ROOT)/support/build/gen-initrd.sh $(KEEL_ROOTFS) $@
all: $(KEEL_INITRD)
endif

# Post-link hook: a unit whose image is packaged further (plat/efi: keel.efi and a GPT
# disk image) names a makefile in keel-post-mk-y from its build.mk. It is read here,
# where KEEL_IMAGE is known; the files it adds to keel-post-y are built by `all` and
# `make run`, and keel-run-y, when it sets it, is the command `make run` uses.
$(foreach f,$(keel-post-mk-y),$(eval include $(f)))
all: $(keel-post-y)
