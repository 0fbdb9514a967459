# SPDX-License-Identifier: BSD-3-Clause
# Memory: the allocators (buddy + TLSF by default, region in a second build), out of
# memory, 1 GiB with 2 GiB of RAM, and the page tables' protections (W^X, NX, guard pages).

build_test build/mem A=tests/apps/mem O="$out/mem"
mem=$image
if selected build/mem-region; then
	build_edited build/mem-region "$out/mem-region" \
		's/^CONFIG_ALLOC_PAGES_BUDDY=y/CONFIG_ALLOC_PAGES_REGION=y/; s/^CONFIG_ALLOC_HEAP_TLSF=y/CONFIG_ALLOC_HEAP_REGION=y/' \
		A=tests/apps/mem
	mem_region=$image
	if [ "$rc" -eq 0 ] && grep -q 'CC      lib/alloc-region/heap.o' "$log" &&
	   ! grep -q 'lib/alloc-tlsf' "$log"; then
		t_pass build/mem-region
	else
		t_fail build/mem-region "make status $rc, or the region allocators were not built alone"
	fi
fi

for variant in buddy-tlsf region; do
	image=$mem
	[ "$variant" = region ] && image=${mem_region:-}
	[ -n "$image" ] || continue
	boot_test "mem/$variant/checks" "$image" 0 ARGS="-- heap stacks exhaust oom" -- \
		"mem: heap-api: ok" "mem: exhaust-pages: ok" "mem: exhaust-heap: ok" \
		"mem: oom-malloc-huge: ok" "mem: oom-calloc-overflow: ok" "mem: oom-palloc: ok" \
		"mem: oom-failures-counted: ok" "mem: oom-heap-still-works: ok" \
		"mem: oom-libc-enomem: ok" "mem: oom-posix-memalign-einval: ok" \
		"mem: stacks: ok" "mem: 0 failures" "!FAIL" \
		"warning: alloc: out of memory: k_palloc(1) failed; free: 0 KiB of pages" \
		"error: alloc: k_memalign(24, 64): the alignment is not a power of two"
	boot_test "mem/$variant/1gib-of-2gib" "$image" 0 MEM=2G ARGS="-- big" -- \
		"mem: big-palloc: ok" "mem: big-malloc: ok" "mem: 0 failures" "!FAIL"
done
boot_test mem/buddy-tlsf/1gib-returned "$mem" 0 MEM=2G ARGS="-- big" -- \
	"mem: big-palloc-again: ok"
for m in q35 pc; do
	boot_test "mem/buddy-tlsf/1gib-of-2gib-$m" "$mem" 0 MEM=2G MACHINE=$m ARGS="-- big" -- \
		"mem: big-palloc: ok" "mem: big-malloc: ok" "mem: big-palloc-again: ok" "!FAIL"
done

# Each exhaustion fails once and says so once: no second line from the heap's pool growth.
if selected mem/one-line-per-failure; then
	run_boot mem/one-line-per-failure "$mem" ARGS="-- oom"
	n=$(grep -c 'out of memory' "$log")
	if [ "$rc" -eq 0 ] && [ "$n" -eq 5 ]; then
		t_pass mem/one-line-per-failure
	else
		t_fail mem/one-line-per-failure "status $rc, $n out-of-memory lines for 5 failures"
	fi
fi

# Protections: each ends with Keel's report and status 126.
boot_test mem/wx-text "$mem" 126 ARGS="-- wx-text" -- \
	"#PF page fault" "W^X violation: write at 0x" "in kernel text, which is read-only" \
	"run_fault+"
boot_test mem/wx-rodata "$mem" 126 ARGS="-- wx-rodata" -- \
	"W^X violation: write at 0x" "in read-only data, which is read-only"
boot_test mem/nx-data "$mem" 126 ARGS="-- nx-data" -- \
	"W^X violation: instruction fetch at 0x" "which is not executable"
boot_test mem/nx-heap "$mem" 126 ARGS="-- nx-heap" -- \
	"W^X violation: instruction fetch at 0x" "which is not executable"
boot_test mem/thread-stack-overflow "$mem" 126 ARGS="-- thread-overflow" -- \
	"#DF double fault" "stack overflow in test-thread" "guard page under its stack" \
	"overflow_recurse"
boot_test mem/null-page-unmapped "$mem" 126 ARGS="-- null" -- \
	"NULL pointer dereference: read at address 0x0"
