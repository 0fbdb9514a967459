libs-$(CONFIG_LIBFDTAB) += fdtab
fdtab-srcs-y += fdtab.c file.c console.c poll.c
