libs-$(CONFIG_DRIVER_ARM_TIMER) += arm-timer
arm-timer-srcs-y += timer.c
