libs-$(CONFIG_LIBRANDOM) += random
random-srcs-y += chacha20.c random.c
