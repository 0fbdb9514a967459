# SPDX-License-Identifier: BSD-3-Clause
libs-$(CONFIG_DRIVER_XEN_NETFRONT) += xen-netfront
xen-netfront-srcs-y += probe.c ring.c
