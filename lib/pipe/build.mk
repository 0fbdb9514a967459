libs-$(CONFIG_LIBPIPE) += pipe
pipe-srcs-y += pipe.c
