libs-$(CONFIG_LIBBOOT) += boot
boot-srcs-y += boot.c cmdline.c init.c
