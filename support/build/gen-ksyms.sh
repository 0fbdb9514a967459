#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Turn `nm -n -S --defined-only` output (stdin) into an assembly file holding the sorted
# table of code symbols that panics and exceptions use to symbolize backtraces.
# Layout (lib/core/include/keel/ksyms.h): struct k_ksym { u64 addr; u32 size; u32 name; }
awk 'BEGIN { n = 0 }
NF == 4 && $3 ~ /^[tTwW]$/ { addr[n] = $1; size[n] = $2; name[n] = $4; n++ }
NF == 3 && $2 ~ /^[tTwW]$/ { addr[n] = $1; size[n] = "0"; name[n] = $3; n++ }
END {
	print "\t.section .ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl k_ksyms, k_ksyms_count, k_ksyms_names"
	print "k_ksyms_count:\n\t.quad " n
	print "k_ksyms:"
	off = 0
	for (i = 0; i < n; i++) {
		printf "\t.quad 0x%s\n\t.long 0x%s, %d\n", addr[i], size[i], off
		off += length(name[i]) + 1
	}
	print "k_ksyms_names:"
	for (i = 0; i < n; i++)
		printf "\t.asciz \"%s\"\n", name[i]
}'
