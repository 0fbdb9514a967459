# SPDX-License-Identifier: BSD-3-Clause
# Keel top-level Makefile: user-facing variables and goals. The rules live in support/build/.
#
#   make [A=app] [TARGET=plat-arch] [O=outdir] [L=lib1:lib2] [V=1]
#   make menuconfig | defconfig | olddefconfig | savedefconfig
#   make run [MEM=] [ACCEL=kvm|tcg] [MACHINE=] [ARGS=] [QEMU_ARGS=]
#   make debug | test | bench | clean | distclean | help

KEEL_ROOT := $(patsubst %/,%,$(dir $(realpath $(lastword $(MAKEFILE_LIST)))))
include $(KEEL_ROOT)/support/build/main.mk
