libs-$(CONFIG_LIBKLIBC) += klibc
klibc-srcs-y += string.c stdio.c stdlib.c
# The compiler must not turn the memset/memcpy loops back into calls to themselves.
klibc-cflags-y += -fno-tree-loop-distribute-patterns
