# SPDX-License-Identifier: BSD-3-Clause
# The HTTP server section of `make bench`, sourced by bench/run (bench/README.md, "HTTP
# server"): apps/httpserver against the same server built for Linux in the guest of
# bench/linux, booted with identical QEMU flags (q35, 256 MiB, TCG, one vCPU,
# virtio-net-pci) in the same run, over QEMU user networking and over a tap device in a
# private network namespace; boot to first answer; image size; minimum memory.
# Environment: BENCH_HTTP_PORT (first of two host ports, default 20180),
# BENCH_HTTP_ROUNDS (interleaved runs per guest and network, default 2),
# BENCH_HTTP_SECONDS (each wrk run, default 5), BENCH_HTTP_NETS (default "user tap").

http_port=${BENCH_HTTP_PORT:-20180}
http_rounds=${BENCH_HTTP_ROUNDS:-2}
http_seconds=${BENCH_HTTP_SECONDS:-5}
http_nets=${BENCH_HTTP_NETS:-user tap}
target_http_ratio=3
target_http_bytes=409600
target_http_mem_kib=4096
declare -A http_fig=() http_med=() http_skip=()

# http_net_arg NET KIND: bench/http/measure's network argument (a port per guest kind).
http_net_arg() {
	case $1 in
	user) [ "$2" = keel ] && echo "user:$http_port" || echo "user:$((http_port + 1))" ;;
	*) echo "$1" ;;
	esac
}

# http_measure KIND GUEST NET: one wrk run of bench/http/measure; appends its figures to
# http_fig[KIND,NET,first|rps|p50|p99]. Returns measure's status.
http_measure() {
	local kind=$1 guest=$2 net=$3 res first wrk r p50 p99
	res=$(HTTP_BENCH_SECONDS=$http_seconds HTTP_BENCH_LOG="$out/http-$kind-$net.log" \
		"$root/bench/http/measure" wrk "$guest" "$(http_net_arg "$net" "$kind")" \
		2>>"$out/http-measure.log") || return 1
	first=$(sed -n 's/^http-bench: first-response \([0-9.]*\) ms$/\1/p' <<<"$res")
	wrk=$(sed -n 's/^http-bench: wrk \([0-9]*\) req\/s p50 \([0-9.]*\) ms p99 \([0-9.]*\) ms.*/\1 \2 \3/p' \
		<<<"$res")
	[ -n "$first" ] && [ -n "$wrk" ] || return 1
	echo "  $kind, $net: $(tr '\n' ' ' <<<"$res" | sed 's/http-bench: //g')"
	read -r r p50 p99 <<<"$wrk"
	http_fig[$kind,$net,first]+=" $first"
	http_fig[$kind,$net,rps]+=" $r"
	http_fig[$kind,$net,p50]+=" $p50"
	http_fig[$kind,$net,p99]+=" $p99"
}

