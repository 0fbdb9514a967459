#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build and run Keel's host unit tests under ASan and UBSan. Prints one line per suite,
# "PASS host/<suite>" or "FAIL host/<suite>: <reason>", with details indented below a
# FAIL; exits 0 when everything passed. Objects go to $KEEL_TEST_OUT (build/host-tests).
set -u
set -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/host
OUT=${KEEL_TEST_OUT:-$ROOT/build/host-tests}
CC=${CC:-gcc}
SUITE_TIMEOUT=30

CFLAGS=(-std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined
	-fno-sanitize-recover=all)
CPPFLAGS=(-include "$HERE/config.h" -I"$ROOT/lib/core/include" -I"$ROOT/lib/boot/include"
	-I"$ROOT/lib/alloc/include" -I"$ROOT/lib/time/include" -I"$ROOT/lib/sched/include"
	-I"$ROOT/arch/x86_64/include" -I"$HERE")
# klibc defines memcpy, strtol...: rename them (klibc_host.h) and keep gcc from turning
# its loops back into calls, as lib/klibc/build.mk does.
KLIBC_FLAGS=(-DKLIBC_RENAME -include "$HERE/klibc_host.h" -fno-builtin
	-fno-tree-loop-distribute-patterns)

# gcc quotes and glibc output in plain ASCII whatever the caller's locale.
export LC_ALL=C
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

npass=0
nfail=0

cc() {
	"$CC" "${CFLAGS[@]}" "${CPPFLAGS[@]}" "$@"
}

# --- One build function per test binary (run in parallel, each in its own log) -------

build_fmt() {
	cc "$HERE/test_fmt.c" "$ROOT/lib/core/fmt.c" -o "$OUT/fmt"
}

build_cmdline() {
	cc "$HERE/test_cmdline.c" "$ROOT/lib/boot/cmdline.c" -o "$OUT/cmdline"
}

build_klibc_stdlib() {
	cc "${KLIBC_FLAGS[@]}" -c "$ROOT/lib/klibc/stdlib.c" -o "$OUT/klibc-stdlib.o" &&
	cc "$HERE/test_klibc_stdlib.c" "$OUT/klibc-stdlib.o" -lm -o "$OUT/klibc_stdlib"
}

build_klibc_string() {
	cc "${KLIBC_FLAGS[@]}" -c "$ROOT/lib/klibc/string.c" -o "$OUT/klibc-string.o" &&
	cc "$HERE/test_klibc_string.c" "$OUT/klibc-string.o" -o "$OUT/klibc_string"
}

# Link order matters: the test expects test_init.c, then unit a, then unit b.
build_init() {
	cc "$HERE/test_init.c" "$HERE/init_units_a.c" "$HERE/init_units_b.c" \
		"$ROOT/lib/boot/init.c" "$ROOT/lib/core/fmt.c" \
		-Wl,-L"$ROOT/support/build" -Wl,-T,"$HERE/k_tables_host.lds" -o "$OUT/init"
}

build_ksyms() {
	cc "$HERE/test_ksyms.c" "$ROOT/lib/core/ksyms.c" "$ROOT/lib/core/fmt.c" \
		-o "$OUT/ksyms"
}

build_ksyms_empty() {
	cc -DKSYMS_EMPTY_TABLE "$HERE/test_ksyms_empty.c" "$ROOT/lib/core/ksyms.c" \
		"$ROOT/lib/core/fmt.c" -o "$OUT/ksyms_empty"
}

build_ksyms_absent() {
	cc "$HERE/test_ksyms_empty.c" "$ROOT/lib/core/ksyms.c" "$ROOT/lib/core/fmt.c" \
		-o "$OUT/ksyms_absent"
}

build_ksyms_gen() {
	sh "$HERE/ksyms-fake-nm.sh" | sh "$ROOT/support/build/gen-ksyms.sh" \
		>"$OUT/ksyms_gen.S" &&
	"$CC" -c -x assembler -Wa,--noexecstack "$OUT/ksyms_gen.S" -o "$OUT/ksyms_gen.o" &&
	cc "$HERE/test_ksyms_gen.c" "$OUT/ksyms_gen.o" "$ROOT/lib/core/ksyms.c" \
		"$ROOT/lib/core/fmt.c" -o "$OUT/ksyms_gen"
}

build_bootmem() {
	cc "$HERE/test_bootmem.c" "$ROOT/lib/core/bootmem.c" -o "$OUT/bootmem"
}

build_buddy() {
	cc -I"$ROOT/lib/alloc-buddy" "$HERE/test_buddy.c" "$HERE/test_buddy_stress.c" \
		"$HERE/test_buddy_tail.c" "$ROOT/lib/alloc-buddy/buddy.c" \
		"$ROOT/lib/alloc-buddy/buddy_check.c" -o "$OUT/buddy"
}

build_tlsf() {
	cc -I"$ROOT/lib/alloc-tlsf" "$HERE/test_tlsf.c" "$HERE/test_tlsf_stress.c" \
		"$ROOT/lib/alloc-tlsf/tlsf.c" "$ROOT/lib/alloc-tlsf/tlsf_check.c" -o "$OUT/tlsf"
}

build_rtc_date() {
	cc -I"$ROOT/drivers/rtc/cmos" "$HERE/test_rtc_date.c" "$ROOT/drivers/rtc/cmos/date.c" \
		-o "$OUT/rtc_date"
}

