# SPDX-License-Identifier: BSD-3-Clause
# Reads every discovered unit's build.mk, then the application's. A build.mk declares
#   libs-$(CONFIG_FOO) += foo         the library and the option that enables it
#   foo-srcs-y += a.c b.S             sources relative to the folder ($(d) is the folder)
#   foo-cflags-y, foo-asflags-y       extra flags for this library only
#   fpu-libs-y += foo                 foo may use floating point/SIMD (CONFIG_FPU); the
#                                     application always may
#   keel-ldflags-y                    extra flags for the kernel link (plat/efi: -e)
#   keel-post-mk-y, keel-post-y,      packaging after the link, see the end of rules.mk
#   keel-run-y
# The folder's include/ is on every library's include path when the library is enabled.

libs-y :=
libs-n :=
libs- :=
fpu-libs-y := app
keel-isystem-y :=
keel-cppflags-y :=
keel-prereq-y :=
keel-ldlibs-y :=
keel-ldflags-y :=
keel-post-mk-y :=
keel-post-y :=
keel-run-y :=
keel-libnames = $(libs-y) $(libs-n) $(libs-)

define keel-include-unit
d := $(1)
keel-before := $$(keel-libnames)
include $(1)/build.mk
$$(foreach n,$$(filter-out $$(keel-before),$$(keel-libnames)),$$(eval $$(call keel-fix-unit,$$(n),$(1))))
endef

# Record the folder and expand the lists now, while $(d) still names this folder.
define keel-fix-unit
$(1)-dir := $(2)
$(1)-srcs-y := $$($(1)-srcs-y)
$(1)-cflags-y := $$($(1)-cflags-y)
$(1)-asflags-y := $$($(1)-asflags-y)
endef

$(foreach u,$(KEEL_UNITS),$(eval $(call keel-include-unit,$(u))))

keel-dups := $(strip $(foreach n,$(sort $(keel-libnames)),$(if $(word 2,$(filter $(n),$(keel-libnames))),$(n))))
ifneq ($(keel-dups),)
$(error library names must be unique; declared more than once: $(keel-dups))
endif

# The application is always built; without a build.mk it is every .c file in its folder.
d := $(KEEL_APP)
ifneq ($(wildcard $(KEEL_APP)/build.mk),)
include $(KEEL_APP)/build.mk
else
app-srcs-y := $(notdir $(wildcard $(KEEL_APP)/*.c))
endif
libs-y += app
app-dir := $(KEEL_APP)

ifeq ($(KEEL_ARCH),)
$(error the configuration selects no architecture; run make menuconfig)
endif
ifeq ($(wildcard $(KEEL_ROOT)/arch/$(KEEL_ARCH)/build.mk),)
$(error arch/$(KEEL_ARCH) is not in this tree yet; targets that build today: $(KEEL_TARGETS))
endif
ifeq ($(wildcard $(KEEL_ROOT)/plat/$(KEEL_PLAT)/build.mk),)
$(error plat/$(KEEL_PLAT) is not in this tree yet; targets that build today: $(KEEL_TARGETS))
endif