# fmedian N...: the median of decimal numbers.
fmedian() {
	printf '%s\n' "$@" | sort -g |
		awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# http_serves_in KIB: does the image boot and answer / on microvm with KIB KiB of RAM?
http_serves_in() {
	local rc
	MACHINE=microvm MEM="${1}K" HTTP_BENCH_BOOT_TIMEOUT=20 HTTP_BENCH_LOG="$out/http-mem.log" \
		"$root/bench/http/measure" first "keel:$http_image:$http_initrd" "user:$http_port" \
		>/dev/null 2>>"$out/http-measure.log"
	rc=$?
	[ $rc -eq 0 ] && http_probes+=" ${1}K:ok" || http_probes+=" ${1}K:no"
	return $rc
}

# The least RAM (64 KiB steps, 1..16 MiB) httpserver boots and serves in.
http_min_mem() {
	local lo=16 hi=256 mid	# in 64 KiB units; hi must serve, lo is taken not to
	http_probes=
	http_mem_kib=
	http_serves_in $((hi * 64)) || return 1
	while ((hi - lo > 1)); do
		mid=$(((lo + hi) / 2))
		if http_serves_in $((mid * 64)); then hi=$mid; else lo=$mid; fi
	done
	http_mem_kib=$((hi * 64))
}

bench_http() {
	local lin=$out/linux i net kind f
	echo
	echo "HTTP server (apps/httpserver; Linux: the same server in bench/linux's guest;" \
		"q35, 256 MiB, TCG; wrk -t1 -c4, ${http_seconds} s; medians of $http_rounds)"
	command -v wrk >/dev/null || { note_failure "wrk not found: run support/install-deps"; return; }
	build_app "$root/apps/httpserver" "$out/httpserver" || return
	http_image=$image
	http_initrd=$out/httpserver/initrd.cpio
	http_bytes=$(stat -c %s "$http_image")
	if ! "$root/bench/linux/build-initramfs" "$lin" >"$out/linux-build.log" 2>&1; then
		note_failure "building the Linux guest failed (log: ${out#"$root"/}/linux-build.log)"
		return
	fi
	: >"$out/http-measure.log"
	for ((i = 0; i < http_rounds; i++)); do
		for net in $http_nets; do
			[ -z "${http_skip[$net]:-}" ] || continue
			if ! http_measure keel "keel:$http_image:$http_initrd" "$net"; then
				if [ "$net" = tap ] && grep -q "cannot make a tap" "$out/http-measure.log"; then
					http_skip[$net]="no tap device in a network namespace here"
					continue
				fi
				note_failure "httpserver, $net networking: no figures (log: ${out#"$root"/}/http-measure.log)"
			fi
			http_measure linux "linux:$lin" "$net" ||
				note_failure "the Linux guest, $net networking: no figures (log: ${out#"$root"/}/http-measure.log)"
		done
	done
	for net in $http_nets; do
		for kind in keel linux; do
			for f in first rps p50 p99; do
				# shellcheck disable=SC2086 # a list of numbers
				[ -z "${http_fig[$kind,$net,$f]:-}" ] ||
					http_med[$kind,$net,$f]=$(fmedian ${http_fig[$kind,$net,$f]})
			done
		done
	done
	http_min_mem || note_failure "httpserver did not serve in 16 MiB on microvm"
	printf '  image %d bytes stripped; serves in %s KiB on microvm (probes:%s)\n' \
		"$http_bytes" "${http_mem_kib:-?}" "$http_probes"
}

# http_row FIGURE NET UNIT KEY [TARGET VERDICT-OP]: a table row, Keel against Linux.
http_row() {
	local label=$1 net=$2 unit=$3 key=$4 k l
	k=${http_med[keel,$net,$key]:-} l=${http_med[linux,$net,$key]:-}
	if [ -n "${http_skip[$net]:-}" ]; then
		row "$label" "skipped" "${http_skip[$net]}" "-" "-" "-"
		return
	fi
	if [ -z "$k" ] || [ -z "$l" ]; then
		row "$label" "${k:-failed}" "${l:-failed} Linux" "-" "${5:--}" "-"
		return
	fi
	row "$label" "$k $unit" "$l $unit Linux" "$(ratio "$k" "$l")" "${5:--}" \
		"$([ -n "${6:-}" ] && verdict "$(ratio "$k" "$l")" "$6" "${5#>= }" || echo -)"
}

http_rows() {
	local net
	for net in $http_nets; do
		http_row "HTTP req/s, wrk 4 conns ($net net)" "$net" "req/s" rps ">= 3" ">="
		http_row "HTTP latency p50 ($net net)" "$net" "ms" p50
		http_row "HTTP latency p99 ($net net)" "$net" "ms" p99
		http_row "HTTP boot to first answer ($net net)" "$net" "ms" first
	done
	row "httpserver size (stripped)" "${http_bytes:-?} B" "-" "-" "<= 400 KiB" \
		"$(verdict "${http_bytes:-}" "<=" $target_http_bytes)"
	row "httpserver min memory, serving (microvm)" "${http_mem_kib:-failed}${http_mem_kib:+ KiB}" \
		"-" "-" "<= 4096 KiB" "$(verdict "${http_mem_kib:-}" "<=" $target_http_mem_kib)"
}
