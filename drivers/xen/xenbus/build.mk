# SPDX-License-Identifier: BSD-3-Clause
libs-$(CONFIG_DRIVER_XENBUS) += xenbus
xenbus-srcs-y += xenbus.c
