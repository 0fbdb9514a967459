libs-$(CONFIG_LIB9PFS) += 9pfs
9pfs-srcs-y += msg.c client.c calls.c errno.c node.c ops.c io.c mount.c
