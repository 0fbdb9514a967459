libs-$(CONFIG_ALLOC_PAGES_BUDDY) += alloc-buddy
alloc-buddy-srcs-y += buddy.c buddy_check.c glue.c
