libs-$(CONFIG_ARCH_X86_64) += arch-x86_64
arch-x86_64-srcs-y += entry32.S trap_entry.S cpu.c traps.c backtrace.c mmu.c irq.c \
	switch.S thread.c
arch-x86_64-srcs-$(CONFIG_FPU) += fpu.c

ifeq ($(CONFIG_ARCH_X86_64),y)
KEEL_ARCH_CFLAGS := -m64 -march=x86-64 -mno-red-zone -mno-omit-leaf-frame-pointer -mcmodel=small
# Kernel code never touches SSE/x87 state: interrupts need not save it, and kvm_pvm
# style hypervisors that emulate ring 0 cannot run it. Libraries in fpu-libs-y (the
# application, the C library) get the full ABI when CONFIG_FPU is set.
KEEL_ARCH_NOFPU_CFLAGS := -mgeneral-regs-only
KEEL_ARCH_FPU_CFLAGS :=
# The GNU triple of a bare-metal toolchain for this architecture (C library builds).
KEEL_ARCH_ELF_TRIPLE := x86_64-elf
# Registers that mark SIMD/FPU code in objdump -d output (checked in newlib's string code).
KEEL_ARCH_SIMD_REGEX := %(xmm|ymm|zmm|st)
KEEL_ARCH_ASFLAGS := -m64
KEEL_ARCH_LDFLAGS := -m64
KEEL_ARCH_LDS := $(d)/link.lds.S
ifneq ($(shell uname -m),x86_64)
KEEL_CROSS ?= x86_64-linux-gnu-
endif
endif
