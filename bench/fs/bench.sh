# SPDX-License-Identifier: BSD-3-Clause
# The file system section of `make bench`, sourced by bench/run (bench/README.md, "Files"):
# bench/fs/app (fsbench.c as a Keel app) on ramfs and on a host folder over virtio-9p,
# against the same fsbench.c built for Linux in the guest of bench/linux on tmpfs and 9p
# (msize 512 KiB on both), with identical QEMU flags (q35, 256 MiB, TCG, one vCPU,
# -fsdev local + virtio-9p-pci) in the same run. One boot per side: about 35 s.

declare -A fs_fig=()

# fs_parse LOG SIDE: fs_fig[SIDE,LABEL,open] in ns per open+close and
# fs_fig[SIDE,LABEL,write|read,IO] in MB/s, from fsbench's lines in LOG.
fs_parse() {
	local side=$2 label kind n ns io
	while read -r label kind n ns io; do
		case $kind in
		open-close) fs_fig[$side,$label,open]=$(calc "$ns / $n") ;;
		write|read) fs_fig[$side,$label,$kind,$io]=$(calc "$n / ($ns / 1e9) / 1e6") ;;
		esac
	done < <(tr -d '\r' <"$1" | awk '$1 == "fs-bench:" && ($3 == "open-close" ||
		$3 == "write" || $3 == "read") { io = $NF; sub(/\)$/, "", io); print $2, $3, $4, $7, io }')
}

bench_fs() {
	local share=$out/fs-share
	echo
	echo "Files (q35, 256 MiB, virtio-9p-pci, one vCPU; Linux: bench/linux, tmpfs and 9p)"
	build_app "$root/bench/fs/app" "$out/fs" || return
	fs_image=$image
	rm -rf "$share"
	mkdir -p "$share"
	if ! ARGS="vfs.mount=host0:/mnt -- ram=/ 9p=/mnt" MACHINE=q35 MEM=256M \
		QEMU_ARGS="-fsdev local,id=f0,path=$share,security_model=none -device virtio-9p-pci,fsdev=f0,mount_tag=host0" \
		timeout 120 "$root/support/qemu-run" "$fs_image" >"$out/fs-keel.log" 2>&1 ||
		! grep -q 'fs-bench: done, status 0' "$out/fs-keel.log"; then
		note_failure "the Keel file system run failed (log: ${out#"$root"/}/fs-keel.log)"
		return
	fi
	if ! LINUX_BENCH_DIR=$out/linux LINUX_BENCH_TIMEOUT=120 "$root/bench/linux/run-guest" fs \
		>"$out/fs-linux.log" 2>&1; then
		note_failure "the Linux file system run failed (log: ${out#"$root"/}/fs-linux.log)"
		return
	fi
	rm -rf "$share"
	fs_parse "$out/fs-keel.log" keel
	fs_parse "$out/fs-linux.log" linux
	printf '  open+close: Keel ramfs %.0f ns, 9p %.0f ns; Linux tmpfs %.0f ns, 9p %.0f ns\n' \
		"${fs_fig[keel,ram,open]:-0}" "${fs_fig[keel,9p,open]:-0}" \
		"${fs_fig[linux,tmpfs,open]:-0}" "${fs_fig[linux,9p,open]:-0}"
	for io in 1048576 4096; do
		printf '  %s-byte I/O, write/read MB/s: Keel ramfs %.0f/%.0f, 9p %.0f/%.0f; Linux tmpfs %.0f/%.0f, 9p %.0f/%.0f\n' \
			"$io" "${fs_fig[keel,ram,write,$io]:-0}" "${fs_fig[keel,ram,read,$io]:-0}" \
			"${fs_fig[keel,9p,write,$io]:-0}" "${fs_fig[keel,9p,read,$io]:-0}" \
			"${fs_fig[linux,tmpfs,write,$io]:-0}" "${fs_fig[linux,tmpfs,read,$io]:-0}" \
			"${fs_fig[linux,9p,write,$io]:-0}" "${fs_fig[linux,9p,read,$io]:-0}"
	done
}

# fs_row LABEL KEEL LINUX UNIT: one table row; the ratio is Keel / Linux.
fs_row() {
	if [ -z "$2" ] || [ -z "$3" ]; then
		row "$1" "failed" "-" "-" "-" "-"
		return
	fi
	row "$1" "$(printf '%.0f %s' "$2" "$4")" "$(printf '%.0f %s Linux' "$3" "$4")" \
		"$(ratio "$2" "$3")" "-" "-"
}

# Rows: "files ramfs|tmpfs: ..." (Keel's ramfs against Linux's tmpfs), "files 9p: ...".
fs_rows() {
	local fs lfs name io what
	for fs in ram 9p; do
		lfs=$fs name=$fs
		[ $fs = ram ] && lfs=tmpfs && name="ramfs|tmpfs"
		fs_row "files $name: open+close" "${fs_fig[keel,$fs,open]:-}" \
			"${fs_fig[linux,$lfs,open]:-}" ns
		for io in 1048576 4096; do
			for what in write read; do
				fs_row "files $name: $what, $([ $io = 4096 ] && echo 4 KiB || echo 1 MiB) I/O" \
					"${fs_fig[keel,$fs,$what,$io]:-}" "${fs_fig[linux,$lfs,$what,$io]:-}" MB/s
			done
		done
	done
}
