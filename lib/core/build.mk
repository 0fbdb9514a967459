libs-$(CONFIG_LIBCORE) += core
core-srcs-y += fmt.c print.c panic.c ksyms.c bootmem.c guard.c cpu.c irq.c
