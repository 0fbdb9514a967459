# newlib: libc.a/libm.a are built by build.sh into a cache folder named after a hash of
# everything that changes them (the script, the patches, the architecture's flags), so
# a rebuild of the image costs nothing and every build shares them.
libs-$(CONFIG_LIBNEWLIB) += newlib
newlib-srcs-y += syscalls.c reent.c locks.c time.c env.c malloc_r.c sysconf.c
# The descriptor calls go through lib/fdtab and the path calls through lib/vfs when
# those are enabled; without them, fds 0-2 are the console and paths fail with ENOSYS.
newlib-srcs-$(CONFIG_LIBFDTAB) += fd.c
# poll() and select() over the descriptor table, for every kind of descriptor.
newlib-srcs-$(CONFIG_LIBFDTAB) += poll.c
newlib-srcs-$(if $(CONFIG_LIBFDTAB),,y) += console.c nofcntl.c
newlib-srcs-$(CONFIG_LIBVFS) += files.c dirent.c
newlib-srcs-$(if $(CONFIG_LIBVFS),,y) += nofiles.c

ifeq ($(CONFIG_LIBNEWLIB),y)
KEEL_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/keel
newlib-build-cflags := -O2 -g $(KEEL_ARCH_CFLAGS) $(KEEL_ARCH_FPU_CFLAGS) -fno-pic -fno-pie \
	-fno-stack-protector -fno-omit-frame-pointer -ffunction-sections -fdata-sections \
	-fno-asynchronous-unwind-tables -Wa,--noexecstack
newlib-key := $(shell cat $(d)/build.sh $(wildcard $(d)/patches/*.patch) | \
	{ cat; echo '$(KEEL_CROSS) $(KEEL_ARCH_ELF_TRIPLE) $(newlib-build-cflags) $(KEEL_ARCH_NOFPU_CFLAGS)'; } | \
	sha256sum | cut -c1-16)
newlib-prefix := $(KEEL_CACHE)/newlib/$(KEEL_ARCH)-$(newlib-key)
newlib-dir-saved := $(d)

keel-isystem-y += $(newlib-prefix)/include
keel-prereq-y += $(newlib-prefix)/.built
keel-ldlibs-y += $(newlib-prefix)/lib/libm.a $(newlib-prefix)/lib/libc.a

$(newlib-prefix)/.built:
	$(Q)KEEL_CACHE='$(KEEL_CACHE)' KEEL_CROSS='$(KEEL_CROSS)' $(newlib-dir-saved)/build.sh \
		'$(newlib-prefix)' '$(KEEL_ARCH_ELF_TRIPLE)' '$(newlib-build-cflags)' \
		'$(KEEL_ARCH_NOFPU_CFLAGS)' '$(KEEL_ARCH_SIMD_REGEX)'
$(newlib-prefix)/lib/libc.a $(newlib-prefix)/lib/libm.a: $(newlib-prefix)/.built
endif
