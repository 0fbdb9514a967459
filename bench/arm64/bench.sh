# SPDX-License-Identifier: BSD-3-Clause
# The arm64 section of `make bench`, sourced by bench/run (bench/README.md, "arm64"):
# helloworld built for TARGET=kvm-arm64 against bench/arm64/trivial.S, a reference kernel
# that QEMU loads the same way (Image header, -kernel) and that prints one line and powers
# off through semihosting as Keel does, on QEMU -M virt -cpu cortex-a72 under TCG through
# support/qemu-run. Rows: stripped image size (the Image file, segments packed: see
# arch/arm64/link.lds.S), boot wall time (interleaved boots, median),
# Keel's entry to main, and the least memory each boots in (64 KiB steps).
# Environment: A64_BENCH_RUNS (timed boots per kernel, default 11, at least 5; an arm64
# boot under TCG takes about 0.5 s). Without an aarch64 toolchain or QEMU the section is
# skipped, which is not a failure.

a64_runs=${A64_BENCH_RUNS:-11}
a64_skip= a64_fail=
a64_hello= a64_trivial= a64_hello_bytes= a64_triv_bytes=
a64_hello_us= a64_triv_us= a64_main_us= a64_main_cycles=
declare -A a64_mem=() a64_probes=()

# a64_boot IMAGE MEM TIMEOUT [ARGS]: boot on virt under TCG, output in $log; sets boot_us
# to the wall time of the whole QEMU process and returns qemu-run's status.
a64_boot() {
	local t0 rc
	t0=${EPOCHREALTIME/./}
	KEEL_ARCH=arm64 MACHINE=virt MEM=$2 ACCEL=tcg ARGS=${4:-} QEMU_ARGS="" \
		timeout "$3" "$root/support/qemu-run" "$1" >"$log" 2>&1
	rc=$?
	sed -i 's/\r$//' "$log"
	boot_us=$((${EPOCHREALTIME/./} - t0))
	return $rc
}

# a64_build_images: helloworld for kvm-arm64 and the trivial kernel; sets a64_hello, a64_trivial.
a64_build_images() {
	local dir=$out/arm64-hello cross=aarch64-linux-gnu- line
	[ "$(uname -m)" = aarch64 ] && ! command -v ${cross}gcc >/dev/null && cross=
	rm -rf "$dir" "$out/arm64-trivial"
	mkdir -p "$dir" "$out/arm64-trivial"
	if ! make -C "$root" A="$root/apps/helloworld" O="$dir" TARGET=kvm-arm64 L= \
		>"$dir/make.log" 2>&1; then
		a64_fail="building helloworld failed (log: ${dir#"$root"/}/make.log)"
		return 1
	fi
	line=$(sed -n 's/^  IMAGE   //p' "$dir/make.log")
	case $line in /*) a64_hello=$line ;; *) a64_hello=$root/$line ;; esac
	a64_trivial=$out/arm64-trivial/trivial
	if ! ${cross}gcc -c "$root/bench/arm64/trivial.S" -o "$a64_trivial.o" ||
		! ${cross}ld -T "$root/bench/arm64/trivial.lds" -o "$a64_trivial.elf" "$a64_trivial.o" ||
		! ${cross}objcopy -O binary "$a64_trivial.elf" "$a64_trivial"; then
		a64_fail="building the arm64 trivial kernel failed"
		return 1
	fi
}

# a64_times: interleaved boots of both kernels (64 MiB), each pair followed by a
# helloworld boot with boot.time for the guest's own figure.
a64_times() {
	local i rc line us
	local -a hello=() triv=() mains=() cycles=()
	a64_boot "$a64_hello" 64M 20
	a64_boot "$a64_trivial" 64M 20
	for ((i = 0; i < a64_runs; i++)); do
		a64_boot "$a64_hello" 64M 20 || { a64_fail="helloworld: $(describe_boot $?)"; return 1; }
		hello+=("$boot_us")
		a64_boot "$a64_trivial" 64M 20 || { a64_fail="trivial: $(describe_boot $?)"; return 1; }
		grep -q '^trivial: hello$' "$log" || { a64_fail="the trivial kernel printed nothing"; return 1; }
		triv+=("$boot_us")
		a64_boot "$a64_hello" 64M 20 "boot.time --"; rc=$?
		[ $rc -eq 0 ] || { a64_fail="helloworld boot.time: $(describe_boot $rc)"; return 1; }
		line=$(grep -m 1 '^boot: entry to main:' "$log")
		us=$(sed -n 's/.* cycles, \([0-9]*\) us$/\1/p' <<<"$line")
		[ -n "$us" ] || { a64_fail="no 'boot: entry to main' line in microseconds"; return 1; }
		mains+=("$us")
		cycles+=("$(sed -n 's/^boot: entry to main: \([0-9]*\) cycles.*/\1/p' <<<"$line")")
	done
	a64_hello_us=$(median "${hello[@]}")
	a64_triv_us=$(median "${triv[@]}")
	a64_main_us=$(median "${mains[@]}")
	a64_main_cycles=$(median "${cycles[@]}")
}

# a64_probe IMAGE UNITS: does IMAGE boot and exit 0 with UNITS * 64 KiB of RAM? Appends
# the result to the caller's probes.
a64_probe() {
	local kib=$(($2 * 64)) rc
	a64_boot "$1" "${kib}K" 10; rc=$?
	case $rc in
	0) probes+=" ${kib}K:ok" ;;
	124) probes+=" ${kib}K:hang" ;;
	*) if grep -q 'Not enough space for DTB' "$log"; then
		probes+=" ${kib}K:refused"
	   else
		probes+=" ${kib}K:status-$rc"
	   fi ;;
	esac
	return $rc
}

