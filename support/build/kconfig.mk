# SPDX-License-Identifier: BSD-3-Clause
# Configuration: unit discovery, generated Kconfig lists, .config and the config header.

KGEN := $(KO)/kconfig
KEEL_TARGET_FRAGMENT := $(KEEL_ROOT)/support/targets/$(KEEL_TARGET).config
KEEL_TARGETS := $(basename $(notdir $(wildcard $(KEEL_ROOT)/support/targets/*.config)))

ifeq ($(shell command -v kconfig-conf),)
$(error kconfig-conf not found: install Debian's kconfig-frontends (sudo support/install-deps))
endif
ifeq ($(wildcard $(KEEL_APP)/.),)
$(error A=$(A): no such application folder ($(KEEL_APP)))
endif
# A TARGET given now must agree with the configured one: a different target needs its own O=.
ifneq ($(and $(TARGET),$(KEEL_SAVED_TARGET)),)
ifneq ($(TARGET),$(KEEL_SAVED_TARGET))
$(error $(O) is configured for $(KEEL_SAVED_TARGET), not $(TARGET): use another O= or make distclean)
endif
endif

ifeq ($(wildcard $(KEEL_TARGET_FRAGMENT)),)
$(error TARGET=$(KEEL_TARGET) is not a known target; this tree has: $(KEEL_TARGETS))
endif

# Discover every unit (a folder with Kconfig and build.mk) and write the Kconfig
# lists and units.mk; files are rewritten only when their content changes.
KEEL_GEN_ERR := $(shell $(KEEL_ROOT)/support/build/gen-units.sh '$(KEEL_ROOT)' '$(KGEN)' '$(KEEL_APP)' '$(KEEL_EXTLIBS)' 2>&1)
ifneq ($(KEEL_GEN_ERR),)
$(error $(KEEL_GEN_ERR))
endif
include $(KGEN)/units.mk

KCONFIG_ENV := KEEL_GEN=$(KGEN) KCONFIG_CONFIG=$(KO)/.config \
	KCONFIG_AUTOCONFIG=$(KGEN)/auto.conf KCONFIG_AUTOHEADER=$(KGEN)/autoconf.h \
	KCONFIG_TRISTATE=$(KGEN)/tristate.conf
KCONF = cd $(KGEN) && env $(KCONFIG_ENV) kconfig-conf -s
KEEL_KCONFIGS := $(KEEL_ROOT)/Kconfig $(wildcard $(addsuffix /Kconfig,$(KEEL_UNITS) $(KEEL_APP))) \
	$(addprefix $(KGEN)/Kconfig.,arch plat drivers libs ext app)

define keel-save-args
	$(Q)printf 'KEEL_SAVED_A := %s\nKEEL_SAVED_L := %s\nKEEL_SAVED_TARGET := %s\n' \
		'$(KEEL_APP)' '$(subst $() ,:,$(KEEL_EXTLIBS))' '$(KEEL_TARGET)' > $(KO)/keel.args
endef

define keel-defconfig
	@echo "  CONFIG  $(O)/.config from $(if $(wildcard $(KEEL_APP)/defconfig),$(patsubst $(KEEL_ROOT)/%,%,$(KEEL_APP))/defconfig + ,defaults + )$(KEEL_TARGET)"
	$(Q)mkdir -p $(KGEN)
	$(Q)cat $(wildcard $(KEEL_APP)/defconfig) $(KEEL_TARGET_FRAGMENT) > $(KGEN)/defconfig.merged
	$(Q)$(KCONF) --defconfig=$(KGEN)/defconfig.merged $(KEEL_ROOT)/Kconfig
	$(keel-save-args)
endef

# Make remakes an included makefile and restarts: this is how a fresh O= gets configured,
# and how new or edited Kconfig files reach an existing .config (olddefconfig).
$(KO)/.config: $(KEEL_KCONFIGS)
	$(if $(wildcard $@),@echo "  CONFIG  $(O)/.config (olddefconfig)",$(keel-defconfig))
	$(if $(wildcard $@),$(Q)$(KCONF) --olddefconfig $(KEEL_ROOT)/Kconfig)
	$(Q)touch $@

-include $(KO)/.config

.PHONY: menuconfig defconfig olddefconfig savedefconfig
menuconfig: | $(KO)/.config
	$(Q)cd $(KGEN) && env $(KCONFIG_ENV) kconfig-mconf $(KEEL_ROOT)/Kconfig
	$(keel-save-args)

defconfig:
	$(keel-defconfig)

olddefconfig: | $(KO)/.config
	$(Q)$(KCONF) --olddefconfig $(KEEL_ROOT)/Kconfig

savedefconfig: | $(KO)/.config
	$(Q)$(KCONF) --savedefconfig=$(KO)/defconfig $(KEEL_ROOT)/Kconfig
	@echo "  SAVED   $(O)/defconfig (copy it to your app folder as defconfig)"

# Arch and platform names from the configuration (CONFIG_ARCH_X86_64=y -> x86_64).
KEEL_ARCH := $(shell echo '$(patsubst CONFIG_ARCH_%=y,%,$(filter CONFIG_ARCH_%=y,$(foreach v,$(filter CONFIG_ARCH_%,$(.VARIABLES)),$(v)=$($(v)))))' | tr A-Z a-z)
KEEL_PLAT := $(shell echo '$(patsubst CONFIG_PLAT_%=y,%,$(filter CONFIG_PLAT_%=y,$(foreach v,$(filter CONFIG_PLAT_%,$(.VARIABLES)),$(v)=$($(v)))))' | tr A-Z a-z)
ifneq ($(words $(KEEL_ARCH))$(words $(KEEL_PLAT)),11)
ifneq ($(and $(KEEL_NEED_BUILD),$(wildcard $(KO)/.config)),)
$(error one architecture and one platform must be chosen, got "$(KEEL_ARCH)" and "$(KEEL_PLAT)"; options named ARCH_* or PLAT_* are reserved for the choices)
endif
endif
