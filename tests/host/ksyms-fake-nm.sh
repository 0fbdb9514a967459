#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Fabricated `nm -n -S --defined-only` output for test_ksyms_gen.c (which knows this layout):
# a hand-written head with every symbol type gen-ksyms.sh must keep or drop (and two
# symbols at one address, of which it keeps the last), then
# f0..f256 at 0x200000 + 0x40*i, sized 0x20 unless i % 3 == 2, with a data symbol
# inside every fifth slot.
cat <<'NM'
0000000000001000 0000000000000020 T k_start
0000000000001020 t local_label
0000000000001040 0000000000000010 t helper
0000000000001050 0000000000000008 D some_data
0000000000001060 0000000000000030 W weak_fn
0000000000001090 r rodata_label
00000000000010a0 0000000000000100 T main_loop
00000000000011a0 A abs_sym
00000000000011b0 0000000000000004 B bss_var
00000000000011c0 0000000000000008 V weak_obj
00000000000011d0 0000000000000008 R table
0000000000001200 0000000000000010 t helper.cold
0000000000001300 t dropped_alias
0000000000001300 T last_fixed
NM
awk 'BEGIN {
	for (i = 0; i <= 256; i++) {
		a = 2097152 + 64 * i
		if (i % 3 == 2)
			printf "%016x t f%d\n", a, i
		else
			printf "%016x %016x T f%d\n", a, 32, i
		if (i % 5 == 0)
			printf "%016x %016x d d%d\n", a + 48, 8, i
	}
}'
