libs-$(CONFIG_DRIVER_GIC) += gic
gic-srcs-y += gic.c gicv2.c gicv3.c gicv2m.c
