libs-$(CONFIG_LIBINITRD) += initrd
initrd-srcs-y += initrd.c cpio.c
