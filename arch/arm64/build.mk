libs-$(CONFIG_ARCH_ARM64) += arch-arm64
arch-arm64-srcs-y += entry.S vectors.S cpu.c traps.c backtrace.c mmu.c irq.c switch.S thread.c \
	semihost_call.S semihost.c
arch-arm64-srcs-$(CONFIG_FPU) += fpu.c fpu_regs.S

ifeq ($(CONFIG_ARCH_ARM64),y)
# -mno-outline-atomics: the Linux toolchain's default calls libgcc helpers that need
# the C library's getauxval; Keel's atomics are inline LL/SC (ARMv8.0).
KEEL_ARCH_CFLAGS := -march=armv8-a -mabi=lp64 -mcmodel=small -mno-outline-atomics \
	-mno-omit-leaf-frame-pointer -mbranch-protection=none
# Kernel code never touches FP/SIMD registers, so exceptions need not save them
# (AAPCS64 would otherwise let the compiler use them for memcpy and spills).
KEEL_ARCH_NOFPU_CFLAGS := -mgeneral-regs-only
KEEL_ARCH_FPU_CFLAGS :=
KEEL_ARCH_ELF_TRIPLE := aarch64-elf
# FP/SIMD registers in objdump -d output: v0.16b, q1, d2, s3 (checked in newlib's string code).
# A register operand ends at ",", "]", "}" or the line's end; a branch target such as
# "b0 <memcpy+0xb0>" is an address, not register b0.
KEEL_ARCH_SIMD_REGEX := [[:space:],\[{](v[0-9]+\.|[qdsbh][0-9]+([],}]|$$))
KEEL_ARCH_ASFLAGS := -march=armv8-a
# -Os: the default image must fit in 64 KiB (bench/arm64); see ARM64_OPTIMIZE_SIZE.
KEEL_ARCH_OPT_CFLAGS := $(if $(CONFIG_ARM64_OPTIMIZE_SIZE),-Os,-O2)
KEEL_ARCH_LDFLAGS := -Wl,--no-relax
KEEL_ARCH_LDS := $(d)/link.lds.S
# The loaders take a raw Image (Linux arm64 boot protocol), not an ELF file.
KEEL_ARCH_IMAGE_FORMAT := binary
ifneq ($(shell uname -m),aarch64)
KEEL_CROSS ?= aarch64-linux-gnu-
endif
endif
