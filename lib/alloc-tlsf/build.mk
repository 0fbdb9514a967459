libs-$(CONFIG_ALLOC_HEAP_TLSF) += alloc-tlsf
alloc-tlsf-srcs-y += tlsf.c tlsf_check.c glue.c
