libs-$(CONFIG_LIBNETDEV) += netdev
netdev-srcs-y += netdev.c netbuf.c
