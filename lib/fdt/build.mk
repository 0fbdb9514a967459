# fdt: libfdt's sources come from the dtc release (fetch.sh, into KEEL_CACHE) and compile
# with Keel's flags through the upstream-*.c files here, which include them; keel_fdt.c
# holds Keel's helpers (keel/fdt.h).
libs-$(CONFIG_LIBFDT) += fdt
fdt-srcs-y += keel_fdt.c upstream-fdt.c upstream-fdt_ro.c upstream-fdt_addresses.c \
	upstream-fdt_strerror.c

ifeq ($(CONFIG_LIBFDT),y)
KEEL_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/keel
fdt-key := $(shell cat $(d)/fetch.sh | sha256sum | cut -c1-12)
fdt-src := $(KEEL_CACHE)/fdt/dtc-$(fdt-key)
fdt-dir-saved := $(d)
# libfdt.h for every library, and the upstream sources for the wrappers.
keel-cppflags-y += -I$(fdt-src)/libfdt
fdt-cflags-y += -I$(fdt-src)
keel-prereq-y += $(fdt-src)/.unpacked

$(fdt-src)/.unpacked:
	$(Q)KEEL_CACHE='$(KEEL_CACHE)' $(fdt-dir-saved)/fetch.sh '$(fdt-src)'
endif