build_virtq() {
	cc -I"$ROOT/drivers/virtio/core/include" -I"$ROOT/drivers/virtio/core" \
		"$HERE/test_virtq.c" "$ROOT/drivers/virtio/core/virtq.c" \
		"$ROOT/drivers/virtio/core/virtio.c" "$ROOT/lib/core/fmt.c" -o "$OUT/virtq"
}

TESTS=(fmt cmdline klibc_stdlib klibc_string init ksyms ksyms_empty ksyms_absent ksyms_gen
	bootmem buddy tlsf rtc_date virtq)

# --- Reporting -----------------------------------------------------------------------

pass() {
	echo "PASS host/$1"
	npass=$((npass + 1))
}

# Test data holds bytes such as 0xe9: keep the report plain ASCII for line-based readers.
printable() {
	LC_ALL=C tr -c '[:print:]\n' '?'
}

# fail NAME REASON [LOG]: the reason on the FAIL line, the log's key lines indented.
fail() {
	echo "FAIL host/$1: ${2//$ROOT\//}" | printable
	if [ -n "${3:-}" ]; then
		grep -a -E '^    [^ #]|ERROR:|error:|runtime error|^ *#[0-3] ' "$3" |
			head -n 12 | sed -e "s|$ROOT/||g" -e 's/^ */    /' | printable
		echo "    (log: $3)"
	fi
	nfail=$((nfail + 1))
}

# Why a suite failed, from its log: our own first failure, else the sanitizer's verdict.
failure_reason() {
	local log=$1 rc=$2 line

	line=$(grep -a -m1 '^reason: ' "$log" | sed 's/^reason: //')
	[ -z "$line" ] && line=$(grep -a -m1 'runtime error:' "$log")
	[ -z "$line" ] && line=$(grep -a -m1 '^SUMMARY: ' "$log" | sed 's/^SUMMARY: //')
	[ -z "$line" ] && [ "$rc" -eq 124 ] && line="timed out after ${SUITE_TIMEOUT}s"
	[ -z "$line" ] && [ "$rc" -eq 0 ] && line="exited 0 without reporting its cases"
	[ -z "$line" ] && line="exit status $rc"
	echo "$line"
}

run_suite() {
	local bin=$1 suite=$2 log=$OUT/$2.log rc

	if command -v timeout >/dev/null; then
		timeout "$SUITE_TIMEOUT" "$OUT/$bin" "$suite" >"$log" 2>&1
	else
		"$OUT/$bin" "$suite" >"$log" 2>&1
	fi
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q '^ran [1-9][0-9]* cases, 0 failures$' "$log"; then
		pass "$suite"
	else
		fail "$suite" "$(failure_reason "$log" "$rc")" "$log"
	fi
}

run_binary() {
	local t=$1 suites suite

	if [ "$(cat "$OUT/$t.build.rc")" != 0 ]; then
		fail "$t" "build failed: $(grep -a -m1 -E 'error|Error|undefined' "$OUT/$t.build.log")" \
			"$OUT/$t.build.log"
		return
	fi
	if ! suites=$("$OUT/$t" --list 2>"$OUT/$t.list.log") || [ -z "$suites" ]; then
		fail "$t" "cannot list its suites" "$OUT/$t.list.log"
		return
	fi
	for suite in $suites; do
		run_suite "$t" "$suite"
	done
}

# --- Checks done by the compiler alone --------------------------------------------------

# K_INIT's static assertion: a one-digit priority would sort after "10".
check_init_priority() {
	local name=init.priority_must_be_two_digits log=$OUT/init-prio.log

	if ! cc -fsyntax-only "$HERE/init_bad_prio.c" >"$log" 2>&1; then
		fail "$name" "a two-digit priority does not compile" "$log"
	elif cc -fsyntax-only -DBAD_PRIO "$HERE/init_bad_prio.c" >"$log" 2>&1; then
		fail "$name" "K_INIT accepted the one-digit priority 5"
	elif ! grep -q 'two digits' "$log"; then
		fail "$name" "rejected, but not by K_INIT's static assertion" "$log"
	else
		pass "$name"
	fi
}

# STYLE.md: every public header compiles on its own.
check_headers() {
	local name=headers.self_contained log=$OUT/headers.log h bad=

	: >"$log"
	for h in "$ROOT"/lib/{core,boot,alloc,time,sched}/include/keel/*.h; do
		if ! echo "#include <keel/${h##*/}>" |
			cc -fsyntax-only -x c - >>"$log" 2>&1; then
			bad="$bad ${h#$ROOT/}"
		fi
	done
	if [ -n "$bad" ]; then
		fail "$name" "does not compile alone:$bad" "$log"
	else
		pass "$name"
	fi
}

# --- Main ------------------------------------------------------------------------------

start=$(date +%s.%N)
if ! mkdir -p "$OUT"; then
	echo "FAIL host/setup: cannot create $OUT"
	exit 1
fi
OUT=$(cd "$OUT" && pwd)

for t in "${TESTS[@]}"; do
	(
		"build_$t" >"$OUT/$t.build.log" 2>&1
		echo $? >"$OUT/$t.build.rc"
	) &
done
wait

for t in "${TESTS[@]}"; do
	run_binary "$t"
done
check_init_priority
check_headers

end=$(date +%s.%N)
awk -v p="$npass" -v f="$nfail" -v a="$start" -v b="$end" \
	'BEGIN { printf "host tests: %d passed, %d failed in %.1fs\n", p, f, b - a }' >&2
[ "$nfail" -eq 0 ]
