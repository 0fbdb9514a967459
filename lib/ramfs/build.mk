libs-$(CONFIG_LIBRAMFS) += ramfs
ramfs-srcs-y += ramfs.c dir.c data.c
