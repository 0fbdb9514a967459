libs-$(CONFIG_DRIVER_RTC_CMOS) += rtc_cmos
rtc_cmos-srcs-y += cmos.c date.c
