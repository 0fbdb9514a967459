libs-$(CONFIG_LIBALLOC) += alloc
alloc-srcs-y += heap.c pages.c stack.c malloc.c