# a64_min_mem NAME IMAGE: binary search, in 64 KiB steps between 256 KiB (taken not to
# boot) and 16 MiB, for the least RAM IMAGE boots and exits 0 in. QEMU refuses at once a
# machine without room for the device tree after the kernel ("refused").
a64_min_mem() {
	local lo=4 hi=256 mid probes=
	a64_probe "$2" $hi || { a64_probes[$1]=$probes; return 1; }
	while ((hi - lo > 1)); do
		mid=$(((lo + hi) / 2))
		if a64_probe "$2" $mid; then hi=$mid; else lo=$mid; fi
	done
	a64_mem[$1]=$((hi * 64))
	a64_probes[$1]=$probes
}

bench_arm64() {
	local t name
	echo
	echo "arm64: helloworld (TARGET=kvm-arm64) against bench/arm64/trivial.S on QEMU virt" \
		"(cortex-a72, TCG)"
	for t in qemu-system-aarch64 aarch64-linux-gnu-gcc; do
		[ "$t" = aarch64-linux-gnu-gcc ] && [ "$(uname -m)" = aarch64 ] && continue
		command -v $t >/dev/null || a64_skip+=" $t"
	done
	if [ -n "$a64_skip" ]; then
		echo "  skipped: not installed:$a64_skip (sudo support/install-deps)"
		return
	fi
	((a64_runs >= 5)) || { a64_fail="A64_BENCH_RUNS must be at least 5"; note_failure "arm64: $a64_fail"; return; }
	a64_build_images || { note_failure "arm64: $a64_fail"; return; }
	a64_hello_bytes=$(stat -c %s "$a64_hello")
	a64_triv_bytes=$(stat -c %s "$a64_trivial")
	printf '  image: %d bytes stripped; the trivial kernel: %d bytes\n' "$a64_hello_bytes" \
		"$a64_triv_bytes"
	aarch64-linux-gnu-size -A "$a64_hello.dbg" 2>/dev/null |
		awk '$3 ~ /^[0-9]+$/ && $3 > 0 { printf "    %-10s %7d bytes at 0x%x\n", $1, $2, $3 }'
	echo "    (the file packs .rodata and .data after .text; entry.S moves them to these pages)"
	if a64_times; then
		printf '  boot, median of %d: helloworld %.1f ms, trivial %.1f ms, ratio %.2f;' \
			"$a64_runs" "$(calc "$a64_hello_us / 1000")" "$(calc "$a64_triv_us / 1000")" \
			"$(calc "$a64_hello_us / $a64_triv_us")"
		printf ' entry to main %s cycles, %s us\n' "$a64_main_cycles" "$a64_main_us"
	else
		note_failure "arm64: $a64_fail"
	fi
	for name in helloworld trivial; do
		t=$a64_hello
		[ $name = trivial ] && t=$a64_trivial
		if a64_min_mem $name "$t"; then
			printf '  min memory, %-10s %5s KiB   probes:%s\n' "$name" "${a64_mem[$name]}" \
				"${a64_probes[$name]}"
		else
			note_failure "arm64: $name does not boot in 16 MiB:${a64_probes[$name]}"
		fi
	done
}

a64_rows() {
	local r
	if [ -n "$a64_skip" ]; then
		row "arm64 (virt)" "skipped" "-" "-" "-" "-"
		return
	fi
	if [ -z "$a64_hello_bytes" ]; then
		row "arm64 image size (stripped)" "failed" "-" "-" "<= 64 KiB" "-"
	else
		row "arm64 image size (stripped)" "$a64_hello_bytes B" "$a64_triv_bytes B" \
			"$(ratio "$a64_hello_bytes" "$a64_triv_bytes")" "<= 64 KiB" \
			"$(verdict "$a64_hello_bytes" "<=" "$target_image_bytes")"
	fi
	if [ -z "$a64_hello_us" ]; then
		row "arm64 boot wall time, virt" "failed" "-" "-" "<= 1.2x" "-"
	else
		r=$(printf '%.2f' "$(calc "$a64_hello_us / $a64_triv_us")")
		row "arm64 boot wall time, virt" "$(printf '%.1f ms' "$(calc "$a64_hello_us / 1000")")" \
			"$(printf '%.1f ms' "$(calc "$a64_triv_us / 1000")")" "$r" "<= 1.2x" \
			"$(verdict "$r" "<=" "$target_boot_ratio")"
		row "arm64 entry to main (guest), virt" "$a64_main_cycles cyc = $a64_main_us us" \
			"-" "-" "-" "-"
	fi
	# The target: the least memory QEMU virt accepts, which the trivial kernel finds.
	if [ -z "${a64_mem[helloworld]:-}" ] || [ -z "${a64_mem[trivial]:-}" ]; then
		row "arm64 min memory, virt" "failed" "-" "-" "= trivial" "-"
	else
		row "arm64 min memory, virt" "${a64_mem[helloworld]} KiB" \
			"${a64_mem[trivial]} KiB" "$(ratio "${a64_mem[helloworld]}" "${a64_mem[trivial]}")" \
			"= trivial" "$(verdict "${a64_mem[helloworld]}" "<=" "${a64_mem[trivial]}")"
	fi
}
