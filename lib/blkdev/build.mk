libs-$(CONFIG_LIBBLKDEV) += blkdev
blkdev-srcs-y += blkdev.c sync.c
