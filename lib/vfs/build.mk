libs-$(CONFIG_LIBVFS) += vfs
vfs-srcs-y += vnode.c walk.c calls.c calls2.c file.c mount_param.c
