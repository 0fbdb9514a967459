libs-$(CONFIG_LIBDEVFS) += devfs
devfs-srcs-y += devfs.c
