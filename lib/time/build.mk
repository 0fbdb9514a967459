libs-$(CONFIG_LIBTIME) += time
time-srcs-y += clock.c timer.c
