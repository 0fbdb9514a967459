#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Turn `nm -n -S --defined-only` output (stdin) into an assembly file holding the sorted
# table of code symbols that panics and exceptions use to symbolize backtraces.
# Layout (lib/core/include/keel/ksyms.h, struct k_ksym_table): the lowest address, the
# entry count and the names' offset, then one 32-bit offset from that address per entry,
# then the entries' names, NUL-terminated, in table order. An entry runs to the next one.
# Where a sized symbol ends before the next begins (alignment padding), an entry with an
# empty name marks the gap, so that addresses there resolve to nothing. Of symbols at one
# address only the last in nm's order is kept (lookups never found the others).
# 4 bytes per entry plus the name: 8 KB of table became 4 KB on arm64's helloworld.
awk '
function hex(s,    v, i, c) {
	sub(/^0+/, "", s)
	if (length(s) > 13)
		fail("address 0x" s " is beyond what this script computes exactly (2^52)")
	v = 0
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", tolower(substr(s, i, 1)))
		if (!c)
			fail("bad hex number " s)
		v = v * 16 + c - 1
	}
	return v
}
function fail(msg) {
	print "gen-ksyms.sh: " msg > "/dev/stderr"
	failed = 1
	exit 1
}
function add(a, s, nm) {
	if (n && addr[n - 1] == a)
		n--
	addr[n] = a; size[n] = s; name[n] = nm; n++
}
BEGIN { n = 0 }
NF == 4 && $3 ~ /^[tTwW]$/ { add(hex($1), hex($2), $4) }
NF == 3 && $2 ~ /^[tTwW]$/ { add(hex($1), 0, $3) }
END {
	if (failed)
		exit 1
	m = 0
	for (i = 0; i < n; i++) {
		e_addr[m] = addr[i]; e_name[m] = name[i]; m++
		end = addr[i] + size[i]
		if (size[i] && (i + 1 == n || end < addr[i + 1])) {
			e_addr[m] = end; e_name[m] = ""; m++
		}
	}
	base = m ? e_addr[0] : 0
	if (m && e_addr[m - 1] - base > 4294967295)
		fail("code spans more than 4 GiB; offsets are 32-bit")
	print "\t.section .ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl k_ksym_table"
	print "k_ksym_table:"
	printf "\t.quad %.0f\n\t.long %d, k_ksym_names - k_ksym_table\n", base, m
	for (i = 0; i < m; i++)
		printf "\t.long %.0f\n", e_addr[i] - base
	print "k_ksym_names:"
	for (i = 0; i < m; i++)
		printf "\t.asciz \"%s\"\n", e_name[i]
}'
