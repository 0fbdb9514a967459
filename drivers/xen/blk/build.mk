# SPDX-License-Identifier: BSD-3-Clause
libs-$(CONFIG_DRIVER_XEN_BLKFRONT) += xen-blkfront
xen-blkfront-srcs-y += blkfront.c
