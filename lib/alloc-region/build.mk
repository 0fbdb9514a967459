libs-$(CONFIG_ALLOC_REGION) += alloc-region
alloc-region-srcs-$(CONFIG_ALLOC_PAGES_REGION) += pages.c
alloc-region-srcs-$(CONFIG_ALLOC_HEAP_REGION) += heap.c
